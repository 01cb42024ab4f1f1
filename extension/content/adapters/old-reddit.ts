import { postKinds } from '@veneer/shared/filters/matching';
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
 * old.reddit.com: every post and comment is a `div.thing` whose data attributes carry the
 * fullname (t3_… posts, t1_… comments), author and permalink; a post's title is `a.title`, its
 * self text (when expanded) and a comment's text are in `.usertext-body .md`, its thumbnail is
 * `a.thumbnail img`, and an expanded image preview sits in `.expando`.
 */
const pack: SelectorPack = {
  format: 1,
  adapter: 'old-reddit',
  version: 1,
  selectors: {
    post: 'div.thing[data-fullname]',
    more: '.morechildren',
    entry: ':scope > .entry',
    title: 'a.title',
    body: '.usertext-body .md',
    media: ':scope > a.thumbnail img, :scope > .entry .expando img',
    /** Kinds: ads are things marked promoted, comments things of type comment. */
    promoted: '.promoted, [data-promoted="true"]',
    comment: '[data-type="comment"]',
  },
  attributes: {
    id: 'data-fullname',
    author: 'data-author',
    permalink: 'data-permalink',
    community: 'data-subreddit-prefixed',
  },
  rules: {},
};

const ORIGINAL = postKinds([]);
const REPLY = postKinds(['reply']);
const PROMOTED = postKinds(['promoted']);

const oldReddit = defineSite({
  id: 'old-reddit',
  site: 'reddit',
  label: 'Reddit',
  matches: ['https://old.reddit.com/*'],
  imageHosts: [
    'https://b.thumbs.redditmedia.com/*',
    'https://i.redd.it/*',
    'https://preview.redd.it/*',
    'https://external-preview.redd.it/*',
  ],
  tells: { kinds: ['original', 'reply', 'promoted'], badge: false },
  pack,
  rules: {},
  reader({ selectors, attributes }) {
    return {
      site: 'reddit',
      postSelector: selectors.post!,
      placement: 'before',
      readPost(element): SitePost | null {
        const id = element.getAttribute(attributes.id!);
        if (!id || element.matches(selectors.more!)) return null;
        const entry = element.querySelector(selectors.entry!);
        const title = textOf(entry?.querySelector(selectors.title!));
        const body = textOf(entry?.querySelector(selectors.body!));
        return postWithImages(
          {
            id,
            element,
            text: [title, body].filter(Boolean).join('\n'),
            author: element.getAttribute(attributes.author!) ?? '',
            community: element.getAttribute(attributes.community!) ?? undefined,
            kinds: element.matches(selectors.promoted!)
              ? PROMOTED
              : element.matches(selectors.comment!)
                ? REPLY
                : ORIGINAL,
            link: absoluteUrl(element.getAttribute(attributes.permalink!)),
          },
          () => imagesIn(element, selectors.media!),
        );
      },
      expectsPosts: ({ pathname }) =>
        pathname === '/' || /^\/(r|user|u)\/[^/]+/.test(pathname) || pathname.startsWith('/search'),
    };
  },
});

export default oldReddit;
/** The reader of the built-in pack. */
export const oldRedditAdapter = builtInReader(oldReddit);
