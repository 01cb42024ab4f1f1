export * from './accounts.ts';
export * from './image-concepts.ts';
export * from './matcher.ts';
export * from './merge.ts';
export * from './schema.ts';
export * from './terms.ts';
export * from './vocabulary.ts';
export * from './word-forms.ts';
