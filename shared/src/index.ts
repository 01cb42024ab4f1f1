export * from './filters/index.ts';
export * from './models/index.ts';
export * from './protocol/index.ts';
export * from './signing.ts';
