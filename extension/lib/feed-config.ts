import type { Filter } from '@veneer/shared/filters/matching';
import type { SelectorPack } from '@veneer/shared/packs';
import { browser } from 'wxt/browser';

/**
 * What the feed content scripts judge posts with: the filter list and the settings they need,
 * validated and completed with defaults by the background (feed-config-publisher.ts), which
 * publishes it here whenever either changes. Content scripts read it as it is: constructing the
 * zod schemas in every page cost 30-50 ms of the page's main thread per page load.
 */
export const FEED_CONFIG_STORAGE_KEY = 'veneer.feed-config';
/** Changes with FeedConfig's shape: a content script never reads a config of another format. */
export const FEED_CONFIG_FORMAT = 3;

export interface FeedConfig {
  format: typeof FEED_CONFIG_FORMAT;
  filters: Filter[];
  /** Set when the stored filter list is not valid (the page report shows it). */
  problem: string | null;
  cloudProcessing: boolean;
  /** Host names where the user turned Veneer off. */
  disabledHosts: string[];
  /** The allowlist: accounts and communities whose posts no filter changes. */
  alwaysShow: string[];
  /** The newest verified selector pack of each adapter that has one (by adapter id); others use their built-in pack. */
  packs: Record<string, SelectorPack>;
}

export const isCurrentFeedConfig = (value: unknown): value is FeedConfig =>
  typeof value === 'object' && value !== null && (value as FeedConfig).format === FEED_CONFIG_FORMAT;

/**
 * The published config; when there is none yet (the first start, or an update changed its
 * format) the background publishes it and answers with it.
 */
export async function readFeedConfig(background: {
  request(type: 'feedConfig', data: undefined): Promise<FeedConfig>;
}): Promise<FeedConfig> {
  const stored = (await browser.storage.local.get(FEED_CONFIG_STORAGE_KEY))[FEED_CONFIG_STORAGE_KEY];
  if (isCurrentFeedConfig(stored)) return stored;
  const answer: unknown = await background.request('feedConfig', undefined);
  if (isCurrentFeedConfig(answer)) return answer;
  throw new Error('the extension did not answer with its filters');
}
