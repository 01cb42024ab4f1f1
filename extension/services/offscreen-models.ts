import { browser } from 'wxt/browser';
import { ON_DEVICE_METHODS, type OnDeviceModels } from './on-device-models.ts';
import { modelHostMessenger } from './protocol.ts';

let ready: Promise<void> | null = null;

/** Chrome runs the on-device models in an offscreen document (a service worker cannot load them). */
export function ensureOffscreenDocument(): Promise<void> {
  ready ??= (async () => {
    const url = browser.runtime.getURL('/offscreen.html');
    const existing = await browser.runtime.getContexts({
      contextTypes: ['OFFSCREEN_DOCUMENT'],
      documentUrls: [url],
    });
    if (existing.length > 0) return;
    await browser.offscreen.createDocument({
      url,
      reasons: ['WORKERS'],
      justification: "Runs Veneer's models on this device",
    });
  })().catch((error: unknown) => {
    ready = null;
    throw error;
  });
  return ready;
}

/** The on-device models in Chrome's offscreen document, from the service worker. */
export const offscreenModels = Object.fromEntries(
  ON_DEVICE_METHODS.map((name) => [
    name,
    async (...args: unknown[]) => {
      await ensureOffscreenDocument();
      return modelHostMessenger.sendMessage(`model:${name}`, args as never);
    },
  ]),
) as unknown as OnDeviceModels;

/** Serves the on-device models to the background (in the offscreen document). */
export function serveModels(models: OnDeviceModels): void {
  for (const name of ON_DEVICE_METHODS) {
    modelHostMessenger.onMessage(`model:${name}`, ({ data }) =>
      (models[name] as (...args: unknown[]) => Promise<never>)(...(data as unknown[])),
    );
  }
}
