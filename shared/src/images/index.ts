export * from './crop.ts';
export * from './dhash.ts';
