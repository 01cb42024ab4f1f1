/**
 * Text -> sparse hashed features, the input of Veneer's own text classifiers ("offensive
 * language", "clickbait"). The same code runs where models are trained (Node) and where they run
 * (the extension), so a model sees exactly the features it was trained on.
 *
 * Features: word unigrams and bigrams, the first word, character 2-5-grams inside each word
 * (padded with spaces) so spelling variants ("fuuuck", "b!tch") and unseen word forms share
 * features, and word-shape unigrams and bigrams in the original case (Title Case, CAPITALS). Each is
 * hashed (FNV-1a, 32 bit) into `dimensions` buckets; a feature's value is its count, and the
 * vector is scaled to unit length.
 */
export const TEXT_FEATURE_DIMENSIONS = 1 << 18;

export interface SparseFeatures {
  indices: Int32Array;
  values: Float32Array;
}

/** FNV-1a (32 bit) of `text`, seeded: the hash behind every hashed feature. */
export function fnv1a(text: string, seed: number): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Lower case; links, @mentions and numbers become one token each; HTML entities decoded. */
export function textTokens(text: string): string[] {
  const cleaned = text
    .toLowerCase()
    .replace(/&amp;/g, '&')
    .replace(/&#?\w+;/g, ' ')
    .replace(/https?:\/\/\S+/g, ' _url_ ')
    .replace(/@\w+/g, ' _user_ ')
    .replace(/\d+(?:[.,]\d+)*/g, ' _num_ ');
  return cleaned.match(/_url_|_user_|_num_|[\p{L}\p{M}'*!$@#]+|[?!]/gu) ?? [];
}

/** Word shapes in the original case: Aa (capitalized), a (lower), A (capitals), 0 (number), . (other). */
export function wordShapes(text: string): string[] {
  return (text.match(/[\p{L}\p{M}']+|\d+|[^\s\p{L}\d]/gu) ?? []).map((w) =>
    /^\d+$/.test(w)
      ? '0'
      : /^\p{Lu}[\p{Ll}\p{M}']*$/u.test(w)
        ? 'Aa'
        : /^[\p{Ll}\p{M}']+$/u.test(w)
          ? 'a'
          : /^\p{Lu}+$/u.test(w)
            ? 'A'
            : '.',
  );
}

export function hashedFeatures(text: string, dimensions = TEXT_FEATURE_DIMENSIONS): SparseFeatures {
  const counts = new Map<number, number>();
  const add = (feature: string, seed: number) => {
    const index = fnv1a(feature, seed) % dimensions;
    counts.set(index, (counts.get(index) ?? 0) + 1);
  };
  const tokens = textTokens(text);
  add('_bias_', 0);
  if (tokens[0]) add(`^${tokens[0]}`, 4);
  // The shape of the writing (Title Case, capitals, sentence case) says much about headlines.
  const shapes = wordShapes(text);
  shapes.forEach((shape, i) => {
    add(shape, 5);
    if (i > 0) add(`${shapes[i - 1]} ${shape}`, 6);
  });
  tokens.forEach((token, i) => {
    add(token, 1);
    if (i > 0) add(`${tokens[i - 1]} ${token}`, 2);
    if (token.startsWith('_')) return;
    const padded = ` ${token} `;
    for (let n = 2; n <= 5; n++)
      for (let start = 0; start + n <= padded.length; start++) add(padded.slice(start, start + n), 3);
  });
  const indices = Int32Array.from(counts.keys());
  const values = Float32Array.from(counts.values());
  let norm = 0;
  for (const v of values) norm += v * v;
  norm = Math.sqrt(norm);
  for (let i = 0; i < values.length; i++) values[i]! /= norm;
  return { indices, values };
}
