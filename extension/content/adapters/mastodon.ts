import {
  absoluteUrl,
  imagesIn,
  postWithImages,
  type SiteAdapter,
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
export const mastodonAdapter: SiteAdapter = {
  site: 'mastodon',
  label: 'Mastodon',
  matches: [],
  imageHosts: [],
  postSelector: '.status[data-id]',
  placement: 'before',
  readPost(element): SitePost | null {
    const id = element.dataset.id;
    // A status quoted inside another is read with the outer one.
    if (!id || element.parentElement?.closest('.status[data-id]')) return null;
    const warning = textOf(
      element.querySelector('.spoiler-input, .status__content__spoiler-link + span, .content-warning'),
    );
    const content = element.querySelector('.status__content__text, .status__content');
    return postWithImages(
      {
        id,
        element,
        text: [warning, textOf(content)].filter(Boolean).join('\n'),
        author: textOf(element.querySelector('.display-name__account')),
        link: absoluteUrl(
          element.querySelector<HTMLAnchorElement>('a.status__relative-time')?.getAttribute('href'),
        ),
      },
      () => imagesIn(element, '.media-gallery img, .media-gallery__item-thumbnail img'),
    );
  },
  expectsPosts: ({ pathname }) =>
    pathname === '/' ||
    /^\/(home|public(\/local)?|explore|tags\/[^/]+|deck|@[^/]+(\/\d+)?)\/?/.test(pathname) ||
    pathname.startsWith('/web/'),
};

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

export default mastodonAdapter;
