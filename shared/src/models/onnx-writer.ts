import onnxProto, { type onnx as Onnx } from 'onnx-proto';

/** onnx-proto is CommonJS: its namespace is a property of the module, for Node's ESM loader too. */
const { onnx } = onnxProto as unknown as { onnx: typeof Onnx };

/**
 * Writes ONNX models from a plain description of a graph of standard operators: the text
 * classifiers (text-models/), the models imported from TF.js (model-import/) and the CLIP
 * stand-ins. The encoding is onnx-proto's.
 */

export type ElementType = 'float32' | 'int64' | 'uint8' | 'float16';
const ELEMENT_TYPES: Record<ElementType, number> = { float32: 1, uint8: 2, int64: 7, float16: 10 };

export interface ValueInfo {
  name: string;
  type: ElementType;
  /** A number for a fixed size, a string for a named dynamic one ("batch"); absent when unknown. */
  shape?: Array<number | string>;
}

export type AttributeValue = number | number[] | string;

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  /** Integers are written as INT(S); use `floats` for float attributes. */
  attributes?: Record<string, AttributeValue>;
  floats?: Record<string, number>;
}

export interface Initializer {
  name: string;
  dims: number[];
  /** uint8 keeps quantized weights compact; the graph dequantizes them (Cast, Mul, Add). */
  data: Float32Array | BigInt64Array | Uint8Array;
  /** Set for float16 bits carried in a Uint8Array of little-endian bytes. */
  float16?: boolean;
}

export interface GraphSpec {
  name: string;
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  nodes: NodeSpec[];
  initializers: Initializer[];
  opset: number;
  producer: string;
  /** Default 8 (opset <= 17 needs no more). */
  irVersion?: number;
}

const dataTypeOf = (init: Initializer) =>
  init.float16
    ? ELEMENT_TYPES.float16
    : init.data instanceof Float32Array
      ? ELEMENT_TYPES.float32
      : init.data instanceof Uint8Array
        ? ELEMENT_TYPES.uint8
        : ELEMENT_TYPES.int64;

function valueInfo(info: ValueInfo): Onnx.IValueInfoProto {
  return {
    name: info.name,
    type: {
      tensorType: {
        elemType: ELEMENT_TYPES[info.type],
        ...(info.shape
          ? {
              shape: {
                dim: info.shape.map((dim) =>
                  typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim },
                ),
              },
            }
          : {}),
      },
    },
  };
}

function attributes(node: NodeSpec): Onnx.IAttributeProto[] {
  const { AttributeType } = onnx.AttributeProto;
  return [
    ...Object.entries(node.attributes ?? {}).map(
      ([name, value]): Onnx.IAttributeProto =>
        typeof value === 'string'
          ? { name, s: new TextEncoder().encode(value), type: AttributeType.STRING }
          : Array.isArray(value)
            ? { name, ints: value, type: AttributeType.INTS }
            : { name, i: value, type: AttributeType.INT },
    ),
    ...Object.entries(node.floats ?? {}).map(([name, f]) => ({ name, f, type: AttributeType.FLOAT })),
  ];
}

/**
 * The bytes of an ONNX model file for a graph, encoded by onnx-proto (ONNX's own schema, compiled
 * by protobufjs). Initializers keep their bytes as raw_data (little-endian, as typed arrays hold
 * them on every platform Node runs on).
 */
export function writeOnnxModel(graph: GraphSpec): Uint8Array {
  const model: Onnx.IModelProto = {
    irVersion: graph.irVersion ?? 8,
    producerName: graph.producer,
    graph: {
      node: graph.nodes.map((node, index) => ({
        input: node.inputs,
        output: node.outputs,
        name: `${node.op.toLowerCase()}_${index}`,
        opType: node.op,
        attribute: attributes(node),
      })),
      name: graph.name,
      initializer: graph.initializers.map((init) => ({
        dims: init.dims,
        dataType: dataTypeOf(init),
        name: init.name,
        rawData: new Uint8Array(init.data.buffer, init.data.byteOffset, init.data.byteLength),
      })),
      input: graph.inputs.map(valueInfo),
      output: graph.outputs.map(valueInfo),
    },
    opsetImport: [{ domain: '', version: graph.opset }],
  };
  return onnx.ModelProto.encode(model).finish();
}
