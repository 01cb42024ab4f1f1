import { firstOutput, type ModelDefinition, oneInput, type Pixels } from './definition.ts';
import { EMOTION_SIZE, EMOTIONS, type Emotion, emotionInput, emotionScores } from './emotion.ts';
import { MODELS } from './registry.ts';

/** Human's emotion model as both runtimes run it: a face crop in, seven probabilities out. */
const EMOTION = MODELS['emotion-human'];
export const emotionModel: ModelDefinition<Pixels, Record<Emotion, number>> = {
  spec: EMOTION,
  prepare: ({ rgb, width, height }) =>
    oneInput(EMOTION, emotionInput(rgb, width, height), [1, EMOTION_SIZE, EMOTION_SIZE, 1]),
  read: (outputs) => emotionScores(firstOutput(EMOTION, outputs)),
};

/** The most probable expression. */
export const topEmotion = (scores: Record<Emotion, number>): Emotion =>
  EMOTIONS.reduce((a, b) => (scores[a] >= scores[b] ? a : b));
