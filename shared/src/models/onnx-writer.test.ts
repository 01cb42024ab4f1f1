import onnxProto, { type onnx as Onnx } from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { type GraphSpec, writeOnnxModel } from './onnx-writer.ts';

const { onnx } = onnxProto as unknown as { onnx: typeof Onnx };

/** A graph with every kind of field GraphSpec can describe. */
const EVERY_FEATURE: GraphSpec = {
  name: 'every-feature',
  producer: 'veneer-test',
  opset: 13,
  inputs: [
    { name: 'x', type: 'float32', shape: ['batch', 3] },
    { name: 'ids', type: 'int64', shape: [2] },
  ],
  outputs: [{ name: 'y', type: 'float32' }],
  nodes: [
    { op: 'Gather', inputs: ['table', 'ids'], outputs: ['rows'], attributes: { axis: 0 } },
    { op: 'Transpose', inputs: ['x'], outputs: ['xt'], attributes: { perm: [1, 0] } },
    { op: 'LeakyRelu', inputs: ['xt'], outputs: ['y'], floats: { alpha: 0.25 } },
    { op: 'Resize', inputs: ['x'], outputs: ['r'], attributes: { mode: 'linear' } },
  ],
  initializers: [
    { name: 'table', dims: [2, 2], data: Float32Array.from([1, 2, 3, 4]) },
    { name: 'steps', dims: [3], data: BigInt64Array.from([1n, -2n, 3n]) },
    { name: 'q', dims: [2], data: Uint8Array.from([7, 250]) },
    { name: 'h', dims: [1], data: Uint8Array.from([0x00, 0x3c]), float16: true },
  ],
};

/**
 * The same graph as the project's earlier hand-written protobuf writer encoded it (repeated
 * numbers unpacked, as proto2 writes them); onnx-proto packs them. Both are valid ONNX.
 */
const HAND_WRITTEN =
  'CAgSC3ZlbmVlci10ZXN0OusCCjEKBXRhYmxlCgNpZHMSBHJvd3MaCGdhdGhlcl8wIgZHYXRoZXIqCwoEYXhpcxgAoAECCi4KAXgSAnh0Ggt0cmFuc3Bvc2VfMSIJVHJhbnNwb3NlKg0KBHBlcm1AAUAAoAEHCjAKAnh0EgF5GgtsZWFreXJlbHVfMiIJTGVha3lSZWx1Kg8KBWFscGhhFQAAgD6gAQEKKwoBeBIBchoIcmVzaXplXzMiBlJlc2l6ZSoRCgRtb2RlIgZsaW5lYXKgAQMSDWV2ZXJ5LWZlYXR1cmUqHwgCCAIQAUIFdGFibGVKEAAAgD8AAABAAABAQAAAgEAqJQgDEAdCBXN0ZXBzShgBAAAAAAAAAP7/////////AwAAAAAAAAAqCwgCEAJCAXFKAgf6KgsIARAKQgFoSgIAPFoYCgF4EhMKEQgBEg0KBxIFYmF0Y2gKAggDWhEKA2lkcxIKCggIBxIECgIIAmIJCgF5EgQKAggBQgQKABAN';

/** The decoded model as plain data (numbers for int64, arrays for bytes). */
interface DecodedModel {
  irVersion: number;
  opsetImport: Array<{ domain: string; version: number }>;
  graph: {
    node: Array<{
      opType: string;
      name: string;
      input: string[];
      output: string[];
      attribute: Array<{ ints?: number[]; f?: number; s?: number[] }>;
    }>;
    initializer: Array<{ name: string; dataType: number; dims: number[]; rawData: number[] }>;
    input: Array<{ type: { tensorType: { shape?: { dim: object[] } } } }>;
    output: Array<{ type: { tensorType: { shape?: object } } }>;
  };
}

const decoded = (bytes: Uint8Array) =>
  onnx.ModelProto.toObject(onnx.ModelProto.decode(bytes), {
    longs: Number,
    bytes: Array,
    defaults: false,
    arrays: true,
  });

describe('writeOnnxModel (onnx-proto)', () => {
  it('writes every field of the graph', () => {
    const model = decoded(writeOnnxModel(EVERY_FEATURE)) as unknown as DecodedModel;
    expect(model.irVersion).toBe(8);
    expect(model.opsetImport).toEqual([{ domain: '', version: 13 }]);
    const { graph } = model;
    expect(graph.node.map((n) => [n.opType, n.name, n.input, n.output])).toEqual([
      ['Gather', 'gather_0', ['table', 'ids'], ['rows']],
      ['Transpose', 'transpose_1', ['x'], ['xt']],
      ['LeakyRelu', 'leakyrelu_2', ['xt'], ['y']],
      ['Resize', 'resize_3', ['x'], ['r']],
    ]);
    expect(graph.node[1]!.attribute[0]!.ints).toEqual([1, 0]);
    expect(graph.node[2]!.attribute[0]!.f).toBe(0.25);
    expect(String.fromCharCode(...graph.node[3]!.attribute[0]!.s!)).toBe('linear');
    expect(graph.initializer.map((t) => [t.name, t.dataType, t.dims, t.rawData.length])).toEqual([
      ['table', 1, [2, 2], 16],
      ['steps', 7, [3], 24],
      ['q', 2, [2], 2],
      ['h', 10, [1], 2],
    ]);
    expect(graph.input[0]!.type.tensorType.shape!.dim).toEqual([{ dimParam: 'batch' }, { dimValue: 3 }]);
    expect(graph.output[0]!.type.tensorType.shape).toBeUndefined();
  });

  it('describes the same model as the hand-written encoder it replaced, field for field', () => {
    const earlier = Uint8Array.from(Buffer.from(HAND_WRITTEN, 'base64'));
    expect(decoded(writeOnnxModel(EVERY_FEATURE))).toEqual(decoded(earlier));
  });
});
