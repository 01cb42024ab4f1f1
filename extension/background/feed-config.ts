import { isFilterActive, TEXT_CLASSIFIERS } from '@veneer/shared/filters';
import { browser } from 'wxt/browser';
import { FEED_CONFIG_STORAGE_KEY, type FeedConfig } from '../lib/feed-config.ts';
import { createFeedConfigPublisher } from '../lib/feed-config-publisher.ts';
import { loadFilters, loadSettings } from '../lib/storage.ts';
import type { OnDeviceModels } from '../services/on-device-models.ts';

/** The classifiers that active filters of `config` use. */
export const classifiersUsed = (config: FeedConfig) =>
  TEXT_CLASSIFIERS.filter((task) =>
    config.filters.some((filter) => filter.classifier === task && isFilterActive(filter)),
  );

/**
 * Publishes the feed pages' filters and settings (lib/feed-config.ts) whenever they change, and
 * loads the classifiers the filters use as soon as the background has them, not when a feed first
 * asks: loading takes a few hundred ms on a slow machine, which the first screen of the first feed
 * would otherwise wait through, invisible. Warming sends no text.
 */
export function feedConfigService(
  models: Pick<OnDeviceModels, 'classifyText'>,
  onError: (m: string) => void,
) {
  const publish = createFeedConfigPublisher({
    loadFilters,
    loadSettings,
    readPublished: async () =>
      (await browser.storage.local.get(FEED_CONFIG_STORAGE_KEY))[FEED_CONFIG_STORAGE_KEY],
    publish: (config) => browser.storage.local.set({ [FEED_CONFIG_STORAGE_KEY]: config }),
  });
  const warm = (config: FeedConfig) => {
    const tasks = classifiersUsed(config);
    if (tasks.length > 0) void models.classifyText(tasks, []).catch(() => undefined);
  };
  return {
    publish,
    /** Publishes (after a change) and warms the models; a failure is reported, not thrown. */
    refresh(): void {
      void publish().then(warm, (error: Error) =>
        onError(`Veneer could not pass your filters to its pages: ${error.message}`),
      );
    },
  };
}
