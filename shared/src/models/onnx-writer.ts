/**
 * Writes small ONNX models (the ModelProto protobuf) without Python or a protobuf library: just
 * the fields a graph of standard operators needs. Used to generate stand-in models with the same
 * input and output names and shapes as models this workplace cannot download.
 * Field numbers: https://github.com/onnx/onnx/blob/main/onnx/onnx.proto
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

/** Protobuf wire format: varints, length-delimited fields and fixed32, nothing else is needed. */
class ProtoWriter {
  private readonly chunks: Uint8Array[] = [];

  private varint(value: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(value));
    const bytes: number[] = [];
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) byte |= 0x80;
      bytes.push(byte);
    } while (v > 0n);
    this.chunks.push(Uint8Array.from(bytes));
  }

  private key(field: number, wireType: 0 | 2 | 5): void {
    this.varint((field << 3) | wireType);
  }

  int(field: number, value: number | bigint): this {
    this.key(field, 0);
    this.varint(value);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.key(field, 2);
    this.varint(value.byteLength);
    this.chunks.push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, build: (writer: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  float(field: number, value: number): this {
    this.key(field, 5);
    const buffer = new Uint8Array(4);
    new DataView(buffer.buffer).setFloat32(0, value, true);
    this.chunks.push(buffer);
    return this;
  }

  finish(): Uint8Array {
    const total = this.chunks.reduce((sum, c) => sum + c.byteLength, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }
}

function valueInfo(w: ProtoWriter, info: ValueInfo): void {
  w.string(1, info.name);
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, ELEMENT_TYPES[info.type]);
      if (info.shape) {
        const dims = info.shape;
        tensor.message(2, (shape) => {
          for (const dim of dims)
            shape.message(1, (d) => (typeof dim === 'number' ? d.int(1, dim) : d.string(2, dim)));
        });
      }
    }),
  );
}

function attribute(w: ProtoWriter, name: string, value: AttributeValue): void {
  w.string(1, name);
  if (typeof value === 'string') w.bytes(4, new TextEncoder().encode(value)).int(20, 3);
  else if (Array.isArray(value)) {
    for (const v of value) w.int(8, v);
    w.int(20, 7);
  } else w.int(3, value).int(20, 2);
}

function initializer(w: ProtoWriter, init: Initializer): void {
  for (const dim of init.dims) w.int(1, dim);
  w.int(
    2,
    init.float16
      ? ELEMENT_TYPES.float16
      : init.data instanceof Float32Array
        ? ELEMENT_TYPES.float32
        : init.data instanceof Uint8Array
          ? ELEMENT_TYPES.uint8
          : ELEMENT_TYPES.int64,
  );
  w.string(8, init.name);
  // raw_data is little-endian, which is what typed arrays hold on every platform Node runs on.
  w.bytes(9, new Uint8Array(init.data.buffer, init.data.byteOffset, init.data.byteLength));
}

/** The bytes of an ONNX model file for a graph. */
export function writeOnnxModel(graph: GraphSpec): Uint8Array {
  const model = new ProtoWriter();
  model.int(1, graph.irVersion ?? 8); // ir_version
  model.string(2, graph.producer);
  model.message(7, (g) => {
    for (const [index, node] of graph.nodes.entries()) {
      g.message(1, (n) => {
        for (const input of node.inputs) n.string(1, input);
        for (const output of node.outputs) n.string(2, output);
        n.string(3, `${node.op.toLowerCase()}_${index}`);
        n.string(4, node.op);
        for (const [name, value] of Object.entries(node.attributes ?? {}))
          n.message(5, (a) => attribute(a, name, value));
        for (const [name, value] of Object.entries(node.floats ?? {}))
          n.message(5, (a) => a.string(1, name).float(2, value).int(20, 1));
      });
    }
    g.string(2, graph.name);
    for (const init of graph.initializers) g.message(5, (t) => initializer(t, init));
    for (const input of graph.inputs) g.message(11, (v) => valueInfo(v, input));
    for (const output of graph.outputs) g.message(12, (v) => valueInfo(v, output));
  });
  model.message(8, (opset) => opset.string(1, '').int(2, graph.opset));
  return model.finish();
}
