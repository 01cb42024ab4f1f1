export * from './background.ts';
export * from './codec.ts';
export * from './features.ts';
export * from './learned-matcher.ts';
export * from './learner.ts';
export * from './stored.ts';
export * from './words.ts';
