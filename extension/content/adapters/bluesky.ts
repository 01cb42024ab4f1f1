import { type PostKind, postKinds } from '@veneer/shared/filters/matching';
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
    /** Profile links: a repost's "Reposted by" link comes before the author's, a reply's "Replied to" after it. */
    profileLink: 'a[href^="/profile/"]',
    /**
     * The verified check (social-app's PostMeta): an icon of its own between the author's name
     * link and handle link, both to the profile; no label or test id marks it.
     */
    verified: 'a[href^="/profile/"] + div:has(> svg) + a[href^="/profile/"]',
  },
  attributes: { testId: 'data-testid' },
  rules: {},
};

const BY = /-by-(.+)$/;
const POST_PATH = /^\/profile\/([^/]+)\/post\/([\w-]+)/;

const PROFILE_PATH = /^\/profile\/([^/]+)\/?$/;

/**
 * The kinds of a feed item (social-app's PostFeedItem): a repost's reason ("Reposted by …") is a
 * link to the reposter's profile before the author's; a reply's "Replied to …" line links the
 * parent's author after the author's name and before the text (older versions wrote the name
 * without a link: such replies are not told); a quote embeds a link to another post.
 */
function kindsOf(
  element: Element,
  selectors: SelectorPack['selectors'],
  { author, href, text }: { author: string; href: string; text: Element | null },
): PostKind[] {
  const kinds: PostKind[] = [];
  let seenAuthor = false;
  for (const link of element.querySelectorAll(selectors.profileLink!)) {
    if (text && text.compareDocumentPosition(link) & Node.DOCUMENT_POSITION_FOLLOWING) break;
    const path = link.getAttribute('href') ?? '';
    const handle = PROFILE_PATH.exec(path)?.[1];
    if (handle === author) seenAuthor = true;
    else if (handle) kinds.push(seenAuthor ? 'reply' : 'repost');
  }
  for (const link of element.querySelectorAll(selectors.postLink!)) {
    const path = POST_PATH.exec(link.getAttribute('href') ?? '')?.[0];
    if (path && path !== href) {
      kinds.push('quote');
      break;
    }
  }
  return postKinds(kinds);
}

/**
 * Whether the post's author shows the verified check: an icon between two links to the same
 * profile (name, then handle), before the post's text (a quoted post's author's comes after it).
 */
function hasCheck(element: Element, selector: string, firstText: Element | null): boolean {
  for (const handleLink of element.querySelectorAll(selector)) {
    if (firstText && !(firstText.compareDocumentPosition(handleLink) & Node.DOCUMENT_POSITION_PRECEDING))
      return false;
    const nameLink = handleLink.previousElementSibling?.previousElementSibling;
    if (nameLink?.getAttribute('href') === handleLink.getAttribute('href')) return true;
  }
  return false;
}

const bluesky = defineSite({
  id: 'bluesky',
  site: 'bluesky',
  label: 'Bluesky',
  matches: ['https://bsky.app/*'],
  imageHosts: ['https://cdn.bsky.app/*'],
  tells: { kinds: ['original', 'repost', 'quote', 'reply'], badge: true },
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
        const texts = [...element.querySelectorAll(selectors.text!)];
        const firstText = texts[0] ?? null;
        return postWithImages(
          {
            id: href,
            element,
            text: texts.map(textOf).filter(Boolean).join('\n'),
            author,
            kinds: kindsOf(element, selectors, { author, href, text: firstText }),
            verified: () => hasCheck(element, selectors.verified!, firstText),
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
