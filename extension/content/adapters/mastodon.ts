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
 * Mastodon, on any instance: each status is a `.status[data-id]` (in the home, local and
 * federated columns, profiles, threads and the advanced multi-column interface). Its text is
 * `.status__content` (the content warning, when there is one, counts too), the author
 * `.display-name__account` (@user or @user@host), the permalink `a.status__relative-time`, and
 * media `.media-gallery img`. Instances run on any host name, so Veneer recognises one from the
 * page itself (`isMastodonPage`) and runs only where the user enabled it from the popup.
 */
const pack: SelectorPack = {
  format: 1,
  adapter: 'mastodon',
  version: 1,
  selectors: {
    post: '.status[data-id]',
    warning: '.spoiler-input, .status__content__spoiler-link + span, .content-warning',
    content: '.status__content__text, .status__content',
    author: '.display-name__account',
    authorName: '.display-name__html',
    permalink: 'a.status__relative-time',
    media: '.media-gallery img, .media-gallery__item-thumbnail img',
    /** Kinds: a boost's wrapper starts with a "boosted" line and its icon; replies and quotes are classes of the status. */
    wrapper: '.status__wrapper',
    boosted: ':scope > .status__prepend .icon-retweet',
    reply: '.status-reply',
    quote: '.status--has-quote',
  },
  attributes: { id: 'data-id' },
  rules: {},
};

const mastodon = defineSite({
  id: 'mastodon',
  site: 'mastodon',
  label: 'Mastodon',
  matches: [],
  imageHosts: [],
  tells: { kinds: ['original', 'repost', 'quote', 'reply'], badge: false },
  pack,
  rules: {},
  reader({ selectors, attributes }) {
    return {
      site: 'mastodon',
      postSelector: selectors.post!,
      placement: 'before',
      readPost(element): SitePost | null {
        const id = element.getAttribute(attributes.id!);
        // A status quoted inside another is read with the outer one.
        if (!id || element.parentElement?.closest(selectors.post!)) return null;
        const warning = textOf(element.querySelector(selectors.warning!));
        const content = element.querySelector(selectors.content!);
        // "@ann" is ann of this instance: the handle is written in full, its instance the community.
        const written = textOf(element.querySelector(selectors.author!));
        const author = !written || written.indexOf('@', 1) > 0 ? written : `${written}@${location.host}`;
        const kinds: PostKind[] = [];
        if (element.closest(selectors.wrapper!)?.querySelector(selectors.boosted!)) kinds.push('repost');
        if (element.matches(selectors.reply!)) kinds.push('reply');
        if (element.matches(selectors.quote!)) kinds.push('quote');
        return postWithImages(
          {
            id,
            element,
            text: [warning, textOf(content)].filter(Boolean).join('\n'),
            author,
            authorName: textOf(element.querySelector(selectors.authorName!)) || undefined,
            community: author.slice(author.indexOf('@', 1) + 1) || undefined,
            kinds: postKinds(kinds),
            link: absoluteUrl(element.querySelector(selectors.permalink!)?.getAttribute('href')),
          },
          () => imagesIn(element, selectors.media!),
        );
      },
      expectsPosts: ({ pathname }) =>
        pathname === '/' ||
        /^\/(home|public(\/local)?|explore|tags\/[^/]+|deck|@[^/]+(\/\d+)?)\/?/.test(pathname) ||
        pathname.startsWith('/web/'),
    };
  },
});

export default mastodon;
/** The reader of the built-in pack. */
export const mastodonAdapter = builtInReader(mastodon);

/**
 * Whether this page is a Mastodon web interface, whatever the instance's host name. It uses
 * nothing but the page's `document`, so the popup can run it in a tab with `scripting.executeScript`.
 */
export function isMastodonPage(): boolean {
  return Boolean(
    document.querySelector('#mastodon[data-props], script#initial-state') ||
      document.querySelector('meta[name="application-name"][content="Mastodon" i]'),
  );
}
