import { MODELS, yunetFaces, yunetInput } from '@veneer/shared/models';
import type { Face } from '@veneer/shared/protocol';
import * as ort from 'onnxruntime-web/wasm';
import { drawRgb } from './image-pixels.ts';
import { type RunModel, runHere } from './model-runner.ts';
import { YUNET_WIDE, YUNET_WIDE_FILE } from './yunet-wide.ts';

/**
 * YuNet on this device (the thumbnail lab, on-device expressions): the same model and the same
 * pre/post-processing code as the inference node's YunetDetector. The image is letterboxed (top
 * left, black padding), as OpenCV's FaceDetectorYN does: into 320x192 where it fits there at the
 * scale it would have in 320x320 (16:9 thumbnails), else into 320x320.
 */
const spec = MODELS['yunet-n-320'];
const SIZE = 320;
export const YUNET_PATH = `/models/${spec.file}`;
export const YUNET_WIDE_PATH = `/models/${YUNET_WIDE_FILE}`;

export async function detectYunetFaces(
  image: CanvasImageSource,
  width: number,
  height: number,
  run: RunModel = runHere,
): Promise<Face[]> {
  const scale = SIZE / Math.max(width, height);
  const wide = Math.min(YUNET_WIDE.width / width, YUNET_WIDE.height / height) >= scale;
  const input = wide ? YUNET_WIDE : { width: SIZE, height: SIZE };
  const contentWidth = Math.max(1, Math.round(width * scale));
  const contentHeight = Math.max(1, Math.round(height * scale));
  const rgb = drawRgb(image, contentWidth, contentHeight, input.width, input.height);
  const outputs = await run(wide ? YUNET_WIDE_PATH : YUNET_PATH, {
    [spec.input.name]: new ort.Tensor('float32', yunetInput(rgb, input.width, input.height), [
      1,
      3,
      input.height,
      input.width,
    ]),
  });
  const arrays = Object.fromEntries(
    Object.entries(outputs).map(([name, tensor]) => [name, tensor.data as Float32Array]),
  );
  return yunetFaces(arrays, input.width, contentWidth, contentHeight);
}
