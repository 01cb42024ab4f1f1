import type { NodeSpec } from '@veneer/shared/models/onnx-writer';
import type { OnnxBuilder } from './onnx-builder.ts';

/**
 * 1/6 stored as float16 (as TF.js models often store constants) is 0.16662598: a scale this
 * close counts as 1/6, and the difference is kept (below). 0, 3 and 6 must be exact.
 */
const FLOAT16_TOLERANCE = 1e-3;
const near = (value: number | undefined, expected: number) =>
  value !== undefined && Math.abs(value - expected) <= FLOAT16_TOLERANCE * Math.max(1, Math.abs(expected));

/** One pattern found: `mul` becomes `fused`, which is `factor` times what the pattern computed. */
interface Match {
  mul: NodeSpec;
  fused: NodeSpec;
  /** 6 times the model's own "1/6": the model computed `factor` times the ONNX op. */
  factor: number;
  made: NodeSpec[];
}

/**
 * Models of the MobileNetV3 family, written out in TF ops, compute hard-swish as
 * `x * s * relu6(x + 3)` and hard-sigmoid as `relu6(x + 3) * s` with s = 1/6: three or four
 * elementwise passes over the activations (Add, Clip, Mul, Mul), each of which also sends
 * onnxruntime's blocked-layout convolutions back to plain NCHW and back. ONNX has both as single
 * ops (HardSwish; HardSigmoid with alpha 1/6, beta 0.5), which onnxruntime fuses into the
 * convolution before them. This finds both patterns (Identity nodes between included) and
 * rewrites each into its one op.
 *
 * The models store s in float16 (0.16662598, not 1/6), so the model computes 6s = 0.99976 times
 * the ONNX op; over dozens of layers that difference grows to 1e-2. The factor is kept exactly:
 * multiplied into the weights of the convolutions the result feeds (through Transposes, pooling
 * and products; a constant product onnxruntime folds when it loads the model), or, where the
 * result also goes anywhere else, applied by one Mul after the op. A pattern whose middle results
 * are used elsewhere is left alone.
 */
export function fuseHardActivations(b: OnnxBuilder, graphOutputs: readonly string[]): void {
  const nodes = b.nodes;
  const scalars = new Map<string, number>();
  for (const init of b.initializers)
    if (init.data instanceof Float32Array && init.data.length === 1 && !init.float16)
      scalars.set(init.name, init.data[0]!);
  const producer = new Map<string, NodeSpec>();
  const consumers = new Map<string, NodeSpec[]>();
  for (const node of nodes) {
    for (const out of node.outputs) producer.set(out, node);
    for (const input of node.inputs) {
      const users = consumers.get(input);
      if (users) users.push(node);
      else consumers.set(input, [node]);
    }
  }
  const outputs = new Set(graphOutputs);
  const usedOnce = (name: string) => !outputs.has(name) && consumers.get(name)?.length === 1;
  const taken = new Set<NodeSpec>();

  /** The node making `name`, looking through single-use Identity nodes (collected in `via`). */
  const source = (name: string, via: NodeSpec[]): NodeSpec | undefined => {
    let node = producer.get(name);
    while (node?.op === 'Identity' && usedOnce(node.inputs[0]!)) {
      via.push(node);
      node = producer.get(node.inputs[0]!);
    }
    return node;
  };

  /** For `relu6(x + 3)`: x and the nodes that made it, or null. */
  const relu6Plus3 = (name: string): { x: string; made: NodeSpec[] } | null => {
    const made: NodeSpec[] = [];
    const clip = source(name, made);
    if (clip?.op !== 'Clip' || taken.has(clip) || !usedOnce(clip.outputs[0]!)) return null;
    if (scalars.get(clip.inputs[1]!) !== 0 || scalars.get(clip.inputs[2]!) !== 6) return null;
    const add = producer.get(clip.inputs[0]!);
    if (add?.op !== 'Add' || taken.has(add) || !usedOnce(add.outputs[0]!)) return null;
    const [p, q] = add.inputs as [string, string];
    const x = scalars.get(q) === 3 ? p : scalars.get(p) === 3 ? q : null;
    return x === null ? null : { x, made: [...made, clip, add] };
  };

  /** For `x * s` with s near 1/6: x and s, or null. */
  const sixthOf = (node: NodeSpec | undefined): { x: string; s: number } | null => {
    if (node?.op !== 'Mul' || taken.has(node)) return null;
    const [p, q] = node.inputs as [string, string];
    const sq = scalars.get(q);
    const sp = scalars.get(p);
    if (near(sq, 1 / 6)) return { x: p, s: sq! };
    if (near(sp, 1 / 6)) return { x: q, s: sp! };
    return null;
  };

  const matches: Match[] = [];
  for (const mul of nodes) {
    if (mul.op !== 'Mul' || taken.has(mul)) continue;
    for (const [gate, other] of [
      [mul.inputs[0]!, mul.inputs[1]!],
      [mul.inputs[1]!, mul.inputs[0]!],
    ] as const) {
      const relu6 = relu6Plus3(gate);
      if (!relu6) continue;
      const s = scalars.get(other);
      if (near(s, 1 / 6)) {
        // relu6(x + 3) * s: hard-sigmoid.
        const fused = {
          op: 'HardSigmoid',
          inputs: [relu6.x],
          outputs: mul.outputs,
          floats: { alpha: 1 / 6, beta: 0.5 },
        };
        matches.push({ mul, fused, factor: 6 * s!, made: relu6.made });
        for (const node of [mul, ...relu6.made]) taken.add(node);
        break;
      }
      const scaling = producer.get(other);
      const scaled = sixthOf(scaling);
      if (scaled?.x === relu6.x && usedOnce(other)) {
        // x * s * relu6(x + 3): hard-swish.
        const fused = { op: 'HardSwish', inputs: [relu6.x], outputs: mul.outputs };
        matches.push({ mul, fused, factor: 6 * scaled.s, made: [...relu6.made, scaling!] });
        for (const node of [mul, ...relu6.made, scaling!]) taken.add(node);
        break;
      }
    }
  }

  /**
   * The convolutions every use of `name` reaches through ops that carry a scale along unchanged
   * (Transpose, Identity, global average pooling, a product with another tensor), each reached
   * once: scaling their weights scales what they compute from `name`. Null when any use ends
   * anywhere else.
   */
  const scaledConvs = (name: string): NodeSpec[] | null => {
    const convs: NodeSpec[] = [];
    const visited = new Set<NodeSpec>();
    const walk = (current: string): boolean => {
      const uses = consumers.get(current) ?? [];
      if (outputs.has(current) || uses.length === 0) return false;
      for (const next of uses) {
        // Reached twice (x * x, or two paths joining): the scale would be squared.
        if (visited.has(next) || taken.has(next)) return false;
        visited.add(next);
        if (next.op === 'Conv') {
          if (next.inputs[0] !== current || next.inputs.slice(1).includes(current)) return false;
          convs.push(next);
          continue;
        }
        const carries =
          next.op === 'Transpose' ||
          next.op === 'Identity' ||
          next.op === 'GlobalAveragePool' ||
          (next.op === 'Mul' &&
            next.inputs.length === 2 &&
            next.inputs.every((input) => !scalars.has(input)));
        if (!carries || !walk(next.outputs[0]!)) return false;
      }
      return true;
    };
    return walk(name) ? convs : null;
  };

  const replaced = new Map<NodeSpec, NodeSpec[]>();
  const convFactors = new Map<NodeSpec, number>();
  const removed = new Set<NodeSpec>();
  for (const { mul, fused, factor, made } of matches) {
    for (const node of made) removed.add(node);
    // 1/6 in float32 is 1/6 to within rounding: nothing to keep.
    if (Math.abs(factor - 1) <= 1e-6) {
      replaced.set(mul, [fused]);
      continue;
    }
    const convs = scaledConvs(mul.outputs[0]!);
    if (convs) {
      replaced.set(mul, [fused]);
      for (const conv of convs) convFactors.set(conv, (convFactors.get(conv) ?? 1) * factor);
    } else {
      const unscaled = b.fresh(fused.op.toLowerCase());
      replaced.set(mul, [
        { ...fused, outputs: [unscaled] },
        { op: 'Mul', inputs: [unscaled, b.scalar(factor)], outputs: mul.outputs },
      ]);
    }
  }

  const rewritten: NodeSpec[] = [];
  for (const node of nodes) {
    if (removed.has(node)) continue;
    const replacement = replaced.get(node);
    if (replacement) {
      rewritten.push(...replacement);
      continue;
    }
    const factor = convFactors.get(node);
    if (factor !== undefined) {
      const weight = b.fresh('scaled_weight');
      rewritten.push({ op: 'Mul', inputs: [node.inputs[1]!, b.scalar(factor)], outputs: [weight] });
      rewritten.push({ ...node, inputs: [node.inputs[0]!, weight, ...node.inputs.slice(2)] });
      continue;
    }
    rewritten.push(node);
  }
  nodes.splice(0, nodes.length, ...rewritten);
}
