export * from './graph-to-onnx.ts';
export * from './imported-models.ts';
export * from './layers-to-onnx.ts';
export * from './tfjs-model.ts';
