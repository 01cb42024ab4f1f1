import { browser } from 'wxt/browser';
import { FEED_THUMBNAILS_STORAGE_KEY, FeedThumbnailsSchema } from './storage-keys.ts';

/** The thumbnail addresses of the creator's home feed the YouTube content script last saw (none yet: []). */
export async function storedFeedThumbnailUrls(): Promise<string[]> {
  const stored = await browser.storage.local.get(FEED_THUMBNAILS_STORAGE_KEY);
  const feed = FeedThumbnailsSchema.safeParse(stored[FEED_THUMBNAILS_STORAGE_KEY]);
  return feed.success ? feed.data.urls : [];
}
