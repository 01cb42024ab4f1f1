export * from './address.ts';
export * from './list-document.ts';
