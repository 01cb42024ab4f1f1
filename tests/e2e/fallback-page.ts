/**
 * Bundled into a page by fallback-measure.ts (main world, no extension): reads the page's posts
 * with a site's built-in pack, changes the page as a site update would, then reads it with the
 * fallback reader and says how the two compare.
 */
import bluesky from '../../extension/content/adapters/bluesky.ts';
import mastodon from '../../extension/content/adapters/mastodon.ts';
import oldReddit from '../../extension/content/adapters/old-reddit.ts';
import reddit from '../../extension/content/adapters/reddit.ts';
import x from '../../extension/content/adapters/x.ts';
import youtube from '../../extension/content/adapters/youtube.ts';
import { FALLBACK_ATTRIBUTE, fallbackAdapter } from '../../extension/content/fallback-reader.ts';
import { builtInReader, type SitePost } from '../../extension/content/site-adapter.ts';

const DEFINITIONS = { x, reddit, 'old-reddit': oldReddit, youtube, bluesky, mastodon };
const TRUTH = 'data-truth';
/** Attributes a site update leaves: where links and images point, and times. */
const KEPT = new Set(['href', 'src', 'alt', 'datetime', TRUTH]);

export interface FallbackMeasure {
  /** Posts the site's pack reads on the page before the change. */
  truth: number;
  /** Items the fallback reads as posts on the changed page. */
  read: number;
  /** Of those, items holding exactly one of the pack's posts. */
  matched: number;
  /** The pack's posts some matched item holds. */
  covered: number;
  /** Matched items whose text holds every word of the pack's text of the post. */
  sameWords: number;
  /** Items read with an id another item has too. */
  sharedIds: number;
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * The change: every attribute but links, image sources and times removed (classes, ids, test ids,
 * data attributes: everything packs select by), and every custom element renamed.
 */
function changeLikeASiteUpdate(): void {
  for (const element of document.body.querySelectorAll('*')) {
    for (const name of element.getAttributeNames()) if (!KEPT.has(name)) element.removeAttribute(name);
  }
  document.body.innerHTML = document.body.innerHTML.replace(/<(\/?)([a-z][a-z0-9]*-[a-z0-9-]*)/g, '<$1v2-$2');
}

/**
 * A feed as sites show it between posts: a "who to follow" module, one more item of the feed's
 * shape with a heading, three accounts (name, profile link, a line of bio) and a "show more" link.
 * It is no post: an item the fallback reads of it counts against its precision.
 */
function addModule(): void {
  const posts = [...document.querySelectorAll(`[${TRUTH}]`)];
  // The feed's items: the ancestors of the first post whose parent holds the second too.
  let item = posts[0];
  while (item?.parentElement && !item.parentElement.contains(posts[1]!)) item = item.parentElement;
  if (!item?.parentElement) return;
  const module = document.createElement(item.localName);
  module.innerHTML = `<div><h2>Who to follow</h2>${['Garden Weekly', 'Daily Science', 'City News']
    .map(
      (name, i) =>
        `<div><a href="/account${i}"><img src="" alt=""></a><div><a href="/account${i}">${name}</a><span>@account${i}</span></div><div>Posts about ${name.toLowerCase()} every day</div><button>Follow</button></div>`,
    )
    .join('')}<a href="/who-to-follow">Show more</a></div>`;
  item.parentElement.insertBefore(module, item.nextElementSibling);
}

function measure(adapterId: keyof typeof DEFINITIONS, withModule = false): FallbackMeasure {
  const definition = DEFINITIONS[adapterId];
  const pack = builtInReader(definition);
  const truthText: string[] = [];
  for (const element of document.querySelectorAll<HTMLElement>(pack.postSelector)) {
    const post = pack.readPost(element);
    if (!post) continue;
    element.setAttribute(TRUTH, String(truthText.length));
    truthText.push(post.text);
  }
  if (withModule) addModule();
  changeLikeASiteUpdate();
  const fallback = fallbackAdapter(definition.site, () => true);
  const posts = [...document.querySelectorAll<HTMLElement>(`[${FALLBACK_ATTRIBUTE}]`)]
    .map((element) => fallback.readPost(element))
    .filter((post): post is SitePost => post !== null);
  const covered = new Set<number>();
  let matched = 0;
  let sameWords = 0;
  for (const post of posts) {
    const held = [
      ...(post.element.hasAttribute(TRUTH) ? [post.element] : []),
      ...post.element.querySelectorAll(`[${TRUTH}]`),
    ];
    if (held.length !== 1) continue;
    const index = Number(held[0]!.getAttribute(TRUTH));
    matched++;
    covered.add(index);
    const have = new Set(words(post.text));
    if (words(truthText[index]!).every((word) => have.has(word))) sameWords++;
  }
  const ids = posts.map((post) => post.id);
  return {
    truth: truthText.length,
    read: posts.length,
    matched,
    covered: covered.size,
    sameWords,
    sharedIds: ids.length - new Set(ids).size,
  };
}

(globalThis as { measureFallback?: typeof measure }).measureFallback = measure;
