export * from './background.ts';
export * from './codec.ts';
export * from './features.ts';
export * from './learner.ts';
export * from './words.ts';
