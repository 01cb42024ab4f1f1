export * from './clip.ts';
export * from './emotion.ts';
export * from './nms.ts';
export * from './nsfw.ts';
export * from './paddle-ocr.ts';
export * from './registry.ts';
export * from './ultraface.ts';
export * from './yunet.ts';
