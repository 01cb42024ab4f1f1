import type { ModelDefinition } from './definition.ts';
import { textClassifierModel } from './text-classifier.ts';

/**
 * Every model that reads a post's text, by registry id: what the text checks (shared/src/judge)
 * name. A runtime that runs text checks (the extension's model host, `pnpm judge`) looks their
 * definitions up here.
 */
export const TEXT_MODELS: Readonly<Record<string, ModelDefinition<string, unknown>>> = {
  'text-offensive': textClassifierModel('offensive'),
  'text-clickbait': textClassifierModel('clickbait'),
};

/** The definition of the text model with this id. */
export function textModel(id: string): ModelDefinition<string, unknown> {
  const model = TEXT_MODELS[id];
  if (!model) throw new Error(`no text model named "${id}"`);
  return model;
}
