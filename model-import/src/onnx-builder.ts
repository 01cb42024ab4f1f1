import {
  type Initializer,
  type NodeSpec,
  type ValueInfo,
  writeOnnxModel,
} from '@veneer/shared/models/onnx-writer';
import type { DecodedWeight } from './tfjs-model.ts';

/** IR 8, opset 17: loaded by onnxruntime-node and onnxruntime-web alike. */
export const OPSET = 17;

export class UnsupportedOpError extends Error {
  constructor(op: string, node: string) {
    super(`unsupported TF.js op ${op} (node ${node})`);
  }
}

export interface ConvertedModel {
  onnx: Uint8Array;
  inputs: ValueInfo[];
  outputs: string[];
}

export class OnnxBuilder {
  readonly nodes: NodeSpec[] = [];
  readonly initializers: Initializer[] = [];
  private counter = 0;

  fresh(base: string): string {
    return `${base}__${this.counter++}`;
  }

  /** A node with several outputs (TopK: values and indices). */
  addMulti(op: string, inputs: string[], outputs: string[], attributes?: NodeSpec['attributes']): void {
    this.nodes.push({ op, inputs, outputs, ...(attributes ? { attributes } : {}) });
  }

  add(
    op: string,
    inputs: string[],
    attributes?: NodeSpec['attributes'],
    floats?: NodeSpec['floats'],
    output?: string,
  ) {
    const out = output ?? this.fresh(op.toLowerCase());
    this.nodes.push({
      op,
      inputs,
      outputs: [out],
      ...(attributes ? { attributes } : {}),
      ...(floats ? { floats } : {}),
    });
    return out;
  }

  constant(name: string, dims: number[], data: Float32Array | BigInt64Array | Uint8Array): string {
    this.initializers.push({ name, dims, data });
    return name;
  }

  int64s(values: number[]): string {
    return this.constant(
      this.fresh('const_i64'),
      [values.length],
      BigInt64Array.from(values, (v) => BigInt(v)),
    );
  }

  scalar(value: number): string {
    return this.constant(this.fresh('const_f32'), [], Float32Array.of(value));
  }

  /**
   * A weight as an initializer: uint8-quantized ones stay uint8, dequantized by the graph (Cast,
   * Mul, Add; constant-folded when the model loads), so the file is as compact as TF.js's.
   */
  weight(name: string, weight: DecodedWeight): string {
    if (weight.dtype === 'int32')
      return this.constant(
        name,
        weight.shape,
        BigInt64Array.from(weight.values, (v) => BigInt(v)),
      );
    if (weight.quantized && weight.values.length > 16) {
      const q = this.constant(this.fresh(`${name}_uint8`), weight.shape, weight.quantized.bytes);
      const asFloat = this.add('Cast', [q], { to: 1 });
      const scaled = this.add('Mul', [asFloat, this.scalar(weight.quantized.scale)]);
      return this.add('Add', [scaled, this.scalar(weight.quantized.min)], undefined, undefined, name);
    }
    if (weight.half && weight.values.length > 16) {
      const bits = this.fresh(`${name}_float16`);
      this.initializers.push({ name: bits, dims: weight.shape, data: weight.half, float16: true });
      return this.add('Cast', [bits], { to: 1 }, undefined, name);
    }
    return this.constant(name, weight.shape, Float32Array.from(weight.values));
  }

  toNchw(x: string): string {
    return this.add('Transpose', [x], { perm: [0, 3, 1, 2] });
  }

  toNhwc(x: string, output?: string): string {
    return this.add('Transpose', [x], { perm: [0, 2, 3, 1] }, undefined, output);
  }
  /** The ONNX file of the graph built so far, with these inputs and (float32) outputs. */
  finish(name: string, inputs: ValueInfo[], outputs: string[]): ConvertedModel {
    // Constants read at conversion time (axes, k, shapes) feed no node: leave them out.
    const used = new Set([...this.nodes.flatMap((n) => n.inputs), ...outputs]);
    const onnx = writeOnnxModel({
      name,
      inputs,
      outputs: outputs.map((o) => ({ name: o, type: 'float32' })),
      nodes: this.nodes,
      initializers: this.initializers.filter((init) => used.has(init.name)),
      opset: OPSET,
      producer: 'veneer-model-import',
    });
    return { onnx, inputs, outputs };
  }
}
