import { firstOutput, type ImageModelDefinition, oneInput } from './definition.ts';
import { NSFW_SIZE, type NsfwClass, nsfwInput, nsfwScores } from './nsfw.ts';
import { MODELS } from './registry.ts';

/**
 * nsfwjs's default classifier, as both runtimes run it: the image reduced to at most 896 px
 * (nsfwjs then resizes to 224 its own way), five probabilities out.
 */
const NSFW = MODELS['nsfw-mobilenet-v2'];
export const nsfwModel: ImageModelDefinition<Record<NsfwClass, number>> = {
  spec: NSFW,
  decode: { within: 896 },
  prepare: ({ rgb, width, height }) =>
    oneInput(NSFW, nsfwInput(rgb, width, height), [1, NSFW_SIZE, NSFW_SIZE, 3]),
  read: (outputs) => nsfwScores(firstOutput(NSFW, outputs)),
};
