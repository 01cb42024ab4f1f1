import { absoluteUrl, imagesIn, type SiteAdapter, type SitePost, textOf } from './site-adapter.ts';

/**
 * X (x.com): each tweet in a timeline, search, thread or replies is an
 * `article[data-testid="tweet"]`. Its permalink is the status link around its `<time>`; its text
 * is `[data-testid="tweetText"]` (a quoted tweet brings a second one, which counts too: quoting
 * what the user filters is still showing it); the author is the `@handle` in
 * `[data-testid="User-Name"]`; photos are `[data-testid="tweetPhoto"] img` and link-card images
 * `[data-testid="card.wrapper"] img` (avatars are not post images).
 */
const STATUS_PATH = /^\/([A-Za-z0-9_]{1,15})\/status\/(\d+)/;
const RESERVED = /^\/(settings|messages|i\/(?!lists)|compose|login|logout|signup|tos|privacy|account)/;

function permalink(element: HTMLElement): { id: string; href: string } | null {
  const links = [
    ...element.querySelectorAll<HTMLAnchorElement>('a[href*="/status/"]:has(time)'),
    ...element.querySelectorAll<HTMLAnchorElement>('a[href*="/status/"]'),
  ];
  for (const link of links) {
    const match = STATUS_PATH.exec(new URL(link.href, location.origin).pathname);
    if (match) return { id: match[2]!, href: `/${match[1]}/status/${match[2]}` };
  }
  return null;
}

export const xAdapter: SiteAdapter = {
  site: 'x',
  postSelector: 'article[data-testid="tweet"]',
  placement: 'before',
  readPost(element): SitePost | null {
    const link = permalink(element);
    if (!link) return null;
    const texts = [...element.querySelectorAll('[data-testid="tweetText"]')].map(textOf);
    const handle = [...element.querySelectorAll('[data-testid="User-Name"] span')]
      .map(textOf)
      .find((t) => t.startsWith('@'));
    return {
      id: link.id,
      element,
      text: texts.filter(Boolean).join('\n'),
      author: handle ?? '',
      link: absoluteUrl(link.href),
      images: imagesIn(element, '[data-testid="tweetPhoto"] img, [data-testid="card.wrapper"] img').filter(
        (image) => !image.src.includes('/profile_images/'),
      ),
    };
  },
  expectsPosts: ({ pathname }) =>
    !RESERVED.test(pathname) &&
    (pathname === '/home' ||
      pathname.startsWith('/search') ||
      pathname.startsWith('/i/lists/') ||
      /^\/[A-Za-z0-9_]{1,15}(\/(status\/\d+|with_replies|media))?\/?$/.test(pathname)),
};
