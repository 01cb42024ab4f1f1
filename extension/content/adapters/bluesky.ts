import {
  absoluteUrl,
  imagesIn,
  postWithImages,
  type SiteAdapter,
  type SitePost,
  textOf,
} from '../site-adapter.ts';

/**
 * Bluesky (bsky.app): feed items are `[data-testid^="feedItem-by-"]` and posts in a thread
 * `[data-testid^="postThreadItem-by-"]`, the author's handle after `-by-`. The text is
 * `[data-testid="postText"]` (a quoted post's text counts too), the permalink
 * `/profile/<handle>/post/<rkey>`, and post images come from the CDN's feed_thumbnail or
 * feed_fullsize paths (avatars from /avatar/ are not post images).
 */
const ITEM = /^(?:feedItem|postThreadItem)-by-(.+)$/;
const POST_PATH = /^\/profile\/([^/]+)\/post\/([\w-]+)/;

export const blueskyAdapter: SiteAdapter = {
  site: 'bluesky',
  label: 'Bluesky',
  matches: ['https://bsky.app/*'],
  imageHosts: ['https://cdn.bsky.app/*'],
  postSelector: '[data-testid^="feedItem-by-"], [data-testid^="postThreadItem-by-"]',
  placement: 'before',
  readPost(element): SitePost | null {
    const author = ITEM.exec(element.dataset.testid ?? '')?.[1] ?? '';
    let href = '';
    for (const link of element.querySelectorAll<HTMLAnchorElement>('a[href*="/post/"]')) {
      const path = new URL(link.getAttribute('href')!, location.origin).pathname;
      const match = POST_PATH.exec(path);
      if (match && (!author || match[1] === author)) {
        href = match[0];
        break;
      }
    }
    // A thread's focused post has no link to itself: it is the page's own address.
    if (!href && element.dataset.testid?.startsWith('postThreadItem-')) {
      href = POST_PATH.exec(location.pathname)?.[0] ?? '';
    }
    if (!href) return null;
    return postWithImages(
      {
        id: href,
        element,
        text: [...element.querySelectorAll('[data-testid="postText"]')]
          .map(textOf)
          .filter(Boolean)
          .join('\n'),
        author,
        link: absoluteUrl(href),
      },
      () => imagesIn(element, 'img[src*="/feed_thumbnail/"], img[src*="/feed_fullsize/"]'),
    );
  },
  expectsPosts: ({ pathname }) =>
    pathname === '/' ||
    /^\/profile\/[^/]+(\/post\/[\w-]+)?\/?$/.test(pathname) ||
    pathname.startsWith('/search'),
};

export default blueskyAdapter;
