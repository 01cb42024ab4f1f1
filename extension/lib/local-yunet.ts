import { MODELS, yunetFaces, yunetInput } from '@veneer/shared/models';
import type { Face } from '@veneer/shared/protocol';
import * as ort from 'onnxruntime-web/wasm';
import { drawRgb } from './image-pixels.ts';
import { type RunModel, runHere } from './model-runner.ts';

/**
 * YuNet on this device (the thumbnail lab, on-device expressions): the same model and the same
 * pre/post-processing code as the inference node's YunetDetector. The image is letterboxed into
 * 320x320 (top left, black padding), as OpenCV's FaceDetectorYN does.
 */
const spec = MODELS['yunet-n-320'];
const SIZE = 320;
export const YUNET_PATH = `/models/${spec.file}`;

export async function detectYunetFaces(
  image: CanvasImageSource,
  width: number,
  height: number,
  run: RunModel = runHere,
): Promise<Face[]> {
  const scale = SIZE / Math.max(width, height);
  const contentWidth = Math.max(1, Math.round(width * scale));
  const contentHeight = Math.max(1, Math.round(height * scale));
  const input = yunetInput(drawRgb(image, contentWidth, contentHeight, SIZE, SIZE), SIZE);
  const outputs = await run(YUNET_PATH, {
    [spec.input.name]: new ort.Tensor('float32', input, [1, 3, SIZE, SIZE]),
  });
  const arrays = Object.fromEntries(
    Object.entries(outputs).map(([name, tensor]) => [name, tensor.data as Float32Array]),
  );
  return yunetFaces(arrays, SIZE, contentWidth, contentHeight);
}
