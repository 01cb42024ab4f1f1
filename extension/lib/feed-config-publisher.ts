import type { Filter } from '@veneer/shared/filters';
import { FEED_CONFIG_FORMAT, type FeedConfig } from './feed-config.ts';
import type { Settings } from './storage-keys.ts';

export interface FeedConfigSources {
  /** The stored filter list, validated (a problem instead of filters when it is not valid). */
  loadFilters(): Promise<{ filters: Filter[]; problem: string | null }>;
  loadSettings(): Promise<Settings>;
  /** The newest verified selector pack of each adapter that has one. */
  loadPacks(): Promise<FeedConfig['packs']>;
  /** The config published last, as stored. */
  readPublished(): Promise<unknown>;
  publish(config: FeedConfig): Promise<void>;
}

/**
 * Publishes the feed config (feed-config.ts) from the validated filters and settings. Runs at
 * every start of the background and on every change; one publication at a time, each reading
 * the sources afresh, so the last one reflects the last change. Nothing is written when the
 * config is unchanged: every feed tab judges its page again when it changes, and the background
 * starts far more often than the user edits filters.
 */
export function createFeedConfigPublisher(sources: FeedConfigSources): () => Promise<FeedConfig> {
  let queue: Promise<unknown> = Promise.resolve();
  const publishNow = async (): Promise<FeedConfig> => {
    const [{ filters, problem }, settings, packs, published] = await Promise.all([
      sources.loadFilters(),
      sources.loadSettings(),
      sources.loadPacks(),
      sources.readPublished(),
    ]);
    const config: FeedConfig = {
      format: FEED_CONFIG_FORMAT,
      filters,
      problem,
      cloudProcessing: settings.cloudProcessing,
      disabledHosts: settings.disabledHosts,
      alwaysShow: settings.alwaysShow,
      packs,
    };
    if (JSON.stringify(published) !== JSON.stringify(config)) await sources.publish(config);
    return config;
  };
  return () => {
    const next = queue.then(publishNow, publishNow);
    queue = next.catch(() => undefined);
    return next;
  };
}
