import { absoluteUrl, type SiteAdapter, type SitePost } from './site-adapter.ts';

/** Marks the items the fallback reader found: its post selector. */
export const FALLBACK_ATTRIBUTE = 'data-veneer-fallback';
const MIN_ITEMS = 3;
/** Text an item needs to count as post-like when looking for the feed (menus' entries are shorter). */
const POST_LIKE_TEXT = 12;

/** Elements whose text runs on inside a line: no space is added at their edges. */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'em',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
]);
/** Elements whose text is not shown. */
const UNSHOWN = new Set(['script', 'style', 'noscript', 'template', 'svg']);

/**
 * An item's words as a reader sees them: the text of its parts, with a space where one block ends
 * and the next begins (the page's own textContent runs "…this morning" and "From whitehouse.gov"
 * together), without scripts and styles.
 */
export function itemText(root: Element): string {
  let text = '';
  const visit = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) text += child.nodeValue;
      else if (child.nodeType === Node.ELEMENT_NODE) {
        const tag = (child as Element).localName;
        if (UNSHOWN.has(tag)) continue;
        const inline = INLINE.has(tag);
        if (!inline) text += ' ';
        visit(child);
        if (!inline) text += ' ';
      }
    }
  };
  visit(root);
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A signature of an element's shape, which the posts of one feed share: its tag. Classes are left
 * out: sites mark posts with per-post classes (old Reddit's `odd`/`even` and `id-t3_…`), and a
 * site update renames classes first.
 */
const shapeOf = (element: Element) => element.localName;

interface Feed {
  container: Element;
  shape: string;
}

/**
 * The page's feed, found without knowing its markup: of every element with several children of
 * one shape, the one whose children look most like posts (text and a link each), scored by how
 * many do and how much text they hold. Null when nothing on the page repeats that way.
 */
export function findFeed(root: ParentNode = document): Feed | null {
  let best: (Feed & { score: number }) | null = null;
  for (const container of root.querySelectorAll('*')) {
    if (container.childElementCount < MIN_ITEMS) continue;
    const groups = new Map<string, Element[]>();
    for (const child of container.children) {
      const shape = shapeOf(child);
      groups.set(shape, [...(groups.get(shape) ?? []), child]);
    }
    for (const [shape, items] of groups) {
      if (items.length < MIN_ITEMS) continue;
      let postLike = 0;
      let text = 0;
      for (const item of items) {
        const length = (item.textContent ?? '').trim().length;
        if (length >= POST_LIKE_TEXT && item.querySelector('a[href]')) {
          postLike++;
          text += Math.min(length, 600);
        }
      }
      if (postLike < MIN_ITEMS) continue;
      // Many post-like items with room for words beat a menu of short links.
      const score = postLike * Math.log(1 + text / postLike);
      if (!best || score > best.score) best = { container, shape, score };
    }
  }
  return best && { container: best.container, shape: best.shape };
}

/** Paths of a post's own page on the sites Veneer knows and most others: status, post, comments, watch. */
const POST_PATH = /\/(status|statuses|post|posts|comments|watch|shorts|p)\/|[?&]v=[\w-]{6,}|\/@[\w.-]+\/\d+/;
/** A path ending in a long number or id-like token. */
const ID_PATH = /\d{5,}|\/[A-Za-z0-9_-]{10,}\/?$/;

const linksOf = (item: Element) =>
  [...item.querySelectorAll<HTMLAnchorElement>('a[href]')].map((a) => a.getAttribute('href')!);
const hasPostLink = (item: Element) => linksOf(item).some((href) => POST_PATH.test(href));

/** The link most likely to be the post's own: a post path, else a path with an id, else none. */
const permalinkIn = (links: readonly string[]): string | null =>
  links.find((href) => POST_PATH.test(href)) ?? links.find((href) => ID_PATH.test(href)) ?? null;

/** When most of a feed's items link a post's page, those that do not are modules between posts. */
const POST_LINK_SHARE = 0.6;

/** A short hash of a post's opening words: its id when it has no link of its own (FNV-1a, 32 bits). */
function textId(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < Math.min(text.length, 200); i++)
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

/**
 * A reader for a page its site's pack no longer reads (a site update): the repeated post-like
 * items of the page's feed, each read as a post (its permalink-like link as id, its whole text);
 * in a feed whose items mostly link a post's page, an item that does not is left alone.
 * Only text is judged: authors and images are not known, and the feed page applies only the
 * actions that need nothing more (hide, collapse) until a working pack arrives.
 */
export function fallbackAdapter(site: string, expectsPosts: SiteAdapter['expectsPosts']): SiteAdapter {
  let feed: Feed | null = null;
  /** Whether an item must link a post's page to be read (most of this feed's items do). */
  let needsPostLink = false;
  const mark = (element: Element) => {
    if (!element.hasAttribute(FALLBACK_ATTRIBUTE)) element.setAttribute(FALLBACK_ATTRIBUTE, '');
  };
  /** Finds the feed (again, when it was replaced) and marks its items. */
  const refresh = () => {
    if (!feed?.container.isConnected) feed = findFeed();
    if (!feed) return [];
    const items = [...feed.container.children].filter((child) => shapeOf(child) === feed!.shape);
    const linked = items.filter(hasPostLink).length;
    needsPostLink = linked >= MIN_ITEMS && linked >= items.length * POST_LINK_SHARE;
    for (const item of items) mark(item);
    return items as HTMLElement[];
  };
  refresh();
  return {
    site,
    postSelector: `[${FALLBACK_ATTRIBUTE}]`,
    placement: 'before',
    readPost(element): SitePost | null {
      const links = linksOf(element);
      const link = permalinkIn(links);
      // A "who to follow" block or a shelf heading between posts is shown as it is.
      if (needsPostLink && !links.some((href) => POST_PATH.test(href))) return null;
      const text = itemText(element);
      if (!text) return null;
      return {
        // Ids key verdicts: two posts must never share one (a thread's posts linking its root do).
        id: `fallback:${link ?? ''}#${textId(text)}`,
        element,
        text,
        author: '',
        link: absoluteUrl(link),
        images: [],
      };
    },
    postsIn(added) {
      // New items of the feed (or a new feed) are marked, then read like the others.
      if (feed && added.parentElement === feed.container && shapeOf(added) === feed.shape) {
        mark(added);
        return [added];
      }
      return feed?.container.isConnected ? [] : refresh();
    },
    expectsPosts,
  };
}
