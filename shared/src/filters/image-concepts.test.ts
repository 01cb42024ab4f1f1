import { describe, expect, it } from 'vitest';
import { imageConceptsFor } from './image-concepts.ts';

describe('imageConceptsFor', () => {
  it('maps words for explicit images to the NSFW classes', () => {
    expect(imageConceptsFor('nudity, porn').nsfw.sort()).toEqual(['hentai', 'porn']);
    expect(imageConceptsFor('Lingerie')).toEqual({ nsfw: ['sexy'], unseen: [] });
    expect(imageConceptsFor('nudes').nsfw.sort()).toEqual(['hentai', 'porn']);
    expect(imageConceptsFor('cartoons, drawings')).toEqual({ nsfw: ['drawing'], unseen: [] });
  });

  it('says which words the image model cannot see', () => {
    expect(imageConceptsFor('spiders, explicit, "season finale", not: art')).toEqual({
      nsfw: ['porn', 'hentai'],
      unseen: ['spiders', 'season finale'],
    });
  });
});
