import { type PostKind, postKinds } from '@veneer/shared/filters/matching';
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
    /** The tweet's header (a quoted tweet brings a second): display name, handle, time or "Ad". */
    userName: '[data-testid="User-Name"]',
    /** "… reposted" above a repost, linking the reposter ("Pinned" has no link). */
    socialContext: '[data-testid="socialContext"]',
    /** The blue check in the header (earned and paid look alike). */
    verified: '[data-testid="icon-verified"]',
    /**
     * A post's page ends its conversation with "Discover more": a cell whose heading is followed
     * by a description, and tweets from elsewhere after it. This finds the description.
     */
    discoverMore: 'h2[role="heading"] + div[dir]',
  },
  attributes: {},
  rules: { permalink: 'time-parent' },
};

const PROFILE_PATH = /^\/([A-Za-z0-9_]{1,15})$/;

/** The handle a tweet's header links to (its second link, "@handle"; the first is the display name). */
function handleIn(header: Element | null): string | null {
  for (const link of header?.querySelectorAll('a[href]') ?? []) {
    const handle = PROFILE_PATH.exec(link.getAttribute('href') ?? '')?.[1];
    if (handle) return handle;
  }
  return null;
}

/**
 * Whether the tweet is a reply as X shows one outside threads: a "Replying to @handle" line
 * between its header and its text (read by its link's "@", not its words).
 */
function repliesTo(tweet: Element, header: Element, text: Element | null): boolean {
  for (const link of tweet.querySelectorAll('a[href^="/"]')) {
    if (header.contains(link) || header.compareDocumentPosition(link) & Node.DOCUMENT_POSITION_PRECEDING)
      continue;
    if (
      text &&
      (text.contains(link) || text.compareDocumentPosition(link) & Node.DOCUMENT_POSITION_FOLLOWING)
    )
      break;
    if (PROFILE_PATH.test(link.getAttribute('href')!) && textOf(link).startsWith('@')) return true;
  }
  return false;
}

const STATUS_PATH = /^(?:https:\/\/(?:x|twitter)\.com)?\/([A-Za-z0-9_]{1,15})\/status\/(\d+)/;
/** A post's own page (/<handle>/status/<id>), where "Discover more" follows the conversation. */
const STATUS_PAGE = /^\/[A-Za-z0-9_]{1,15}\/status\/\d+/;
/** The section of a post's page that X fills with tweets it suggests. */
const DISCOVER_MORE = 'discover-more';
const RESERVED = /^\/(settings|messages|i\/(?!lists)|compose|login|logout|signup|tos|privacy|account)/;

const x = defineSite({
  id: 'x',
  site: 'x',
  label: 'X',
  matches: ['https://x.com/*', 'https://twitter.com/*'],
  imageHosts: ['https://pbs.twimg.com/*'],
  tells: { kinds: ['original', 'repost', 'quote', 'reply', 'promoted', 'suggested'], badge: true },
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
    /** The tweet's own status link; `timed` when it is the one around its time (a promoted tweet has none). */
    function permalink(
      element: HTMLElement,
    ): { id: string; handle: string; href: string; timed: boolean } | null {
      const timed =
        linkOf(element.querySelector(selectors.permalinkTime!)) ??
        element.getElementsByTagName('time')[0]?.closest<HTMLAnchorElement>(selectors.statusLink!);
      const candidates = timed ? [timed] : element.querySelectorAll<HTMLAnchorElement>(selectors.statusLink!);
      for (const link of candidates) {
        const match = STATUS_PATH.exec(link.getAttribute('href') ?? '');
        if (match)
          return {
            id: match[2]!,
            handle: match[1]!,
            href: `/${match[1]}/status/${match[2]}`,
            timed: link === timed,
          };
      }
      return null;
    }

    /**
     * Whether the tweet is one X suggests under a post's "Discover more" heading: on a post's
     * page, its cell comes after the heading's (X may render the heading after the tweets under
     * it: those are read again then, see `postsIn`). Elsewhere no tweet is.
     */
    function underDiscoverMore(tweet: HTMLElement): boolean {
      if (!STATUS_PAGE.test(location.pathname)) return false;
      const cell = tweet.closest(selectors.cell!);
      for (const heading of cell?.parentElement?.querySelectorAll(selectors.discoverMore!) ?? [])
        if (
          !heading.closest(selectors.post!) &&
          heading.compareDocumentPosition(cell!) & Node.DOCUMENT_POSITION_FOLLOWING
        )
          return true;
      return false;
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
        // A promoted tweet shows "Ad" where others show their time, and may have no status link.
        let header: Element | null | undefined;
        const headerOf = () => (header ??= element.querySelector(selectors.userName!));
        const promoted =
          !link?.timed && headerOf() !== null && headerOf()!.getElementsByTagName('time').length === 0;
        const handle = link?.handle ?? (promoted ? handleIn(headerOf()) : null);
        if (!handle) return null;
        let text = '';
        let firstText: Element | null = null;
        for (const part of element.querySelectorAll(selectors.text!)) {
          firstText ??= part;
          const words = textOf(part);
          if (words) text = text ? `${text}\n${words}` : words;
        }
        const section = underDiscoverMore(element) ? DISCOVER_MORE : undefined;
        // Read only when a filter asks for kinds of post.
        const kinds = () => {
          const seen: PostKind[] = promoted ? ['promoted'] : [];
          if (section) seen.push('suggested');
          const reposter = element.querySelector(selectors.socialContext!)?.querySelector('a[href]');
          if (reposter && PROFILE_PATH.test(reposter.getAttribute('href')!)) seen.push('repost');
          if (element.querySelectorAll(selectors.userName!).length > 1) seen.push('quote');
          const top = headerOf();
          if (top && repliesTo(element, top, firstText)) seen.push('reply');
          return postKinds(seen);
        };
        return postWithImages(
          {
            id: link?.id ?? `ad:${handle}:${text.length}:${text.slice(0, 40)}`,
            element,
            text,
            author: `@${handle}`,
            kinds,
            verified: () => headerOf()?.querySelector(selectors.verified!) != null,
            link: link ? absoluteUrl(link.href) : '',
            section,
          },
          () => mediaImages(element),
        );
      },
      postsIn(added) {
        // A cell holds one tweet at most, near its top: the search stops there.
        if (!added.matches(selectors.cell!)) return null;
        const tweet = added.querySelector<HTMLElement>(selectors.post!);
        if (tweet) return [tweet];
        // A "Discover more" heading rendered after the tweets under it: those are read again.
        if (!STATUS_PAGE.test(location.pathname) || !added.querySelector(selectors.discoverMore!)) return [];
        const below: HTMLElement[] = [];
        for (let cell = added.nextElementSibling; cell; cell = cell.nextElementSibling) {
          const under = cell.querySelector<HTMLElement>(selectors.post!);
          if (under) below.push(under);
        }
        return below;
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
