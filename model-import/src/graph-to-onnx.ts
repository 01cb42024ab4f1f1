import type { NodeSpec, ValueInfo } from '@veneer/shared/models/onnx-writer';
import { type ConvertedModel, OnnxBuilder, OPSET, UnsupportedOpError } from './onnx-builder.ts';
import { type DecodedWeight, decodeWeights, type TfAttr, type TfjsModel, type TfNode } from './tfjs-model.ts';

export { type ConvertedModel, OPSET, UnsupportedOpError };

/**
 * Converts a TF.js graph model to ONNX (IR 8, opset 17) for onnxruntime-node and -web.
 * TF.js works in NHWC; convolutions and pooling run in ONNX's NCHW between two Transposes, which
 * onnxruntime's optimizer cancels almost entirely. uint8-quantized weights stay uint8 in the
 * file, dequantized by the graph itself (Cast, Mul, Add: constant-folded when the model loads).
 * An op this importer does not know fails the import, naming the op and the node.
 */
const decode = (s: string) => Buffer.from(s, 'base64').toString('utf8');
const ints = (attr: TfAttr | undefined) => (attr?.list?.i ?? []).map(Number);
const strings = (attr: TfAttr | undefined) => (attr?.list?.s ?? []).map(decode);

/** A tensor reference in TF's graph: "name", "name:1", or a control dependency "^name". */
function tensorName(ref: string): string {
  const [name, index] = ref.split(':');
  return index && index !== '0' ? `${name}:${index}` : name!;
}

/** Applies a fused activation (TF's fused_ops after BiasAdd). */
function activation(b: OnnxBuilder, x: string, op: string, node: TfNode): string {
  switch (op) {
    case 'Relu':
      return b.add('Relu', [x]);
    case 'Relu6':
      return b.add('Clip', [x, b.scalar(0), b.scalar(6)]);
    case 'Sigmoid':
      return b.add('Sigmoid', [x]);
    case 'Elu':
      return b.add('Elu', [x]);
    case 'LeakyRelu':
      return b.add('LeakyRelu', [x], undefined, { alpha: node.attr?.leakyrelu_alpha?.f ?? 0.2 });
    default:
      throw new UnsupportedOpError(`${node.op} with fused ${op}`, node.name);
  }
}

function padding(node: TfNode): NodeSpec['attributes'] {
  const mode = decode(node.attr?.padding?.s ?? '');
  if (mode === 'SAME') return { auto_pad: 'SAME_UPPER' };
  if (mode === 'VALID') return { auto_pad: 'VALID' };
  if (mode === 'EXPLICIT') {
    const p = ints(node.attr?.explicit_paddings);
    return { pads: [p[2]!, p[4]!, p[3]!, p[5]!] };
  }
  throw new UnsupportedOpError(`${node.op} with padding ${mode}`, node.name);
}

/** Strides or dilations of an NHWC op as [h, w]. */
const spatial = (attr: TfAttr | undefined, fallback = 1) => {
  const v = ints(attr);
  return v.length === 4 ? [v[1]!, v[2]!] : [fallback, fallback];
};

export function graphModelToOnnx(model: TfjsModel, weightData: Uint8Array, name: string): ConvertedModel {
  if (model.format !== 'graph-model')
    throw new Error(`expected a graph model, got ${model.format ?? 'a layers model'}`);
  const weights = decodeWeights(model, weightData);
  const graphNodes = model.modelTopology.node ?? [];
  const b = new OnnxBuilder();
  const inputs: ValueInfo[] = [];
  const consumed = new Set<string>();
  for (const node of graphNodes)
    for (const ref of node.input ?? []) if (!ref.startsWith('^')) consumed.add(tensorName(ref));
  const constValues = new Map<string, DecodedWeight>();

  for (const node of graphNodes) {
    const ins = (node.input ?? []).filter((r) => !r.startsWith('^')).map(tensorName);
    const out = node.name;
    const fused = strings(node.attr?.fused_ops);
    switch (node.op) {
      case 'Placeholder': {
        const dims = (node.attr?.shape?.shape?.dim ?? []).map((d) =>
          Number(d.size) < 0 ? 'batch' : Number(d.size),
        );
        inputs.push({ name: out, type: 'float32', shape: dims });
        break;
      }
      case 'Const': {
        const weight = weights.get(out);
        if (!weight) throw new Error(`Const ${out} has no weights in the manifest`);
        constValues.set(out, weight);
        b.weight(out, weight);
        break;
      }
      case 'Identity':
        b.add('Identity', [ins[0]!], undefined, undefined, out);
        break;
      case 'Mul':
      case 'Sub':
      case 'AddV2':
      case 'Add':
      case 'RealDiv':
      case 'Maximum':
      case 'Minimum': {
        const op = {
          Mul: 'Mul',
          Sub: 'Sub',
          AddV2: 'Add',
          Add: 'Add',
          RealDiv: 'Div',
          Maximum: 'Max',
          Minimum: 'Min',
        }[node.op];
        b.add(op, [ins[0]!, ins[1]!], undefined, undefined, out);
        break;
      }
      case 'Relu':
      case 'Relu6':
      case 'Sigmoid': {
        const result = activation(b, ins[0]!, node.op, node);
        b.add('Identity', [result], undefined, undefined, out);
        break;
      }
      case '_FusedConv2D':
      case 'Conv2D':
      case 'FusedDepthwiseConv2dNative':
      case 'DepthwiseConv2dNative': {
        const depthwise = node.op.includes('Depthwise');
        const filterShape = constValues.get(ins[1]!)?.shape;
        if (!filterShape) throw new Error(`${node.name}: the filter must be a constant`);
        let weight: string;
        let group = 1;
        if (depthwise) {
          const [h, w, c, m] = filterShape as [number, number, number, number];
          const chw = b.add('Transpose', [ins[1]!], { perm: [2, 3, 0, 1] });
          weight = b.add('Reshape', [chw, b.int64s([c * m, 1, h, w])]);
          group = c;
        } else {
          weight = b.add('Transpose', [ins[1]!], { perm: [3, 2, 0, 1] });
        }
        const ops = node.op.startsWith('Fused') || node.op.startsWith('_Fused') ? fused : [];
        if (ops.length > 0 && ops[0] !== 'BiasAdd')
          throw new UnsupportedOpError(`${node.op} fused ${ops.join('+')}`, node.name);
        const convInputs = [b.toNchw(ins[0]!), weight, ...(ops[0] === 'BiasAdd' ? [ins[2]!] : [])];
        let y = b.add('Conv', convInputs, {
          ...padding(node),
          strides: spatial(node.attr?.strides),
          dilations: spatial(node.attr?.dilations),
          group,
        });
        for (const op of ops.slice(1)) y = activation(b, y, op, node);
        b.toNhwc(y, out);
        break;
      }
      case 'AvgPool':
      case 'MaxPool': {
        const y = b.add(node.op === 'AvgPool' ? 'AveragePool' : 'MaxPool', [b.toNchw(ins[0]!)], {
          kernel_shape: spatial(node.attr?.ksize),
          strides: spatial(node.attr?.strides),
          ...padding(node),
          ...(node.op === 'AvgPool' ? { count_include_pad: 0 } : {}),
        });
        b.toNhwc(y, out);
        break;
      }
      case 'Squeeze': {
        const axes = ints(node.attr?.squeeze_dims);
        b.add('Squeeze', axes.length ? [ins[0]!, b.int64s(axes)] : [ins[0]!], undefined, undefined, out);
        break;
      }
      case '_FusedMatMul':
      case 'MatMul': {
        const ops = node.op === '_FusedMatMul' ? fused : [];
        if (ops.length > 0 && ops[0] !== 'BiasAdd')
          throw new UnsupportedOpError(`${node.op} fused ${ops.join('+')}`, node.name);
        let y = b.add('Gemm', [ins[0]!, ins[1]!, ...(ops[0] === 'BiasAdd' ? [ins[2]!] : [])], {
          transA: node.attr?.transpose_a?.b ? 1 : 0,
          transB: node.attr?.transpose_b?.b ? 1 : 0,
        });
        for (const op of ops.slice(1)) y = activation(b, y, op, node);
        b.add('Identity', [y], undefined, undefined, out);
        break;
      }
      case 'Mean': {
        const axes = constValues.get(ins[1]!);
        if (!axes) throw new Error(`${node.name}: the reduction axes must be a constant`);
        b.add(
          'ReduceMean',
          [ins[0]!],
          { axes: [...axes.values].map(Number), keepdims: node.attr?.keep_dims?.b ? 1 : 0 },
          undefined,
          out,
        );
        break;
      }
      case 'Softmax':
        b.add('Softmax', [ins[0]!], { axis: -1 }, undefined, out);
        break;
      default:
        throw new UnsupportedOpError(node.op, node.name);
    }
  }

  const signatureOutputs = Object.values(model.signature?.outputs ?? {}).map((o) => tensorName(o.name));
  const outputs =
    signatureOutputs.length > 0
      ? signatureOutputs
      : graphNodes
          .filter((n) => n.op !== 'Const' && n.op !== 'Placeholder' && !consumed.has(n.name))
          .map((n) => n.name);
  return b.finish(name, inputs, outputs);
}
