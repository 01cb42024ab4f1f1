import { browser } from 'wxt/browser';
import { detectFacesLocally } from '../../lib/local-faces.ts';
import type { LocalFacesRequest, LocalFacesResponse } from '../../lib/messages.ts';

/** Chrome's offscreen document: runs the on-device models for the service worker, which cannot. */
browser.runtime.onMessage.addListener((message: LocalFacesRequest) => {
  if (message?.type !== 'veneer:local-faces') return undefined;
  return detectFacesLocally(message.image).then(
    (result): LocalFacesResponse => ({ ok: true, result }),
    (error: Error): LocalFacesResponse => ({ ok: false, message: error.message }),
  );
});
