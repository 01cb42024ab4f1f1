import { COCO_LABELS, type CocoLabel } from '../models/centernet.ts';
import type { NsfwClass } from '../models/nsfw.ts';
import { parseTerms } from './terms.ts';
import { singular } from './word-forms.ts';

/**
 * What Veneer's on-device image models can see, by the words people use for it: nsfwjs's
 * classifier (explicit classes, drawings) and Human's CenterNet (COCO-80 objects), both imported
 * from TF.js by model-import/. A filter's words that name nothing
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

/** Words for COCO objects that are not a label themselves (plurals of labels are found by singular()). */
const OBJECT_WORDS: Record<string, readonly CocoLabel[]> = {
  food: ['pizza', 'donut', 'cake', 'sandwich', 'hot dog', 'banana', 'apple', 'orange', 'broccoli', 'carrot'],
  fruit: ['banana', 'apple', 'orange'],
  vegetable: ['broccoli', 'carrot'],
  pet: ['cat', 'dog'],
  puppy: ['dog'],
  kitten: ['cat'],
  people: ['person'],
  human: ['person'],
  knive: ['knife'],
  phone: ['cell phone'],
  smartphone: ['cell phone'],
  television: ['tv'],
  motorbike: ['motorcycle'],
  bike: ['bicycle'],
  plane: ['airplane'],
  sofa: ['couch'],
  doughnut: ['donut'],
  plant: ['potted plant'],
};
const LABELS = new Set<string>(COCO_LABELS);

/** COCO labels a plain word names: the label itself, its plural, or a common word for it. */
function objectsFor(word: string): readonly CocoLabel[] {
  for (const key of [word, singular(word)]) {
    if (LABELS.has(key)) return [key as CocoLabel];
    if (OBJECT_WORDS[key]) return OBJECT_WORDS[key];
  }
  return [];
}

export interface ImageConcepts {
  /** NSFW classes the filter's words name (empty: none). */
  nsfw: NsfwClass[];
  /** COCO objects the filter's words name (the on-device object detector). */
  objects: CocoLabel[];
  /** Words the image model cannot recognise. */
  unseen: string[];
}

/** Maps a filter's plain-words terms to what the image model can see. */
export function imageConceptsFor(words: string): ImageConcepts {
  const nsfw = new Set<NsfwClass>();
  const objects = new Set<CocoLabel>();
  const unseen: string[] = [];
  for (const term of parseTerms(words).terms) {
    if (term.kind !== 'words') {
      if (term.kind !== 'exclude') unseen.push(term.label);
      continue;
    }
    const key = term.label.toLowerCase().replace(/\s+/g, ' ');
    const classes = NSFW_WORDS[key] ?? NSFW_WORDS[singular(key)];
    const labels = objectsFor(key);
    for (const c of classes ?? []) nsfw.add(c);
    for (const label of labels) objects.add(label);
    if (!classes && labels.length === 0) unseen.push(term.label);
  }
  return { nsfw: [...nsfw], objects: [...objects], unseen };
}
