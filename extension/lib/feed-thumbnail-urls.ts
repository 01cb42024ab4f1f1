import { browser } from 'wxt/browser';
import { FEED_THUMBNAILS_STORAGE_KEY, FeedThumbnailsSchema } from './storage-keys.ts';

/** The thumbnail addresses of the creator's home feed the YouTube content script last saw (none yet: []). */
export async function storedFeedThumbnailUrls(): Promise<string[]> {
  const stored = await browser.storage.local.get(FEED_THUMBNAILS_STORAGE_KEY);
  const feed = FeedThumbnailsSchema.safeParse(stored[FEED_THUMBNAILS_STORAGE_KEY]);
  return feed.success ? feed.data.urls : [];
}

/** The same, read once and kept current as the content script updates it (for a page that scores often). */
export function liveFeedThumbnailUrls(): () => Promise<string[]> {
  let urls = storedFeedThumbnailUrls();
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && FEED_THUMBNAILS_STORAGE_KEY in changes) urls = storedFeedThumbnailUrls();
  });
  return () => urls;
}
