export * from './pack.ts';
export * from './signing.ts';
