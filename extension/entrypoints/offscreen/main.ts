import { localModels } from '../../services/local-models.ts';
import { serveModels } from '../../services/offscreen-models.ts';

/** Chrome's offscreen document: runs the on-device models for the service worker, which cannot. */
serveModels(localModels);
