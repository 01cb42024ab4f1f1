import * as ort from 'onnxruntime-web/wasm';
import { browser } from 'wxt/browser';

/** Where the build puts onnxruntime-web's wasm runtime inside the extension (wxt.config.ts). */
export const ORT_WASM_DIR = '/ort/';

const sessions = new Map<string, Promise<ort.InferenceSession>>();

/**
 * One onnxruntime-web session per model file packaged in the extension, made on first use and
 * shared after; a load that fails is tried again on the next call. Runs in a document (Chrome's
 * offscreen document, Firefox's background page).
 */
export function packagedSession(path: string): Promise<ort.InferenceSession> {
  let session = sessions.get(path);
  if (!session) {
    ort.env.wasm.wasmPaths = browser.runtime.getURL(ORT_WASM_DIR as '/');
    // Extension pages are not cross-origin isolated, so wasm threads are unavailable.
    ort.env.wasm.numThreads = 1;
    session = ort.InferenceSession.create(browser.runtime.getURL(path as '/'), {
      executionProviders: ['wasm'],
    });
    session.catch(() => sessions.delete(path));
    sessions.set(path, session);
  }
  return session;
}
