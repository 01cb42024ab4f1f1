export * from './parse-sentence.ts';
