export * from './appeal.ts';
export * from './colour-signature.ts';
export * from './image-stats.ts';
export * from './legibility.ts';
export * from './saliency.ts';
export * from './title-text.ts';
