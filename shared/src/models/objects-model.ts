import { CENTERNET_SIZE, centernetDetections, centernetInput, type Detection } from './centernet.ts';
import { type ImageModelDefinition, oneInput } from './definition.ts';
import { nonMaxSuppression } from './nms.ts';
import { MODELS } from './registry.ts';

/**
 * Detections under this score are left out, in both runtimes. 0.2 is Human's own default
 * (`minConfidence`) and the lowest threshold any filter uses (OBJECT_THRESHOLDS.high): the
 * extension's earlier floor of 0.15 only kept detections no filter could ever act on.
 */
export const MIN_OBJECT_SCORE = 0.2;
/**
 * Boxes of one label overlapping more than this are one object (a dog and a bed may share a box,
 * two dogs may not). Human keeps CenterNet's duplicates; the node removed them and the browser did
 * not, so the same image listed different objects in the two. Both remove them now: a list of
 * objects should name each object once, and no verdict depends on the duplicates.
 */
export const OBJECT_IOU = 0.4;

/** Human's CenterNet, as both runtimes run it: the image reduced to at most 1024 px, COCO objects out. */
export const objectsModel: ImageModelDefinition<Detection[]> = {
  spec: MODELS['centernet-human'],
  decode: { within: 1024 },
  prepare: ({ rgb, width, height }) =>
    oneInput(MODELS['centernet-human'], centernetInput(rgb, width, height), [
      1,
      CENTERNET_SIZE,
      CENTERNET_SIZE,
      3,
    ]),
  read(outputs) {
    const detections = centernetDetections(outputs['tower_0/detections']!.data, MIN_OBJECT_SCORE);
    const labels = [...new Set(detections.map((d) => d.label))];
    return labels
      .flatMap((label) =>
        nonMaxSuppression(
          detections.filter((d) => d.label === label),
          OBJECT_IOU,
        ),
      )
      .sort((a, b) => b.score - a.score);
  },
};
