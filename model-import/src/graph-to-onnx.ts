import type { NodeSpec, ValueInfo } from '@veneer/shared/models/onnx-writer';
import { fuseHardActivations } from './hard-activations.ts';
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
        const keepDims = Boolean(node.attr?.keep_dims?.b);
        if (keepDims && [...axes.values].map(Number).join() === '1,2') {
          // The mean over an NHWC image's height and width (squeeze-and-excite blocks): global
          // average pooling, which onnxruntime runs in its blocked layout with the convolutions.
          b.toNhwc(b.add('GlobalAveragePool', [b.toNchw(ins[0]!)]), out);
          break;
        }
        b.add(
          'ReduceMean',
          [ins[0]!],
          { axes: [...axes.values].map(Number), keepdims: keepDims ? 1 : 0 },
          undefined,
          out,
        );
        break;
      }
      case 'ResizeBilinear': {
        // Resize runs in NCHW; the output size is N, C of the input and the TF size tensor.
        const x = b.toNchw(ins[0]!);
        const nc = b.add('Slice', [b.add('Shape', [x]), b.int64s([0]), b.int64s([2])]);
        const sizes = b.add('Concat', [nc, b.add('Cast', [ins[1]!], { to: 7 })], { axis: 0 });
        const mode = node.attr?.align_corners?.b
          ? 'align_corners'
          : node.attr?.half_pixel_centers?.b
            ? 'half_pixel'
            : 'asymmetric';
        const y = b.add('Resize', [x, '', '', sizes], {
          mode: 'linear',
          coordinate_transformation_mode: mode,
        });
        b.toNhwc(y, out);
        break;
      }
      case 'ConcatV2': {
        const axis = constValues.get(ins.at(-1)!);
        if (!axis) throw new Error(`${node.name}: the concat axis must be a constant`);
        b.add('Concat', ins.slice(0, -1), { axis: Number(axis.values[0]) }, undefined, out);
        break;
      }
      case 'Reshape':
        b.add('Reshape', [ins[0]!, b.add('Cast', [ins[1]!], { to: 7 })], undefined, undefined, out);
        break;
      case 'Equal':
        b.add('Equal', [ins[0]!, ins[1]!], undefined, undefined, out);
        break;
      case 'Cast': {
        // TF int32 is int64 here throughout (onnxruntime's shape and index ops want int64).
        const to = { DT_FLOAT: 1, DT_INT32: 7, DT_INT64: 7, DT_BOOL: 9 }[node.attr?.DstT?.type ?? ''];
        if (!to) throw new UnsupportedOpError(`Cast to ${node.attr?.DstT?.type}`, node.name);
        b.add('Cast', [ins[0]!], { to }, undefined, out);
        break;
      }
      case 'TopKV2': {
        const k = constValues.get(ins[1]!);
        if (!k) throw new Error(`${node.name}: k must be a constant`);
        b.addMulti('TopK', [ins[0]!, b.int64s([Number(k.values[0])])], [out, `${out}:1`], {
          axis: -1,
          largest: 1,
          sorted: 1,
        });
        break;
      }
      case 'ExpandDims': {
        const axis = constValues.get(ins[1]!);
        if (!axis) throw new Error(`${node.name}: the axis must be a constant`);
        b.add('Unsqueeze', [ins[0]!, b.int64s([Number(axis.values[0])])], undefined, undefined, out);
        break;
      }
      case 'FloorDiv': {
        const integer = node.attr?.T?.type === 'DT_INT32';
        // Integer Div truncates; the indices divided here are never negative, where floor = trunc.
        const q = b.add('Div', [ins[0]!, ins[1]!], undefined, undefined, integer ? out : undefined);
        if (!integer) b.add('Floor', [q], undefined, undefined, out);
        break;
      }
      case 'FloorMod':
        if (node.attr?.T?.type !== 'DT_INT32') throw new UnsupportedOpError('FloorMod on floats', node.name);
        b.add('Mod', [ins[0]!, ins[1]!], { fmod: 0 }, undefined, out);
        break;
      case 'GatherV2': {
        const axis = constValues.get(ins[2]!);
        if (!axis) throw new Error(`${node.name}: the axis must be a constant`);
        if (Number(node.attr?.batch_dims?.i ?? 0) !== 0)
          throw new UnsupportedOpError('GatherV2 with batch_dims', node.name);
        b.add('Gather', [ins[0]!, ins[1]!], { axis: Number(axis.values[0]) }, undefined, out);
        break;
      }
      case 'StridedSlice': {
        const [begin, end, strides] = [1, 2, 3].map((i) => constValues.get(ins[i]!));
        if (!begin || !end || !strides)
          throw new Error(`${node.name}: begin, end and strides must be constants`);
        const mask = (name: string) => Number(node.attr?.[name]?.i ?? 0);
        if (mask('ellipsis_mask') || mask('new_axis_mask'))
          throw new UnsupportedOpError('StridedSlice with ellipsis or new axes', node.name);
        const rank = begin.values.length;
        const starts: number[] = [];
        const ends: number[] = [];
        const steps: number[] = [];
        const shrink: number[] = [];
        for (let i = 0; i < rank; i++) {
          const step = Number(strides.values[i]);
          const bit = 1 << i;
          const shrinking = Boolean(mask('shrink_axis_mask') & bit);
          starts.push(mask('begin_mask') & bit ? (step > 0 ? 0 : -1) : Number(begin.values[i]));
          ends.push(
            shrinking
              ? Number(begin.values[i]) + 1 || Number.MAX_SAFE_INTEGER
              : mask('end_mask') & bit
                ? step > 0
                  ? Number.MAX_SAFE_INTEGER
                  : -Number.MAX_SAFE_INTEGER
                : Number(end.values[i]),
          );
          steps.push(step);
          if (shrinking) shrink.push(i);
        }
        const axes = Array.from({ length: rank }, (_, i) => i);
        const sliced = b.add(
          'Slice',
          [ins[0]!, b.int64s(starts), b.int64s(ends), b.int64s(axes), b.int64s(steps)],
          undefined,
          undefined,
          shrink.length ? undefined : out,
        );
        if (shrink.length) b.add('Squeeze', [sliced, b.int64s(shrink)], undefined, undefined, out);
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
  fuseHardActivations(b, outputs);
  return b.finish(name, inputs, outputs);
}
