/**
 * How common each word is in ordinary posts: in how many of `docs` posts it appears (document
 * frequency). Made by `pnpm learning:background` from general text that is not topic-labelled
 * (text-models/src/learning/background-table.ts says which); a word not in the table is rarer
 * than any in it.
 */
export interface BackgroundTable {
  docs: number;
  /** word (as contentWords writes it) -> the posts it appears in. */
  counts: Readonly<Record<string, number>>;
}
