import type { NsfwClass } from '../models/nsfw.ts';
import { parseTerms } from './terms.ts';
import { singular } from './word-forms.ts';

/**
 * What Veneer's on-device image model can see, by the words people use for it. Today that is
 * nsfwjs's classifier (model-import/): explicit classes, and drawings. A filter's words that name nothing
 * here are reported as unseen, so the options page can say so plainly instead of pretending.
 */
const NSFW_WORDS: Record<string, readonly NsfwClass[]> = {
  nudity: ['porn', 'hentai'],
  nude: ['porn', 'hentai'],
  naked: ['porn', 'hentai'],
  porn: ['porn', 'hentai'],
  pornography: ['porn', 'hentai'],
  explicit: ['porn', 'hentai'],
  nsfw: ['porn', 'hentai', 'sexy'],
  sex: ['porn', 'hentai'],
  sexual: ['porn', 'hentai', 'sexy'],
  hentai: ['hentai'],
  sexy: ['sexy'],
  suggestive: ['sexy'],
  lingerie: ['sexy'],
  racy: ['sexy'],
  drawing: ['drawing'],
  cartoon: ['drawing'],
  illustration: ['drawing'],
  anime: ['drawing', 'hentai'],
};

export interface ImageConcepts {
  /** NSFW classes the filter's words name (empty: none). */
  nsfw: NsfwClass[];
  /** Words the image model cannot recognise. */
  unseen: string[];
}

/** Maps a filter's plain-words terms to what the image model can see. */
export function imageConceptsFor(words: string): ImageConcepts {
  const nsfw = new Set<NsfwClass>();
  const unseen: string[] = [];
  for (const term of parseTerms(words).terms) {
    if (term.kind !== 'words') {
      if (term.kind !== 'exclude') unseen.push(term.label);
      continue;
    }
    const key = term.label.toLowerCase().replace(/\s+/g, ' ');
    const classes = NSFW_WORDS[key] ?? NSFW_WORDS[singular(key)];
    if (classes) for (const c of classes) nsfw.add(c);
    else unseen.push(term.label);
  }
  return { nsfw: [...nsfw], unseen };
}
