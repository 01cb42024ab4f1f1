import { localModels } from './local-models.ts';
import { offscreenModels } from './offscreen-models.ts';
import type { OnDeviceModels } from './on-device-models.ts';

/**
 * Where the background's on-device models run, chosen in this one place: Firefox's background
 * is a page and runs them itself; Chrome's service worker cannot, so its offscreen document does.
 */
export const onDeviceModels: OnDeviceModels = import.meta.env.FIREFOX ? localModels : offscreenModels;
