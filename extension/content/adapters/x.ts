import type { SelectorPack } from '@veneer/shared/packs';
import {
  absoluteUrl,
  builtInReader,
  defineSite,
  postWithImages,
  type SitePost,
  textOf,
} from '../site-adapter.ts';

/**
 * X (x.com): each tweet in a timeline, search, thread or replies is an `article` marked with a
 * test id. Its permalink is the status link around its `<time>`; its text is the tweet-text
 * element (a quoted tweet brings a second one, which counts too: quoting what the user filters is
 * still showing it); the author is the handle in the permalink (/<handle>/status/<id>); photos are
 * the images inside photo and link-card elements (avatars are not post images). X renders one
 * timeline item per cell, so an added cell's tweet is found without walking the rest of it.
 */
const pack: SelectorPack = {
  format: 1,
  adapter: 'x',
  version: 1,
  selectors: {
    post: 'article[data-testid="tweet"]',
    text: '[data-testid="tweetText"]',
    /** In X's markup the `<time>` is its link's child: one selector finds the link. */
    permalinkTime: 'a[href*="/status/"] > time',
    statusLink: 'a[href*="/status/"]',
    media: '[data-testid="tweetPhoto"], [data-testid="card.wrapper"]',
    cell: '[data-testid="cellInnerDiv"]',
  },
  attributes: {},
  rules: { permalink: 'time-parent' },
};

const STATUS_PATH = /^(?:https:\/\/(?:x|twitter)\.com)?\/([A-Za-z0-9_]{1,15})\/status\/(\d+)/;
const RESERVED = /^\/(settings|messages|i\/(?!lists)|compose|login|logout|signup|tos|privacy|account)/;

const x = defineSite({
  id: 'x',
  site: 'x',
  label: 'X',
  matches: ['https://x.com/*', 'https://twitter.com/*'],
  imageHosts: ['https://pbs.twimg.com/*'],
  pack,
  // How the permalink is found from the tweet's first `<time>`: its parent is the status link
  // (X's markup today, and the cheapest), or the nearest status link around it.
  rules: { permalink: ['time-parent', 'time-ancestor'] },
  reader({ selectors, rules }) {
    const linkOf = (time: Element | null | undefined) =>
      rules.permalink === 'time-parent'
        ? (time?.parentElement as HTMLAnchorElement | null | undefined)
        : time?.closest<HTMLAnchorElement>(selectors.statusLink!);
    /** The tweet's own status link: the one around its first `<time>`, else the first status link. */
    function permalink(element: HTMLElement): { id: string; handle: string; href: string } | null {
      const timed =
        linkOf(element.querySelector(selectors.permalinkTime!)) ??
        element.getElementsByTagName('time')[0]?.closest<HTMLAnchorElement>(selectors.statusLink!);
      const candidates = timed ? [timed] : element.querySelectorAll<HTMLAnchorElement>(selectors.statusLink!);
      for (const link of candidates) {
        const match = STATUS_PATH.exec(link.getAttribute('href') ?? '');
        if (match) return { id: match[2]!, handle: match[1]!, href: `/${match[1]}/status/${match[2]}` };
      }
      return null;
    }

    /**
     * The tweet's photos and card images: from each of its few images up to the tweet and no
     * further, rather than a descendant selector, which tests every element of the tweet's ~170.
     */
    function mediaImages(tweet: HTMLElement): HTMLImageElement[] {
      const images: HTMLImageElement[] = [];
      for (const image of tweet.getElementsByTagName('img')) {
        if (image.getAttribute('src')?.includes('/profile_images/')) continue;
        for (let node = image.parentElement; node && node !== tweet; node = node.parentElement) {
          if (node.matches(selectors.media!)) {
            images.push(image);
            break;
          }
        }
      }
      return images;
    }

    return {
      site: 'x',
      postSelector: selectors.post!,
      placement: 'before',
      readPost(element): SitePost | null {
        const link = permalink(element);
        if (!link) return null;
        let text = '';
        for (const part of element.querySelectorAll(selectors.text!)) {
          const words = textOf(part);
          if (words) text = text ? `${text}\n${words}` : words;
        }
        return postWithImages(
          { id: link.id, element, text, author: `@${link.handle}`, link: absoluteUrl(link.href) },
          () => mediaImages(element),
        );
      },
      postsIn(added) {
        // A cell holds one tweet at most, near its top: the search stops there.
        if (!added.matches(selectors.cell!)) return null;
        const tweet = added.querySelector<HTMLElement>(selectors.post!);
        return tweet ? [tweet] : [];
      },
      expectsPosts: ({ pathname }) =>
        !RESERVED.test(pathname) &&
        (pathname === '/home' ||
          pathname.startsWith('/search') ||
          pathname.startsWith('/i/lists/') ||
          /^\/[A-Za-z0-9_]{1,15}(\/(status\/\d+|with_replies|media))?\/?$/.test(pathname)),
    };
  },
});

export default x;
/** The reader of the built-in pack. */
export const xAdapter = builtInReader(x);
