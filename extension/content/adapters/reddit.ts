import {
  absoluteUrl,
  imagesIn,
  postWithImages,
  type SiteAdapter,
  type SitePost,
  textOf,
} from '../site-adapter.ts';

/**
 * Reddit's current markup (www.reddit.com): each post is a `<shreddit-post>` custom element whose
 * attributes carry the title, author, permalink and id; the body text sits in
 * `[slot="text-body"]` and the media in `[slot="post-media-container"]` (galleries in
 * `gallery-carousel`). Comments are `<shreddit-comment>` with their text in `[slot="comment"]`.
 * Avatars and icons in the credit bar are not post images. The posts' own content lives in
 * shadow roots with named slots, so Veneer's notice goes before the post, not inside it.
 */
const MEDIA_IMAGES = '[slot="post-media-container"] img, gallery-carousel img, img#post-image';

function readComment(element: HTMLElement): SitePost | null {
  const id = element.getAttribute('thingid');
  if (!id) return null;
  return postWithImages(
    {
      id,
      element,
      text: textOf(element.querySelector(':scope > [slot="comment"]')),
      author: element.getAttribute('author') ?? '',
      link: absoluteUrl(element.getAttribute('permalink')),
    },
    () => imagesIn(element, ':scope > [slot="comment"] img'),
  );
}

export const redditAdapter: SiteAdapter = {
  site: 'reddit',
  label: 'Reddit',
  matches: ['https://www.reddit.com/*'],
  imageHosts: ['https://i.redd.it/*', 'https://preview.redd.it/*', 'https://external-preview.redd.it/*'],
  postSelector: 'shreddit-post, shreddit-comment',
  placement: 'before',
  readPost(element): SitePost | null {
    if (element.localName === 'shreddit-comment') return readComment(element);
    const id = element.getAttribute('id') || element.getAttribute('permalink');
    if (!id) return null;
    const title = element.getAttribute('post-title') || textOf(element.querySelector('[slot="title"]'));
    const body = textOf(element.querySelector('[slot="text-body"]'));
    return postWithImages(
      {
        id,
        element,
        text: [title, body].filter(Boolean).join('\n'),
        author: element.getAttribute('author') ?? '',
        link: absoluteUrl(element.getAttribute('permalink')),
      },
      () => imagesIn(element, MEDIA_IMAGES),
    );
  },
  expectsPosts: ({ pathname }) =>
    pathname === '/' || /^\/(r|user|u)\/[^/]+\/?/.test(pathname) || pathname.startsWith('/search'),
};

export default redditAdapter;
