import type { FacesResult } from '@veneer/shared/protocol';
import { t } from '../../lib/i18n.ts';

/** On each analysed image: `pending`, the number of faces found, or `error`. */
export const FACES_ATTRIBUTE = 'data-veneer-faces';
export const FACE_BOX_ATTRIBUTE = 'data-veneer-face';
const OVERLAY_ATTRIBUTE = 'data-veneer-face-overlay';
/** A visible notice laid over an image Veneer could not check. */
export const NOTICE_ATTRIBUTE = 'data-veneer-notice';
export const PROGRESS_ATTRIBUTE = 'data-veneer-progress';
/** Boxes are grown by this share of their size on each side, so hair and chin are covered too. */
const MARGIN = 0.15;

export function markPending(image: HTMLImageElement): void {
  image.setAttribute(FACES_ATTRIBUTE, 'pending');
}

/** Banners on images, by image: progress while a job runs, replaced by the outcome. */
const banners = new WeakMap<HTMLImageElement, HTMLElement>();
/** A job this quick needs no progress banner; a slower one shows it. */
const PROGRESS_AFTER_MS = 1000;

/**
 * Shows "Checking faces…" (with the share done, when the job reports it) on an image whose job
 * has been pending a while, so a long job is visibly at work.
 */
export function showProgress(image: HTMLImageElement, progress: number | null): void {
  const pendingSince = Number(image.dataset.veneerPendingSince ?? Date.now());
  image.dataset.veneerPendingSince = String(pendingSince);
  const render = () => {
    if (image.getAttribute(FACES_ATTRIBUTE) !== 'pending') return;
    const text =
      progress === null
        ? t('faces.checking')
        : t('faces.checkingProgress', { percent: Math.round(progress * 100) });
    const existing = banners.get(image);
    if (existing) {
      existing.textContent = text;
      return;
    }
    const banner = makeBanner(text, 'rgba(33,37,41,0.6)');
    banner.setAttribute(PROGRESS_ATTRIBUTE, '');
    banners.set(image, banner);
    placeOver(image, banner, 'banner');
  };
  const wait = pendingSince + PROGRESS_AFTER_MS - Date.now();
  if (wait > 0) setTimeout(render, wait);
  else render();
}

function clearBanner(image: HTMLImageElement): void {
  banners.get(image)?.remove();
  banners.delete(image);
  delete image.dataset.veneerPendingSince;
}

function makeBanner(text: string, background: string): HTMLElement {
  const banner = document.createElement('div');
  banner.setAttribute('role', 'status');
  banner.textContent = text;
  banner.style.cssText =
    'position:absolute;z-index:1;box-sizing:border-box;padding:6px 10px;font:12px/1.4 system-ui,sans-serif;' +
    `background:${background};color:#fff;border-radius:0 0 8px 0;pointer-events:none;max-width:100%`;
  return banner;
}

/**
 * Blurs each detected face in place: an overlay laid exactly over the image (same offset parent,
 * kept in step by a ResizeObserver) holds one blurred box per face, placed in percentages of the
 * image, so nothing in the page moves. Clicking a box shows the original face again.
 */
export function blurFaces(image: HTMLImageElement, result: FacesResult): void {
  clearBanner(image);
  image.setAttribute(FACES_ATTRIBUTE, String(result.faces.length));
  if (result.faces.length === 0) return;
  const overlay = document.createElement('div');
  overlay.setAttribute(OVERLAY_ATTRIBUTE, '');
  overlay.style.cssText =
    'position:absolute;pointer-events:none;overflow:hidden;z-index:1;margin:0;padding:0';
  // Each face box shows a blurred copy of the image, lined up with it: `filter: blur()` draws
  // everywhere (backdrop-filter drew nothing in Firefox without hardware rendering: faces showed).
  const copies: Array<{ copy: HTMLElement; x: number; y: number }> = [];
  // Once on the overlay, not in every box (an inline image's address can be a long data: URL).
  overlay.style.setProperty('--veneer-face-image', `url(${JSON.stringify(image.currentSrc || image.src)})`);
  for (const { box } of result.faces) {
    const x = Math.max(0, box.x - box.width * MARGIN);
    const y = Math.max(0, box.y - box.height * MARGIN);
    const width = Math.min(1 - x, box.width * (1 + 2 * MARGIN));
    const height = Math.min(1 - y, box.height * (1 + 2 * MARGIN));
    const face = document.createElement('div');
    face.setAttribute(FACE_BOX_ATTRIBUTE, '');
    face.title = t('faces.blurred');
    face.style.cssText =
      `position:absolute;left:${x * 100}%;top:${y * 100}%;width:${width * 100}%;height:${height * 100}%;` +
      'border-radius:35%;overflow:hidden;pointer-events:auto;cursor:pointer;background:rgb(120,120,120)';
    // A background, not an <img>: a site's reader never takes it for one of the post's images.
    const copy = document.createElement('div');
    copy.style.cssText =
      'position:absolute;background:var(--veneer-face-image) no-repeat;filter:blur(14px);pointer-events:none';
    face.append(copy);
    copies.push({ copy, x, y });
    face.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation();
      face.remove();
    });
    overlay.append(face);
  }
  placeOver(image, overlay, 'cover', (width, height) => {
    for (const { copy, x, y } of copies) {
      copy.style.width = `${width}px`;
      copy.style.height = `${height}px`;
      copy.style.left = `${-x * width}px`;
      copy.style.top = `${-y * height}px`;
      copy.style.backgroundSize = `${width}px ${height}px`;
    }
  });
}

/**
 * Lays `overlay` over `image` from its top-left corner (same offset parent, so nothing in the page
 * moves), kept in step as the image resizes: `cover` spans the whole image, `banner` its top edge.
 */
function placeOver(
  image: HTMLImageElement,
  overlay: HTMLElement,
  mode: 'cover' | 'banner',
  onSize?: (width: number, height: number) => void,
): void {
  image.after(overlay);
  const place = () => {
    overlay.style.left = `${image.offsetLeft}px`;
    overlay.style.top = `${image.offsetTop}px`;
    if (mode === 'cover') {
      overlay.style.width = `${image.offsetWidth}px`;
      overlay.style.height = `${image.offsetHeight}px`;
      onSize?.(image.offsetWidth, image.offsetHeight);
    } else {
      // A broken image can be a few pixels wide: keep the notice readable.
      overlay.style.width = `${Math.max(image.offsetWidth, 260)}px`;
    }
  };
  place();
  new ResizeObserver(place).observe(image);
}

/** A visible notice on the image when it could not be checked. */
export function markFailed(image: HTMLImageElement, message: string): void {
  clearBanner(image);
  image.setAttribute(FACES_ATTRIBUTE, 'error');
  const notice = makeBanner(t('faces.failed', { reason: message }), 'rgba(33,37,41,0.85)');
  notice.setAttribute(NOTICE_ATTRIBUTE, '');
  placeOver(image, notice, 'banner');
}
