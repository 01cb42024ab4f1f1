import onnxProto, { type onnx as Onnx } from 'onnx-proto';

/** onnx-proto is CommonJS: its namespace is a property of the module, for Node's ESM loader too. */
const { onnx } = onnxProto as unknown as { onnx: typeof Onnx };

/**
 * Gives an ONNX model's input a new fixed shape, for fully convolutional models exported at one
 * size (YuNet's 320x320) that are then run at another (320x192: a 16:9 thumbnail without the
 * letterbox's black rows): the input's dims are replaced, the graph's value_info (shapes inferred
 * at the old size) is dropped, and the outputs keep their element type but lose their old
 * shapes. Decoded and encoded again with onnx-proto. Reshapes inside the graph must not hold the
 * old size (YuNet's use -1), which a run checks.
 */
export function withInputShape(model: Uint8Array, input: string, dims: readonly number[]): Uint8Array {
  if (dims.some((dim) => !Number.isInteger(dim) || dim < 1))
    throw new RangeError(`dims must be positive integers, got ${dims.join('x')}`);
  let decoded: Onnx.ModelProto;
  try {
    decoded = onnx.ModelProto.decode(model);
  } catch (error) {
    throw new Error(`not an ONNX model: ${(error as Error).message}`);
  }
  const graph = decoded.graph;
  const target = graph?.input?.find((value) => value.name === input);
  if (!graph || !target?.type?.tensorType) throw new Error(`the model has no input named ${input}`);
  target.type.tensorType.shape = onnx.TensorShapeProto.create({
    dim: dims.map((dimValue) => onnx.TensorShapeProto.Dimension.create({ dimValue })),
  });
  graph.valueInfo = [];
  for (const output of graph.output ?? []) {
    if (output.type?.tensorType) output.type.tensorType.shape = null;
  }
  return onnx.ModelProto.encode(decoded).finish();
}
