/**
 * Gives an ONNX model's input a new fixed shape, for fully convolutional models exported at one
 * size (YuNet's 320x320) that are then run at another (320x192: a 16:9 thumbnail without the
 * letterbox's black rows). A minimal protobuf edit of ModelProto -> GraphProto: the input's dims
 * are replaced, the graph's value_info (shapes inferred at the old size) is dropped, and the
 * outputs keep their element type but lose their old shapes; every other byte is kept as it was.
 * Reshapes inside the graph must not hold the old size (YuNet's use -1), which a run checks.
 */

const MODEL_GRAPH = 7;
const GRAPH_INPUT = 11;
const GRAPH_OUTPUT = 12;
const GRAPH_VALUE_INFO = 13;
const VALUE_INFO_NAME = 1;
const VALUE_INFO_TYPE = 2;
const TYPE_TENSOR = 1;
const TENSOR_ELEM_TYPE = 1;
const TENSOR_SHAPE = 2;
const SHAPE_DIM = 1;
const DIM_VALUE = 1;
const LENGTH_DELIMITED = 2;

interface Field {
  number: number;
  /** The whole field as encoded (tag, length, payload). */
  raw: Uint8Array;
  /** Length-delimited fields: the payload. */
  payload?: Uint8Array;
}

function readVarint(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  for (let i = at; i < bytes.length && i < at + 10; i++) {
    const byte = bytes[i]!;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if (byte < 0x80) return [value, i + 1];
  }
  throw new Error('not an ONNX model: a varint runs past the end');
}

function varint(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

function fieldsOf(bytes: Uint8Array): Field[] {
  const fields: Field[] = [];
  let at = 0;
  while (at < bytes.length) {
    const start = at;
    const [tag, afterTag] = readVarint(bytes, at);
    const wire = tag % 8;
    at = afterTag;
    let payload: Uint8Array | undefined;
    if (wire === 0) at = readVarint(bytes, at)[1];
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else if (wire === LENGTH_DELIMITED) {
      const [length, afterLength] = readVarint(bytes, at);
      payload = bytes.subarray(afterLength, afterLength + length);
      at = afterLength + length;
    } else throw new Error(`not an ONNX model: wire type ${wire}`);
    if (at > bytes.length) throw new Error('not an ONNX model: a field runs past the end');
    fields.push({ number: Math.floor(tag / 8), raw: bytes.subarray(start, at), payload });
  }
  return fields;
}

function message(number: number, payload: Uint8Array): Uint8Array {
  const head = [...varint(number * 8 + LENGTH_DELIMITED), ...varint(payload.length)];
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const nameOf = (valueInfo: Uint8Array) => {
  const name = fieldsOf(valueInfo).find((f) => f.number === VALUE_INFO_NAME)?.payload;
  return name ? new TextDecoder().decode(name) : '';
};

/** A ValueInfoProto with its tensor shape replaced by `dims` (or removed where `dims` is null). */
function withShape(valueInfo: Uint8Array, dims: readonly number[] | null): Uint8Array {
  return concat(
    fieldsOf(valueInfo).map((field) => {
      if (field.number !== VALUE_INFO_TYPE || !field.payload) return field.raw;
      const type = fieldsOf(field.payload).map((typeField) => {
        if (typeField.number !== TYPE_TENSOR || !typeField.payload) return typeField.raw;
        const tensor = fieldsOf(typeField.payload).filter((f) => f.number === TENSOR_ELEM_TYPE);
        const parts = tensor.map((f) => f.raw);
        if (dims) {
          const shape = concat(
            dims.map((dim) => message(SHAPE_DIM, new Uint8Array([DIM_VALUE * 8, ...varint(dim)]))),
          );
          parts.push(message(TENSOR_SHAPE, shape));
        }
        return message(TYPE_TENSOR, concat(parts));
      });
      return message(VALUE_INFO_TYPE, concat(type));
    }),
  );
}

export function withInputShape(model: Uint8Array, input: string, dims: readonly number[]): Uint8Array {
  if (dims.some((dim) => !Number.isInteger(dim) || dim < 1))
    throw new RangeError(`dims must be positive integers, got ${dims.join('x')}`);
  let found = false;
  const parts = fieldsOf(model).map((field) => {
    if (field.number !== MODEL_GRAPH || !field.payload) return field.raw;
    const graph = fieldsOf(field.payload).flatMap((graphField) => {
      if (graphField.number === GRAPH_VALUE_INFO) return [];
      if (graphField.number === GRAPH_INPUT && graphField.payload && nameOf(graphField.payload) === input) {
        found = true;
        return [message(GRAPH_INPUT, withShape(graphField.payload, dims))];
      }
      if (graphField.number === GRAPH_OUTPUT && graphField.payload)
        return [message(GRAPH_OUTPUT, withShape(graphField.payload, null))];
      return [graphField.raw];
    });
    return message(MODEL_GRAPH, concat(graph));
  });
  if (!found) throw new Error(`the model has no input named ${input}`);
  return concat(parts);
}
