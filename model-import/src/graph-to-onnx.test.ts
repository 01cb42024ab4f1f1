import { describe, expect, it } from 'vitest';
import { graphModelToOnnx } from './graph-to-onnx.ts';
import type { TfjsModel } from './tfjs-model.ts';

/** A tiny hand-made graph model: input -> <op> -> output. */
const fakeGraph = (op: string): TfjsModel => ({
  format: 'graph-model',
  modelTopology: {
    node: [
      {
        name: 'input',
        op: 'Placeholder',
        attr: { shape: { shape: { dim: [{ size: '-1' }, { size: '4' }] } } },
      },
      { name: 'weird', op, input: ['input'] },
    ],
  },
  weightsManifest: [{ paths: [], weights: [] }],
});

describe('graphModelToOnnx', () => {
  it('refuses an op it does not know, naming the op and the node', () => {
    expect(() => graphModelToOnnx(fakeGraph('FFT2D'), new Uint8Array(), 'fake')).toThrow(
      'unsupported TF.js op FFT2D (node weird)',
    );
  });

  it('writes a model for a graph it knows', () => {
    const { onnx, inputs, outputs } = graphModelToOnnx(fakeGraph('Softmax'), new Uint8Array(), 'fake');
    expect(onnx.byteLength).toBeGreaterThan(50);
    expect(inputs).toEqual([{ name: 'input', type: 'float32', shape: ['batch', 4] }]);
    expect(outputs).toEqual(['weird']);
  });
});
