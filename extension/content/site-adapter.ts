import type { PostKind } from '@veneer/shared/filters/matching';
import type { PackShape, SelectorPack } from '@veneer/shared/packs';
/** What a site adapter reads from one post. Missing parts are empty, never a crash. */
export interface SitePost {
  /** Stable across re-renders (the site's own id or permalink). */
  id: string;
  element: HTMLElement;
  text: string;
  /** The author's handle as the site writes it ("@alice", "u/alice", "alice.bsky.social"). */
  author: string;
  /** The author's display name, where the site shows one besides the handle. */
  authorName?: string;
  /** The community: a subreddit ("r/pics"), a YouTube channel, a Mastodon instance. */
  community?: string;
  /** The kinds of post (`postKinds`): undefined when the adapter cannot tell. */
  kinds?: readonly PostKind[];
  /** Whether the author shows a verified (or paid) badge; undefined where the site shows none. */
  verified?: boolean;
  link: string;
  images: HTMLImageElement[];
  /**
   * The part of the page the post sits in, where that part can show up after the post was read
   * (X's "Discover more" heading, rendered after the tweets under it): a post read again in
   * another section is judged again. Undefined where the site has no such part.
   */
  section?: string;
}

/** How to find and read one site's posts, as a selector pack (shared/src/packs) makes it. */
export interface SiteAdapter {
  /** The id filters name in `sites` ("x", "reddit"); several adapters may serve one site. */
  readonly site: string;
  /** Matches every post element on the page. */
  readonly postSelector: string;
  /**
   * Where Veneer's notice goes: `before` the post as a sibling (lists), or `inside` it as its
   * first child (grids, where a sibling would take a cell of its own).
   */
  readonly placement: 'before' | 'inside';
  /** Reads one post; null when the element is not (yet) a post Veneer can judge. */
  readPost(element: HTMLElement): SitePost | null;
  /**
   * The posts inside an element the page just added, where the site's markup tells them more
   * cheaply than a search of the element's whole subtree (a list cell that holds one post at
   * most); null to have them searched for.
   */
  postsIn?(added: HTMLElement): readonly HTMLElement[] | null;
  /** Whether this page should show posts; if it shows none, the site has likely changed its markup. */
  expectsPosts(location: Location): boolean;
}

/**
 * One per file in content/adapters/ (its default export), and everything Veneer knows of a site:
 * where it runs (the content script's matches), which image hosts its posts use (the manifest's
 * host permissions, for the on-device image models), its name in the popup and options, the
 * selector pack built in, and the reader a pack makes. content/sites.ts collects them; nothing
 * else lists sites. What a site update can break is in the pack (data the edge can replace,
 * signed); the reader's code only chooses among the rules it declares.
 */
export interface SiteDefinition extends PackShape {
  /** The adapter's id, and its packs' (`x`, `reddit`, `old-reddit`, ...). */
  readonly id: string;
  readonly site: string;
  /** The site's name as people know it. */
  readonly label: string;
  /** Match patterns of the pages it reads; empty for a site on any host the user enables (Mastodon). */
  readonly matches: readonly string[];
  /** Match patterns of the hosts its post images come from. */
  readonly imageHosts: readonly string[];
  /**
   * What its markup marks, so filters on it can take posts here: the kinds of post it tells apart
   * (`original` wherever it tells any), and whether it shows an author's verified badge. A kind
   * or badge a site does not mark cannot be told, and a filter on it takes nothing there.
   */
  readonly tells: { readonly kinds: readonly PostKind[]; readonly badge: boolean };
  reader(pack: SelectorPack): SiteAdapter;
}

export const defineSite = (definition: SiteDefinition): SiteDefinition => definition;

/** The reader of a site's built-in pack. */
export const builtInReader = (definition: SiteDefinition): SiteAdapter => definition.reader(definition.pack);

/** Whitespace other than single spaces between words: what `textOf` has to collapse. */
const LOOSE_SPACE = /[^\S ]| {2}|^ | $/;

/** Text of an element with whitespace collapsed; empty for a missing element. */
export function textOf(element: Element | null | undefined): string {
  const text = element?.textContent ?? '';
  // Most post texts need no collapsing: testing costs less than rebuilding the string.
  return LOOSE_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

/**
 * A post whose `images` (and, when its adapter reads them so, `kinds`) are found the first time
 * something asks for them, then kept. Most filters look at words only, and finding a post's
 * images costs as much as reading its text; only filters by kind of post need its kinds.
 * Every such post has the same shape (one getter shared by all, its state in private fields):
 * a getter of its own per post would give each post a hidden class of its own, and every read of
 * `post.id` or `post.text` in the engine would then go the slow, megamorphic way.
 */
class PostWithImages implements SitePost {
  readonly id: string;
  readonly element: HTMLElement;
  readonly text: string;
  readonly author: string;
  readonly authorName: string | undefined;
  readonly community: string | undefined;
  readonly link: string;
  readonly section: string | undefined;
  declare readonly images: HTMLImageElement[];
  declare readonly kinds: readonly PostKind[] | undefined;
  declare readonly verified: boolean | undefined;
  #images: HTMLImageElement[] | undefined;
  readonly #read: () => HTMLImageElement[];
  /** Kinds and badge once read, and the functions that read them until then. */
  readonly #known: { kinds?: readonly PostKind[]; verified?: boolean } = {};
  readonly #later: { kinds?: () => readonly PostKind[]; verified?: () => boolean } = {};

  static readonly #imagesProperty: PropertyDescriptor = {
    get(this: PostWithImages) {
      this.#images ??= this.#read();
      return this.#images;
    },
    enumerable: true,
  };

  /** A getter that reads `key` with its function the first time, then keeps it. */
  static #lazyProperty(key: 'kinds' | 'verified'): PropertyDescriptor {
    return {
      get(this: PostWithImages) {
        const read = this.#later[key];
        if (read) {
          (this.#known as Record<string, unknown>)[key] = read();
          this.#later[key] = undefined;
        }
        return this.#known[key];
      },
      enumerable: true,
    };
  }

  static readonly #kindsProperty = PostWithImages.#lazyProperty('kinds');
  static readonly #verifiedProperty = PostWithImages.#lazyProperty('verified');

  constructor(post: PostParts, read: () => HTMLImageElement[]) {
    this.id = post.id;
    this.element = post.element;
    this.text = post.text;
    this.author = post.author;
    this.authorName = post.authorName;
    this.community = post.community;
    this.link = post.link;
    this.section = post.section;
    this.#read = read;
    if (typeof post.kinds === 'function') this.#later.kinds = post.kinds;
    else this.#known.kinds = post.kinds;
    if (typeof post.verified === 'function') this.#later.verified = post.verified;
    else this.#known.verified = post.verified;
    // Own, enumerable properties (a post spreads and compares like a plain one), same getters for all.
    Object.defineProperty(this, 'images', PostWithImages.#imagesProperty);
    Object.defineProperty(this, 'kinds', PostWithImages.#kindsProperty);
    Object.defineProperty(this, 'verified', PostWithImages.#verifiedProperty);
  }
}

/** What an adapter reads of a post: its kinds and badge as they are, or as functions read when first asked for. */
type PostParts = Omit<SitePost, 'images' | 'kinds' | 'verified'> & {
  kinds?: readonly PostKind[] | (() => readonly PostKind[]);
  verified?: boolean | (() => boolean);
};

export const postWithImages = (post: PostParts, read: () => HTMLImageElement[]): SitePost =>
  new PostWithImages(post, read);

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
