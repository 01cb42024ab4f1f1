import { describe, expect, it } from 'vitest';
import { imageConceptsFor } from './image-concepts.ts';

describe('imageConceptsFor', () => {
  it('maps words for explicit images to the NSFW classes', () => {
    expect(imageConceptsFor('nudity, porn').nsfw.sort()).toEqual(['hentai', 'porn']);
    expect(imageConceptsFor('Lingerie')).toEqual({ nsfw: ['sexy'], objects: [], unseen: [] });
    expect(imageConceptsFor('nudes').nsfw.sort()).toEqual(['hentai', 'porn']);
    expect(imageConceptsFor('cartoons, drawings')).toEqual({ nsfw: ['drawing'], objects: [], unseen: [] });
  });

  it('says which words the image model cannot see', () => {
    expect(imageConceptsFor('spiders, explicit, "season finale", not: art')).toEqual({
      nsfw: ['porn', 'hentai'],
      objects: [],
      unseen: ['spiders', 'season finale'],
    });
  });
});

describe('objects in images', () => {
  it("maps COCO labels, their plurals and common words to the detector's labels", () => {
    expect(imageConceptsFor('dogs, knives, cell phones').objects).toEqual(['dog', 'knife', 'cell phone']);
    expect(imageConceptsFor('food').objects).toEqual(
      expect.arrayContaining(['pizza', 'donut', 'cake', 'sandwich']),
    );
    expect(imageConceptsFor('puppies, sofas')).toEqual({ nsfw: [], objects: ['dog', 'couch'], unseen: [] });
    expect(imageConceptsFor('spiders').unseen).toEqual(['spiders']);
  });
});
