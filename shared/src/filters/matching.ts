/**
 * What judging posts needs, without the schema library: content scripts import this instead of
 * the whole filters package, because constructing the zod schemas cost 30-50 ms of the page's
 * main thread on every page load (zod's code compiled on first use; Chrome keeps no code cache
 * for content scripts). Filters reach content scripts already validated (extension/lib/feed-config.ts).
 */

export * from './accounts.ts';
export * from './image-concepts.ts';
export * from './matcher.ts';
export * from './reason-words.ts';
export type { Filter } from './schema.ts';
export * from './terms.ts';
export * from './vocabulary.ts';
export * from './word-forms.ts';
