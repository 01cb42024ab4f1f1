import type { ValueInfo } from '@veneer/shared/models/onnx-writer';
import { type ConvertedModel, OnnxBuilder, UnsupportedOpError } from './onnx-builder.ts';
import { type DecodedWeight, decodeWeights, type TfjsModel } from './tfjs-model.ts';

/**
 * Converts a TF.js layers model (Keras functional model config + weights) to ONNX, layer by
 * layer, in NHWC like Keras (convolutions and pooling between Transposes). Batch normalization
 * is folded into one multiply-add per channel; dropout is the identity at inference.
 */
interface KerasLayer {
  name: string;
  class_name: string;
  config: Record<string, unknown> & { name: string };
  inbound_nodes: Array<Array<[string, number, number, Record<string, unknown>]>>;
}

const pair = (v: unknown, fallback: number): [number, number] =>
  Array.isArray(v)
    ? [Number(v[0]), Number(v[1] ?? v[0])]
    : typeof v === 'number'
      ? [v, v]
      : [fallback, fallback];

export function layersModelToOnnx(model: TfjsModel, weightData: Uint8Array, name: string): ConvertedModel {
  if (model.format && model.format !== 'layers-model')
    throw new Error(`expected a layers model, got ${model.format}`);
  const config = (
    model.modelTopology as { model_config?: { class_name: string; config: Record<string, unknown> } }
  ).model_config;
  if (!config) throw new Error('the layers model has no model_config');
  const layers = (config.config.layers ?? []) as KerasLayer[];
  const outputLayers = (config.config.output_layers ?? []) as Array<[string, number, number]>;
  const weights = decodeWeights(model, weightData);
  const weight = (layer: string, part: string): DecodedWeight => {
    const found = weights.get(`${layer}/${part}`);
    if (!found) throw new Error(`layer ${layer}: no weight ${part}`);
    return found;
  };
  const b = new OnnxBuilder();
  const inputs: ValueInfo[] = [];
  const constant = (layer: string, part: string) => b.weight(`${layer}/${part}`, weight(layer, part));

  for (const layer of layers) {
    const c = layer.config;
    const [inbound] = layer.inbound_nodes;
    const ins = (inbound ?? []).map(([source]) => source);
    const out = layer.name;
    const activate = (x: string, activation: unknown): string => {
      switch (activation ?? 'linear') {
        case 'linear':
          return x;
        case 'relu':
          return b.add('Relu', [x]);
        case 'relu6':
          return b.add('Clip', [x, b.scalar(0), b.scalar(6)]);
        case 'sigmoid':
          return b.add('Sigmoid', [x]);
        case 'softmax':
          return b.add('Softmax', [x], { axis: -1 });
        default:
          throw new UnsupportedOpError(
            `${layer.class_name} with activation ${String(activation)}`,
            layer.name,
          );
      }
    };
    switch (layer.class_name) {
      case 'InputLayer': {
        const shape = (c.batch_input_shape as Array<number | null>).map((d) => d ?? 'batch');
        inputs.push({ name: out, type: 'float32', shape });
        break;
      }
      case 'ZeroPadding2D': {
        const [[top, bottom], [left, right]] = c.padding as [[number, number], [number, number]];
        b.add('Pad', [ins[0]!, b.int64s([0, top, left, 0, 0, bottom, right, 0])], undefined, undefined, out);
        break;
      }
      case 'Conv2D':
      case 'DepthwiseConv2D': {
        const depthwise = layer.class_name === 'DepthwiseConv2D';
        const kernelName = depthwise ? 'depthwise_kernel' : 'kernel';
        const kernel = weight(out, kernelName);
        let w: string;
        let group = 1;
        if (depthwise) {
          const [h, kw, ch, m] = kernel.shape as [number, number, number, number];
          const chw = b.add('Transpose', [constant(out, kernelName)], { perm: [2, 3, 0, 1] });
          w = b.add('Reshape', [chw, b.int64s([ch * m, 1, h, kw])]);
          group = ch;
        } else {
          w = b.add('Transpose', [constant(out, kernelName)], { perm: [3, 2, 0, 1] });
        }
        const padding = c.padding === 'same' ? 'SAME_UPPER' : 'VALID';
        const y = b.add('Conv', [b.toNchw(ins[0]!), w, ...(c.use_bias ? [constant(out, 'bias')] : [])], {
          auto_pad: padding,
          strides: pair(c.strides, 1),
          dilations: pair(c.dilation_rate, 1),
          group,
        });
        b.toNhwc(activate(y, c.activation), out);
        break;
      }
      case 'BatchNormalization': {
        const epsilon = Number(c.epsilon ?? 1e-3);
        const gamma = c.scale === false ? null : weight(out, 'gamma').values;
        const beta = c.center === false ? null : weight(out, 'beta').values;
        const mean = weight(out, 'moving_mean').values;
        const variance = weight(out, 'moving_variance').values;
        const scale = Float32Array.from(
          mean,
          (_, i) => (gamma?.[i] ?? 1) / Math.sqrt(variance[i]! + epsilon),
        );
        const shift = Float32Array.from(mean, (m, i) => (beta?.[i] ?? 0) - m * scale[i]!);
        const scaled = b.add('Mul', [ins[0]!, b.constant(b.fresh(`${out}_scale`), [scale.length], scale)]);
        b.add(
          'Add',
          [scaled, b.constant(b.fresh(`${out}_shift`), [shift.length], shift)],
          undefined,
          undefined,
          out,
        );
        break;
      }
      case 'ReLU': {
        const max = c.max_value as number | null | undefined;
        if (Number(c.negative_slope ?? 0) !== 0 || Number(c.threshold ?? 0) !== 0)
          throw new UnsupportedOpError('ReLU with a slope or threshold', layer.name);
        const y =
          max == null ? b.add('Relu', [ins[0]!]) : b.add('Clip', [ins[0]!, b.scalar(0), b.scalar(max)]);
        b.add('Identity', [y], undefined, undefined, out);
        break;
      }
      case 'Activation':
        b.add('Identity', [activate(ins[0]!, c.activation)], undefined, undefined, out);
        break;
      case 'Add':
        b.add('Sum', ins, undefined, undefined, out);
        break;
      case 'AveragePooling2D':
      case 'MaxPooling2D': {
        const pool = pair(c.pool_size, 2);
        const y = b.add(
          layer.class_name === 'AveragePooling2D' ? 'AveragePool' : 'MaxPool',
          [b.toNchw(ins[0]!)],
          {
            kernel_shape: pool,
            strides: pair(c.strides ?? c.pool_size, pool[0]),
            auto_pad: c.padding === 'same' ? 'SAME_UPPER' : 'VALID',
            ...(layer.class_name === 'AveragePooling2D' ? { count_include_pad: 0 } : {}),
          },
        );
        b.toNhwc(y, out);
        break;
      }
      case 'GlobalAveragePooling2D':
        b.add('ReduceMean', [ins[0]!], { axes: [1, 2], keepdims: 0 }, undefined, out);
        break;
      case 'Flatten':
        // NHWC flattened in Keras's channels_last order.
        b.add('Flatten', [ins[0]!], { axis: 1 }, undefined, out);
        break;
      case 'Dense': {
        const y = b.add('Gemm', [
          ins[0]!,
          constant(out, 'kernel'),
          ...(c.use_bias ? [constant(out, 'bias')] : []),
        ]);
        b.add('Identity', [activate(y, c.activation)], undefined, undefined, out);
        break;
      }
      case 'Dropout':
        b.add('Identity', [ins[0]!], undefined, undefined, out);
        break;
      default:
        throw new UnsupportedOpError(layer.class_name, layer.name);
    }
  }
  const outputs = outputLayers.map(([layer]) => layer);
  return b.finish(name, inputs, outputs);
}
