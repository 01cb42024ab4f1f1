import type { SiteAdapter, SitePost } from './site-adapter.ts';

/**
 * Reddit's current markup: each post is a `<shreddit-post>` custom element whose attributes
 * carry the title, author, permalink and id; the body text sits in `[slot="text-body"]` and the
 * media in `[slot="post-media-container"]` (galleries in `gallery-carousel`). Avatars and icons
 * in the credit bar are not post images.
 */
const MEDIA_IMAGES = '[slot="post-media-container"] img, gallery-carousel img, img#post-image';

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

export const redditAdapter: SiteAdapter = {
  site: 'reddit',
  postSelector: 'shreddit-post',
  readPost(element): SitePost | null {
    const id = element.getAttribute('id') || element.getAttribute('permalink');
    if (!id) return null;
    const title = element.getAttribute('post-title') || text(element.querySelector('[slot="title"]'));
    const body = text(element.querySelector('[slot="text-body"]'));
    const permalink = element.getAttribute('permalink') ?? '';
    return {
      id,
      element,
      text: [title, body].filter(Boolean).join('\n'),
      author: element.getAttribute('author') ?? '',
      link: permalink ? new URL(permalink, location.origin).toString() : '',
      images: [...new Set(element.querySelectorAll<HTMLImageElement>(MEDIA_IMAGES))],
    };
  },
};
