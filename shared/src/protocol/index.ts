export * from './auth.ts';
export * from './errors.ts';
export * from './frames.ts';
export * from './images.ts';
export * from './jobs.ts';
export * from './score.ts';
