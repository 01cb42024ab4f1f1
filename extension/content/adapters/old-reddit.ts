import {
  absoluteUrl,
  imagesIn,
  postWithImages,
  type SiteAdapter,
  type SitePost,
  textOf,
} from '../site-adapter.ts';

/**
 * old.reddit.com: every post and comment is a `div.thing` whose data attributes carry the
 * fullname (t3_… posts, t1_… comments), author and permalink; a post's title is `a.title`, its
 * self text (when expanded) and a comment's text are in `.usertext-body .md`, its thumbnail is
 * `a.thumbnail img`, and an expanded image preview sits in `.expando`.
 */
export const oldRedditAdapter: SiteAdapter = {
  site: 'reddit',
  label: 'Reddit',
  matches: ['https://old.reddit.com/*'],
  imageHosts: [
    'https://b.thumbs.redditmedia.com/*',
    'https://i.redd.it/*',
    'https://preview.redd.it/*',
    'https://external-preview.redd.it/*',
  ],
  postSelector: 'div.thing[data-fullname]',
  placement: 'before',
  readPost(element): SitePost | null {
    const id = element.dataset.fullname;
    if (!id || element.classList.contains('morechildren')) return null;
    const entry = element.querySelector(':scope > .entry');
    const title = textOf(entry?.querySelector('a.title'));
    const body = textOf(entry?.querySelector('.usertext-body .md'));
    return postWithImages(
      {
        id,
        element,
        text: [title, body].filter(Boolean).join('\n'),
        author: element.dataset.author ?? '',
        link: absoluteUrl(element.dataset.permalink),
      },
      () => imagesIn(element, ':scope > a.thumbnail img, :scope > .entry .expando img'),
    );
  },
  expectsPosts: ({ pathname }) =>
    pathname === '/' || /^\/(r|user|u)\/[^/]+/.test(pathname) || pathname.startsWith('/search'),
};

export default oldRedditAdapter;
