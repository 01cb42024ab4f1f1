import type { SelectorPack } from '@veneer/shared/packs';
import {
  absoluteUrl,
  builtInReader,
  defineSite,
  imagesIn,
  postWithImages,
  type SitePost,
  textOf,
} from '../site-adapter.ts';

/**
 * Bluesky (bsky.app): feed items and posts in a thread carry a test id ending in `-by-<handle>`.
 * The text is the post-text element (a quoted post's text counts too), the permalink
 * `/profile/<handle>/post/<rkey>`, and post images come from the CDN's feed_thumbnail or
 * feed_fullsize paths (avatars from /avatar/ are not post images).
 */
const pack: SelectorPack = {
  format: 1,
  adapter: 'bluesky',
  version: 1,
  selectors: {
    post: '[data-testid^="feedItem-by-"], [data-testid^="postThreadItem-by-"]',
    threadItem: '[data-testid^="postThreadItem-by-"]',
    text: '[data-testid="postText"]',
    postLink: 'a[href*="/post/"]',
    media: 'img[src*="/feed_thumbnail/"], img[src*="/feed_fullsize/"]',
  },
  attributes: { testId: 'data-testid' },
  rules: {},
};

const BY = /-by-(.+)$/;
const POST_PATH = /^\/profile\/([^/]+)\/post\/([\w-]+)/;

const bluesky = defineSite({
  id: 'bluesky',
  site: 'bluesky',
  label: 'Bluesky',
  matches: ['https://bsky.app/*'],
  imageHosts: ['https://cdn.bsky.app/*'],
  pack,
  rules: {},
  reader({ selectors, attributes }) {
    return {
      site: 'bluesky',
      postSelector: selectors.post!,
      placement: 'before',
      readPost(element): SitePost | null {
        const author = BY.exec(element.getAttribute(attributes.testId!) ?? '')?.[1] ?? '';
        let href = '';
        for (const link of element.querySelectorAll<HTMLAnchorElement>(selectors.postLink!)) {
          const path = new URL(link.getAttribute('href')!, location.origin).pathname;
          const match = POST_PATH.exec(path);
          if (match && (!author || match[1] === author)) {
            href = match[0];
            break;
          }
        }
        // A thread's focused post has no link to itself: it is the page's own address.
        if (!href && element.matches(selectors.threadItem!))
          href = POST_PATH.exec(location.pathname)?.[0] ?? '';
        if (!href) return null;
        return postWithImages(
          {
            id: href,
            element,
            text: [...element.querySelectorAll(selectors.text!)].map(textOf).filter(Boolean).join('\n'),
            author,
            link: absoluteUrl(href),
          },
          () => imagesIn(element, selectors.media!),
        );
      },
      expectsPosts: ({ pathname }) =>
        pathname === '/' ||
        /^\/profile\/[^/]+(\/post\/[\w-]+)?\/?$/.test(pathname) ||
        pathname.startsWith('/search'),
    };
  },
});

export default bluesky;
/** The reader of the built-in pack. */
export const blueskyAdapter = builtInReader(bluesky);
