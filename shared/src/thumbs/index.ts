export * from './appeal.ts';
export * from './colour-signature.ts';
export * from './deep-signals.ts';
export * from './image-stats.ts';
export * from './legibility.ts';
export * from './reference-feed.ts';
export * from './saliency.ts';
export * from './title-text.ts';
