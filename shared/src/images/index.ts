export * from './dhash.ts';
