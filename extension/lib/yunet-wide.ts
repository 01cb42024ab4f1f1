/**
 * YuNet as exported takes 320x320; a 16:9 thumbnail letterboxed into it leaves 140 black rows,
 * 44% of the work. The build also ships the same weights with a 320x192 input
 * (withInputShape, wxt.config.ts), used wherever the image fits it at the same scale.
 */
export const YUNET_WIDE = { width: 320, height: 192 } as const;
export const YUNET_WIDE_FILE = 'yunet/yunet_n_320x192.onnx';
