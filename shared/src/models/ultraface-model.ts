import type { Face } from '../protocol/jobs.ts';
import { type ImageModelDefinition, oneInput } from './definition.ts';
import { MODELS } from './registry.ts';
import { ultrafaceFaces, ultrafaceInput } from './ultraface.ts';

/**
 * UltraFace as both runtimes run it: the image stretched to the model's input, faces above 0.7
 * (upstream's threshold) after suppression at 0.3. The 640 x 480 model is for large images.
 */
export function ultrafaceModel(id: 'ultraface-rfb-320' | 'ultraface-rfb-640'): ImageModelDefinition<Face[]> {
  const spec = MODELS[id];
  const [, , height, width] = spec.input.shape as readonly [number, number, number, number];
  return {
    spec,
    decode: { stretch: { width, height } },
    prepare: ({ rgb }) => oneInput(spec, ultrafaceInput(rgb, width, height), [1, 3, height, width]),
    read: (outputs) => ultrafaceFaces(outputs.scores!.data, outputs.boxes!.data),
  };
}
