import { absoluteUrl, postWithImages, type SiteAdapter, type SitePost, textOf } from '../site-adapter.ts';

/**
 * X (x.com): each tweet in a timeline, search, thread or replies is an
 * `article[data-testid="tweet"]`. Its permalink is the status link around its `<time>`; its text
 * is `[data-testid="tweetText"]` (a quoted tweet brings a second one, which counts too: quoting
 * what the user filters is still showing it); the author is the `@handle` in
 * `[data-testid="User-Name"]`; photos are `[data-testid="tweetPhoto"] img` and link-card images
 * `[data-testid="card.wrapper"] img` (avatars are not post images).
 */
const STATUS_PATH = /^(?:https:\/\/(?:x|twitter)\.com)?\/([A-Za-z0-9_]{1,15})\/status\/(\d+)/;
const RESERVED = /^\/(settings|messages|i\/(?!lists)|compose|login|logout|signup|tos|privacy|account)/;

/**
 * The tweet's own status link: the one around its first `<time>` (in X's markup the `<time>` is
 * the link's child: one selector finds it, in half the time of finding the `<time>` and then its
 * link), else the first status link.
 */
function permalink(element: HTMLElement): { id: string; handle: string; href: string } | null {
  const timed =
    element.querySelector('a[href*="/status/"] > time')?.parentElement ??
    element.getElementsByTagName('time')[0]?.closest<HTMLAnchorElement>('a[href*="/status/"]');
  const candidates = timed ? [timed] : element.querySelectorAll<HTMLAnchorElement>('a[href*="/status/"]');
  for (const link of candidates) {
    const match = STATUS_PATH.exec(link.getAttribute('href') ?? '');
    if (match) return { id: match[2]!, handle: match[1]!, href: `/${match[1]}/status/${match[2]}` };
  }
  return null;
}

const MEDIA_TEST_IDS = new Set(['tweetPhoto', 'card.wrapper']);

/** Whether `image` sits in a photo or link card of `tweet` (walking up to the tweet, no further). */
function inMedia(image: HTMLImageElement, tweet: HTMLElement): boolean {
  for (let node = image.parentElement; node && node !== tweet; node = node.parentElement) {
    const testId = node.getAttribute('data-testid');
    if (testId !== null && MEDIA_TEST_IDS.has(testId)) return true;
  }
  return false;
}

/**
 * The tweet's photos and card images. Its few images are walked up from, to the tweet and no
 * further, rather than matched with `[data-testid="tweetPhoto"] img, ...`, which tests every
 * element of the tweet's ~170 against descendant selectors (a third of the cost of reading a
 * tweet), or with `closest`, which walks past the tweet to the document for every other image.
 */
function mediaImages(element: HTMLElement): HTMLImageElement[] {
  const images: HTMLImageElement[] = [];
  for (const image of element.getElementsByTagName('img')) {
    if (image.getAttribute('src')?.includes('/profile_images/')) continue;
    if (inMedia(image, element)) images.push(image);
  }
  return images;
}

const TWEET = 'article[data-testid="tweet"]';

export const xAdapter: SiteAdapter = {
  site: 'x',
  label: 'X',
  matches: ['https://x.com/*', 'https://twitter.com/*'],
  imageHosts: ['https://pbs.twimg.com/*'],
  postSelector: TWEET,
  placement: 'before',
  readPost(element): SitePost | null {
    const link = permalink(element);
    if (!link) return null;
    let text = '';
    for (const part of element.querySelectorAll('[data-testid="tweetText"]')) {
      const words = textOf(part);
      if (words) text = text ? `${text}\n${words}` : words;
    }
    return postWithImages(
      {
        id: link.id,
        element,
        text,
        // The permalink names the author: /<handle>/status/<id>.
        author: `@${link.handle}`,
        link: absoluteUrl(link.href),
      },
      () => mediaImages(element),
    );
  },
  postsIn(added) {
    // X's timelines (home, search, threads, lists) render one item per cell: a cell holds one tweet
    // at most, near its top, so the search stops there instead of walking the rest of the cell.
    if (added.getAttribute('data-testid') !== 'cellInnerDiv') return null;
    const tweet = added.querySelector<HTMLElement>(TWEET);
    return tweet ? [tweet] : [];
  },
  expectsPosts: ({ pathname }) =>
    !RESERVED.test(pathname) &&
    (pathname === '/home' ||
      pathname.startsWith('/search') ||
      pathname.startsWith('/i/lists/') ||
      /^\/[A-Za-z0-9_]{1,15}(\/(status\/\d+|with_replies|media))?\/?$/.test(pathname)),
};

export default xAdapter;
