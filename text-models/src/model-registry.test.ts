import fs from 'node:fs';
import { TEXT_CLASSIFIER_MODELS } from '@veneer/shared/models';
import { describe, expect, it } from 'vitest';
import { sha256File } from './datasets.ts';
import { modelCardFile, modelFile } from './paths.ts';

describe("the text classifiers' registry entries", () => {
  it.each(Object.entries(TEXT_CLASSIFIER_MODELS))(
    '%s: the file, its card and the registry agree',
    (task, spec) => {
      const file = modelFile(task as 'offensive' | 'clickbait');
      const card = JSON.parse(fs.readFileSync(modelCardFile(task as 'offensive' | 'clickbait'), 'utf8'));
      // After `pnpm train:text`, the card has the new file's sha256 and size: copy them into the
      // registry entry (shared/src/models/registry.ts).
      expect(sha256File(file), `registry entry ${spec.id}`).toBe(spec.sha256);
      expect(card.onnx.sha256).toBe(spec.sha256);
      expect(fs.statSync(file).size).toBe(spec.bytes);
      expect(spec.file).toBe(`text/${task}.onnx`);
    },
  );
});
