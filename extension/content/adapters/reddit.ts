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
 * Reddit's current markup (www.reddit.com): each post is a custom element whose attributes carry
 * the title, author, permalink and id; the body text sits in a named slot and the media in
 * another (galleries in a carousel). Comments are custom elements too, their text in a slot.
 * Avatars and icons in the credit bar are not post images. The posts' own content lives in
 * shadow roots with named slots, so Veneer's notice goes before the post, not inside it.
 */
const pack: SelectorPack = {
  format: 1,
  adapter: 'reddit',
  version: 1,
  selectors: {
    post: 'shreddit-post',
    /** Feed ads are an element of their own, with the same attributes as posts. */
    ad: 'shreddit-ad-post',
    comment: 'shreddit-comment',
    title: '[slot="title"]',
    body: '[slot="text-body"]',
    media: '[slot="post-media-container"] img, gallery-carousel img, img#post-image',
    commentText: ':scope > [slot="comment"]',
    commentImages: ':scope > [slot="comment"] img',
  },
  attributes: {
    postId: 'id',
    commentId: 'thingid',
    title: 'post-title',
    author: 'author',
    permalink: 'permalink',
    community: 'subreddit-prefixed-name',
    /** `crosspost` for a crosspost (a repost, on Reddit). */
    postType: 'post-type',
  },
  rules: {},
};

const COMMUNITY_PATH = /^\/(r\/[^/]+)/;
const ORIGINAL = postKinds([]);
const REPLY = postKinds(['reply']);
const CROSSPOST = postKinds(['repost']);
const PROMOTED = postKinds(['promoted']);

const reddit = defineSite({
  id: 'reddit',
  site: 'reddit',
  label: 'Reddit',
  matches: ['https://www.reddit.com/*'],
  imageHosts: ['https://i.redd.it/*', 'https://preview.redd.it/*', 'https://external-preview.redd.it/*'],
  tells: { kinds: ['original', 'repost', 'reply', 'promoted'], badge: false },
  pack,
  rules: {},
  reader({ selectors, attributes }) {
    function readComment(element: HTMLElement): SitePost | null {
      const id = element.getAttribute(attributes.commentId!);
      if (!id) return null;
      return postWithImages(
        {
          id,
          element,
          text: textOf(element.querySelector(selectors.commentText!)),
          author: element.getAttribute(attributes.author!) ?? '',
          // A comment is on its post's page: the subreddit is the page's.
          community: COMMUNITY_PATH.exec(location.pathname)?.[1],
          kinds: REPLY,
          link: absoluteUrl(element.getAttribute(attributes.permalink!)),
        },
        () => imagesIn(element, selectors.commentImages!),
      );
    }
    return {
      site: 'reddit',
      postSelector: `${selectors.post}, ${selectors.ad}, ${selectors.comment}`,
      placement: 'before',
      readPost(element): SitePost | null {
        if (element.matches(selectors.comment!)) return readComment(element);
        const ad = element.matches(selectors.ad!);
        const title =
          element.getAttribute(attributes.title!) || textOf(element.querySelector(selectors.title!));
        const id =
          element.getAttribute(attributes.postId!) ||
          element.getAttribute(attributes.permalink!) ||
          (ad && title ? `ad:${title}` : null);
        if (!id) return null;
        const body = textOf(element.querySelector(selectors.body!));
        // An ad's "subreddit" is its advertiser's profile (u/name): no community.
        const community = element.getAttribute(attributes.community!);
        return postWithImages(
          {
            id,
            element,
            text: [title, body].filter(Boolean).join('\n'),
            author: element.getAttribute(attributes.author!) ?? '',
            community: community?.startsWith('r/') ? community : undefined,
            kinds: ad
              ? PROMOTED
              : element.getAttribute(attributes.postType!) === 'crosspost'
                ? CROSSPOST
                : ORIGINAL,
            link: absoluteUrl(element.getAttribute(attributes.permalink!)),
          },
          () => imagesIn(element, selectors.media!),
        );
      },
      expectsPosts: ({ pathname }) =>
        pathname === '/' || /^\/(r|user|u)\/[^/]+\/?/.test(pathname) || pathname.startsWith('/search'),
    };
  },
});

export default reddit;
/** The reader of the built-in pack. */
export const redditAdapter = builtInReader(reddit);
