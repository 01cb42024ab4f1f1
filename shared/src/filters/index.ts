export * from './matcher.ts';
export * from './schema.ts';
export * from './word-forms.ts';
