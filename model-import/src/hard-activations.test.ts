import type { NodeSpec } from '@veneer/shared/models/onnx-writer';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { fuseHardActivations } from './hard-activations.ts';
import { OnnxBuilder } from './onnx-builder.ts';

/** 1/6 as TF.js stores it in float16. */
const SIXTH_F16 = 0.1666259765625;

/** A builder holding the constants the patterns use. */
function builder(): OnnxBuilder {
  const b = new OnnxBuilder();
  b.constant('zero', [], Float32Array.of(0));
  b.constant('six', [], Float32Array.of(6));
  b.constant('three', [], Float32Array.of(3));
  b.constant('sixth', [], Float32Array.of(SIXTH_F16));
  b.constant('exact_sixth', [], Float32Array.of(1 / 6));
  b.constant('half', [], Float32Array.of(0.5));
  // A 1x1 convolution over 2 channels, and a transpose to NCHW before it.
  b.constant('w', [2, 2, 1, 1], Float32Array.of(0.5, -1, 2, 0.25));
  return b;
}
const node = (
  op: string,
  inputs: string[],
  output: string,
  attributes?: NodeSpec['attributes'],
): NodeSpec => ({
  op,
  inputs,
  outputs: [output],
  ...(attributes ? { attributes } : {}),
});

/** x * s * relu6(x + 3), as the importer writes TF's hard_swish (Relu6 followed by an Identity). */
const hardSwish = (x: string, out: string, prefix = 'hs', sixth = 'sixth'): NodeSpec[] => [
  node('Mul', [sixth, x], `${prefix}/scaled`),
  node('Add', [x, 'three'], `${prefix}/add`),
  node('Clip', [`${prefix}/add`, 'zero', 'six'], `${prefix}/clip`),
  node('Identity', [`${prefix}/clip`], `${prefix}/relu6`),
  node('Mul', [`${prefix}/scaled`, `${prefix}/relu6`], out),
];
const toNchw = (x: string, out: string) => node('Transpose', [x], out, { perm: [0, 3, 1, 2] });

/** Runs the graph in `b` (input `in`, NHWC [1, 3, 3, 2]) before and after the rewrite. */
async function runBoth(
  b: OnnxBuilder,
  output: string,
): Promise<{ before: Float32Array; after: Float32Array }> {
  const input = Float32Array.from({ length: 18 }, (_, i) => (i - 9) * 0.9);
  const run = async () => {
    const { onnx } = b.finish('t', [{ name: 'in', type: 'float32', shape: [1, 3, 3, 2] }], [output]);
    const session = await ort.InferenceSession.create(onnx);
    const result = await session.run({ in: new ort.Tensor('float32', input, [1, 3, 3, 2]) });
    return result[output]!.data as Float32Array;
  };
  const before = await run();
  fuseHardActivations(b, [output]);
  return { before, after: await run() };
}

describe('fuseHardActivations', () => {
  it('rewrites x * s * relu6(x + 3) into HardSwish, its float16 factor folded into the next convolution', async () => {
    const b = builder();
    b.nodes.push(...hardSwish('in', 'y'), toNchw('y', 'y_nchw'), node('Conv', ['y_nchw', 'w'], 'out'));
    const { before, after } = await runBoth(b, 'out');
    expect(b.nodes.map((n) => n.op)).toEqual(['HardSwish', 'Transpose', 'Mul', 'Conv']);
    expect(b.nodes[0]).toMatchObject({ inputs: ['in'], outputs: ['y'] });
    expect(b.nodes[2]!.inputs[0]).toBe('w');
    for (let i = 0; i < before.length; i++) expect(after[i]).toBeCloseTo(before[i]!, 6);
  });

  it('applies the factor with one Mul where the result goes elsewhere, and none for an exact 1/6', async () => {
    const b = builder();
    b.nodes.push(...hardSwish('in', 'y'), node('Relu', ['y'], 'out'));
    const { before, after } = await runBoth(b, 'out');
    expect(b.nodes.map((n) => n.op)).toEqual(['HardSwish', 'Mul', 'Relu']);
    for (let i = 0; i < before.length; i++) expect(after[i]).toBeCloseTo(before[i]!, 6);

    const exact = builder();
    exact.nodes.push(...hardSwish('in', 'y', 'hs', 'exact_sixth'), node('Relu', ['y'], 'out'));
    const both = await runBoth(exact, 'out');
    expect(exact.nodes.map((n) => n.op)).toEqual(['HardSwish', 'Relu']);
    for (let i = 0; i < both.before.length; i++) expect(both.after[i]).toBeCloseTo(both.before[i]!, 6);
  });

  it('rewrites a squeeze-and-excite gate relu6(x + 3) * s into HardSigmoid, the factor carried through the product', async () => {
    const b = builder();
    b.nodes.push(
      node('Add', ['three', 'in'], 'add'),
      node('Clip', ['add', 'zero', 'six'], 'clip'),
      node('Mul', ['clip', 'sixth'], 'gate'),
      node('Mul', ['gate', 'in'], 'excited'),
      toNchw('excited', 'excited_nchw'),
      node('Conv', ['excited_nchw', 'w'], 'out'),
    );
    const { before, after } = await runBoth(b, 'out');
    expect(b.nodes.map((n) => n.op)).toEqual(['HardSigmoid', 'Mul', 'Transpose', 'Mul', 'Conv']);
    expect(b.nodes[0]!.floats!.alpha).toBeCloseTo(1 / 6, 12);
    expect(b.nodes[0]!.floats!.beta).toBe(0.5);
    for (let i = 0; i < before.length; i++) expect(after[i]).toBeCloseTo(before[i]!, 6);
  });

  it('folds the factors of a squeeze-and-excite block into every convolution its branches reach', async () => {
    const b = builder();
    b.nodes.push(
      ...hardSwish('in', 'y'),
      toNchw('y', 'y_nchw'),
      node('GlobalAveragePool', ['y_nchw'], 'pooled'),
      node('Conv', ['pooled', 'w'], 'squeezed'),
      node('Relu', ['squeezed'], 'relu'),
      node('Conv', ['relu', 'w'], 'expanded'),
      node('Add', ['expanded', 'three'], 'add'),
      node('Clip', ['add', 'zero', 'six'], 'clip'),
      node('Mul', ['sixth', 'clip'], 'gate'),
      node('Mul', ['y_nchw', 'gate'], 'excited'),
      node('Conv', ['excited', 'w'], 'out'),
    );
    const { before, after } = await runBoth(b, 'out');
    expect(b.nodes.map((n) => n.op)).toEqual([
      'HardSwish',
      'Transpose',
      'GlobalAveragePool',
      'Mul',
      'Conv',
      'Relu',
      'Conv',
      'HardSigmoid',
      'Mul',
      'Mul',
      'Conv',
    ]);
    // The first convolution takes the hard-swish's factor, the last both factors.
    expect(b.nodes[3]!.inputs[0]).toBe('w');
    expect(b.nodes[9]!.inputs[0]).toBe('w');
    for (let i = 0; i < before.length; i++) expect(after[i]).toBeCloseTo(before[i]!, 6);
  });

  it('does not fold a factor that would be squared (a result multiplied by itself)', async () => {
    const b = builder();
    b.nodes.push(
      ...hardSwish('in', 'y'),
      toNchw('y', 'y_nchw'),
      node('Identity', ['y_nchw'], 'again'),
      node('Mul', ['y_nchw', 'again'], 'squared'),
      node('Conv', ['squared', 'w'], 'out'),
    );
    const { before, after } = await runBoth(b, 'out');
    expect(b.nodes.map((n) => n.op)).toEqual(['HardSwish', 'Mul', 'Transpose', 'Identity', 'Mul', 'Conv']);
    for (let i = 0; i < before.length; i++) expect(after[i]).toBeCloseTo(before[i]!, 6);
  });

  it('leaves the pattern alone when a middle result is used elsewhere, or a constant differs', () => {
    const cases: Array<{ nodes: NodeSpec[]; outputs: string[] }> = [
      { nodes: [...hardSwish('in', 'y'), node('Add', ['hs/add', 'y'], 'out')], outputs: ['out'] },
      { nodes: hardSwish('in', 'y'), outputs: ['y', 'hs/clip'] },
      { nodes: hardSwish('in', 'y', 'hs', 'half'), outputs: ['y'] },
      {
        nodes: hardSwish('in', 'y').map((n) =>
          n.inputs[0] === 'sixth' ? { ...n, inputs: ['sixth', 'w'] } : n,
        ),
        outputs: ['y'],
      },
      {
        nodes: hardSwish('in', 'y').map((n) => (n.op === 'Add' ? { ...n, inputs: ['in', 'half'] } : n)),
        outputs: ['y'],
      },
    ];
    for (const { nodes, outputs } of cases) {
      const b = builder();
      b.nodes.push(...nodes);
      fuseHardActivations(b, outputs);
      expect(b.nodes).toEqual(nodes);
    }
  });

  it('fuses every occurrence in a chain', () => {
    const b = builder();
    b.nodes.push(
      ...hardSwish('in', 'y', 'a'),
      toNchw('y', 'y_nchw'),
      node('Conv', ['y_nchw', 'w'], 'z'),
      ...hardSwish('z', 'out', 'b'),
    );
    fuseHardActivations(b, ['out']);
    expect(b.nodes.map((n) => n.op)).toEqual(['HardSwish', 'Transpose', 'Mul', 'Conv', 'HardSwish', 'Mul']);
  });
});
