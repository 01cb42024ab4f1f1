export * from './hashed-features.ts';
