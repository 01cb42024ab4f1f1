import { type Filter, isFilterActive } from '@veneer/shared/filters';
import { TEXT_CHECKS } from '@veneer/shared/judge';
import { browser } from 'wxt/browser';
import { FEED_CONFIG_STORAGE_KEY, type FeedConfig } from '../lib/feed-config.ts';
import { createFeedConfigPublisher } from '../lib/feed-config-publisher.ts';
import { t } from '../lib/i18n.ts';
import { loadFilters, loadSettings } from '../lib/storage.ts';
import type { OnDeviceModels } from '../services/on-device-models.ts';

/** The text checks that active filters of `config` use (their ids). */
export const textChecksUsed = (config: FeedConfig) =>
  TEXT_CHECKS.filter((check) =>
    config.filters.some((filter) => check.serves(filter) && isFilterActive(filter)),
  ).map((check) => check.id);

/**
 * Publishes the feed pages' filters and settings (lib/feed-config.ts) whenever they change, and
 * loads the text checks' models the filters use as soon as the background has them, not when a feed first
 * asks: loading takes a few hundred ms on a slow machine, which the first screen of the first feed
 * would otherwise wait through, invisible. Warming sends no text.
 */
export function feedConfigService(
  models: Pick<OnDeviceModels, 'checkTexts'>,
  onError: (m: string) => void,
  loadPacks: () => Promise<FeedConfig['packs']> = async () => ({}),
  loadListFilters: () => Promise<Filter[]> = async () => [],
) {
  const publish = createFeedConfigPublisher({
    // The person's own filters, then those of the lists they subscribed to (read-only).
    async loadFilters() {
      const own = await loadFilters();
      return { ...own, filters: [...own.filters, ...(await loadListFilters())] };
    },
    loadSettings,
    loadPacks,
    readPublished: async () =>
      (await browser.storage.local.get(FEED_CONFIG_STORAGE_KEY))[FEED_CONFIG_STORAGE_KEY],
    publish: (config) => browser.storage.local.set({ [FEED_CONFIG_STORAGE_KEY]: config }),
  });
  const warm = (config: FeedConfig) => {
    const checks = textChecksUsed(config);
    if (checks.length > 0) void models.checkTexts(checks, []).catch(() => undefined);
  };
  return {
    publish,
    /** Publishes (after a change) and warms the models; a failure is reported, not thrown. */
    refresh(): void {
      void publish().then(warm, (error: Error) =>
        onError(t('problem.passFilters', { reason: error.message })),
      );
    },
  };
}
