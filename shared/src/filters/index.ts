export * from './matcher.ts';
export * from './merge.ts';
export * from './schema.ts';
export * from './word-forms.ts';
