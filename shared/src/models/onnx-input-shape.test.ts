import { describe, expect, it } from 'vitest';
import { withInputShape } from './onnx-input-shape.ts';
import { type GraphSpec, writeOnnxModel } from './onnx-writer.ts';

const graph = (inputShape: number[], outputShape?: number[]): GraphSpec => ({
  name: 'g',
  producer: 'test',
  opset: 13,
  inputs: [
    { name: 'x', type: 'float32', shape: inputShape },
    { name: 'w', type: 'float32', shape: [4, 3, 3, 3] },
  ],
  outputs: [{ name: 'y', type: 'float32', ...(outputShape ? { shape: outputShape } : {}) }],
  nodes: [{ op: 'Conv', inputs: ['x', 'w'], outputs: ['y'], attributes: { pads: [1, 1, 1, 1] } }],
  initializers: [],
});

describe('withInputShape', () => {
  it('gives the input its new dims and drops the outputs’ old shapes, leaving the rest of the model as it was', () => {
    const square = writeOnnxModel(graph([1, 3, 320, 320], [1, 4, 320, 320]));
    const wide = withInputShape(square, 'x', [1, 3, 192, 320]);
    // The same as a model written with the new input shape and outputs without shapes.
    expect(Buffer.from(wide).equals(Buffer.from(writeOnnxModel(graph([1, 3, 192, 320]))))).toBe(true);
    // Sizes past one varint byte and back.
    const big = withInputShape(square, 'x', [1, 3, 100_000, 7]);
    expect(Buffer.from(withInputShape(big, 'x', [1, 3, 192, 320])).equals(Buffer.from(wide))).toBe(true);
  });

  it('leaves other inputs as they are', () => {
    const square = writeOnnxModel(graph([1, 3, 320, 320]));
    const edited = withInputShape(square, 'x', [1, 3, 320, 320]);
    expect(Buffer.from(edited).equals(Buffer.from(square))).toBe(true);
  });

  it('refuses an input the model does not have, sizes that are not sizes, and bytes that are not a model', () => {
    const model = writeOnnxModel(graph([1, 3, 320, 320]));
    expect(() => withInputShape(model, 'image', [1, 3, 192, 320])).toThrow('no input named image');
    expect(() => withInputShape(model, 'x', [1, 3, 0, 320])).toThrow(RangeError);
    expect(() => withInputShape(model, 'x', [1, 3, 1.5, 320])).toThrow(RangeError);
    expect(() => withInputShape(new Uint8Array([0x0a, 0xff]), 'x', [1])).toThrow('not an ONNX model');
  });
});
