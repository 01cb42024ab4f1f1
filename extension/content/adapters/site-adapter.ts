import type { Site } from '@veneer/shared/filters/matching';

/** What a site adapter reads from one post. Missing parts are empty, never a crash. */
export interface SitePost {
  /** Stable across re-renders (the site's own id or permalink). */
  id: string;
  element: HTMLElement;
  text: string;
  author: string;
  link: string;
  images: HTMLImageElement[];
}

/** One per site and per file: how to find posts in that site's markup and read them. */
export interface SiteAdapter {
  readonly site: Site;
  /** Matches every post element on the page. */
  readonly postSelector: string;
  /**
   * Where Veneer's notice goes: `before` the post as a sibling (lists), or `inside` it as its
   * first child (grids, where a sibling would take a cell of its own).
   */
  readonly placement: 'before' | 'inside';
  /** Reads one post; null when the element is not (yet) a post Veneer can judge. */
  readPost(element: HTMLElement): SitePost | null;
  /** Whether this page should show posts; if it shows none, the site has likely changed its markup. */
  expectsPosts(location: Location): boolean;
}

/** Whitespace other than single spaces between words: what `textOf` has to collapse. */
const LOOSE_SPACE = /[^\S ]| {2}|^ | $/;

/** Text of an element with whitespace collapsed; empty for a missing element. */
export function textOf(element: Element | null | undefined): string {
  const text = element?.textContent ?? '';
  // Most post texts need no collapsing: testing costs less than rebuilding the string.
  return LOOSE_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

/**
 * A post whose `images` are found the first time something asks for them, then kept. Most
 * filters look at words only, and finding a post's images costs as much as reading its text.
 */
export function postWithImages(post: Omit<SitePost, 'images'>, read: () => HTMLImageElement[]): SitePost {
  let images: HTMLImageElement[] | undefined;
  return Object.defineProperty(post, 'images', {
    get: () => (images ??= read()),
    enumerable: true,
  }) as SitePost;
}

/** Images of `element` matching `selector`, each once, in document order. */
export const imagesIn = (element: Element, selector: string): HTMLImageElement[] =>
  Array.from(element.querySelectorAll<HTMLImageElement>(selector));

/** A path on this site that needs no resolving: no dot segments, nothing to escape. */
const PLAIN_PATH = /^\/(?!\/)[\w\-/?=&%~+]*(?:\.[\w\-?=&%~+]+)*$/;
let pageOrigin: string | null = null;

/** An absolute address for a link found on the page, or empty. */
export function absoluteUrl(href: string | null | undefined): string {
  if (!href) return '';
  // Once per post: `new URL` and `location.origin` cost more than the rest of reading it.
  pageOrigin ??= location.origin;
  if (PLAIN_PATH.test(href)) return pageOrigin + href;
  try {
    return new URL(href, pageOrigin).toString();
  } catch {
    return '';
  }
}
