import { type Filter, FilterSchema, IMAGES_LIKE_FILTER_ID } from '@veneer/shared/filters';
import { browser } from 'wxt/browser';
import { imageRefForSource } from '../content/image-source.ts';
import { t } from '../lib/i18n.ts';
import { loadFiltersToChange, saveFilters } from '../lib/storage.ts';
import type { OnDeviceModels } from '../services/on-device-models.ts';

export const HIDE_IMAGES_LIKE_MENU = 'veneer-hide-images-like';

/** The filter list with `hash` added to the example-image filter (made, or switched on, as needed). */
export function withExampleImage(filters: readonly Filter[], hash: string, from?: string): Filter[] {
  const example = { hash, ...(from ? { from } : {}) };
  const existing = filters.find((f) => f.id === IMAGES_LIKE_FILTER_ID);
  if (!existing)
    return [
      ...filters,
      FilterSchema.parse({ id: IMAGES_LIKE_FILTER_ID, action: 'collapse', imageExamples: [example] }),
    ];
  return filters.map((f) =>
    f.id === IMAGES_LIKE_FILTER_ID && !f.imageExamples.some((e) => e.hash === hash)
      ? { ...f, enabled: true, imageExamples: [...f.imageExamples, example] }
      : f,
  );
}

/**
 * "Hide images like this" (the image context menu): the image is hashed on this device and the
 * hash (never the image) joins the user's example-image filter.
 */
export async function hideImagesLike(
  models: Pick<OnDeviceModels, 'hashImages'>,
  srcUrl: string,
  pageUrl?: string,
): Promise<{ filterId: string; hash: string }> {
  try {
    const [hash] = await models.hashImages([await imageRefForSource(srcUrl)]);
    if (!hash) throw new Error('the image could not be read');
    const filters = await loadFiltersToChange();
    await saveFilters(withExampleImage(filters, hash, pageUrl ? new URL(pageUrl).hostname : undefined));
    return { filterId: IMAGES_LIKE_FILTER_ID, hash };
  } catch (error) {
    throw new Error(t('problem.useImage', { reason: (error as Error).message }));
  }
}

/** Adds the context menu (at install) and answers its clicks. */
export function installImageMenu(models: Pick<OnDeviceModels, 'hashImages'>): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: HIDE_IMAGES_LIKE_MENU,
      title: t('menu.imagesLike'),
      contexts: ['image'],
    });
  });
  browser.contextMenus.onClicked.addListener((info) => {
    if (info.menuItemId === HIDE_IMAGES_LIKE_MENU && info.srcUrl)
      void hideImagesLike(models, info.srcUrl, info.pageUrl).catch(() => undefined);
  });
}
