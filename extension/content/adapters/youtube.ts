import {
  absoluteUrl,
  imagesIn,
  postWithImages,
  type SiteAdapter,
  type SitePost,
  textOf,
} from '../site-adapter.ts';

/**
 * YouTube (www.youtube.com): videos in the home grid (`ytd-rich-item-renderer`), search results
 * (`ytd-video-renderer`), the watch-page sidebar (`ytd-compact-video-renderer`), and the newer
 * `yt-lockup-view-model` that replaces them in places; comments are `ytd-comment-thread-renderer`.
 * YouTube recycles these elements for other videos as you browse, so a post's id is read
 * afresh each time: the video id from its watch link, a comment's id from its `lc=` link.
 * The grid would give a sibling a cell of its own, so Veneer's notice goes inside the item.
 */
const VIDEO_ITEMS =
  'ytd-rich-item-renderer, ytd-video-renderer, ytd-compact-video-renderer, ytd-grid-video-renderer, yt-lockup-view-model';
const COMMENTS = 'ytd-comment-thread-renderer';
const THUMBNAILS =
  'ytd-thumbnail img, yt-thumbnail-view-model img, a#thumbnail img, .yt-lockup-view-model__content-image img';

function videoId(element: Element): string | null {
  for (const link of element.querySelectorAll<HTMLAnchorElement>('a[href*="/watch?"], a[href^="/shorts/"]')) {
    const url = new URL(link.getAttribute('href')!, location.origin);
    const id = url.searchParams.get('v') ?? url.pathname.match(/^\/shorts\/([\w-]{6,})/)?.[1];
    if (id) return id;
  }
  return null;
}

function readComment(element: HTMLElement): SitePost | null {
  const comment = element.querySelector('#comment, ytd-comment-view-model, ytd-comment-renderer') ?? element;
  const link = comment.querySelector<HTMLAnchorElement>('#published-time-text a, a[href*="lc="]');
  const id = link ? new URL(link.getAttribute('href')!, location.origin).searchParams.get('lc') : null;
  if (!id) return null;
  return {
    id: `comment:${id}`,
    element,
    text: textOf(comment.querySelector('#content-text')),
    author: textOf(comment.querySelector('#author-text')),
    link: absoluteUrl(link?.getAttribute('href')),
    images: [],
  };
}

function readVideo(element: HTMLElement): SitePost | null {
  // A thumbnail-lab candidate shown in the feed is the creator's own preview, not a post to judge.
  if (element.hasAttribute('data-veneer-preview')) return null;
  // A lockup inside one of the older item renderers is read through its outer item.
  if (element.localName === 'yt-lockup-view-model' && element.parentElement?.closest(VIDEO_ITEMS))
    return null;
  const id = videoId(element);
  if (!id) return null;
  const titleElement = element.querySelector('#video-title, .yt-lockup-metadata-view-model__title, h3');
  const title = titleElement?.getAttribute('title')?.replace(/\s+/g, ' ').trim() || textOf(titleElement);
  const channel = textOf(
    element.querySelector(
      'ytd-channel-name #text, #channel-name #text, .yt-content-metadata-view-model__metadata-text',
    ),
  );
  const snippet = textOf(element.querySelector('.metadata-snippet-text, #description-text'));
  return postWithImages(
    {
      id,
      element,
      text: [title, snippet].filter(Boolean).join('\n'),
      author: channel,
      link: absoluteUrl(`/watch?v=${id}`),
    },
    () => imagesIn(element, THUMBNAILS).filter((image) => !image.closest('#avatar, yt-avatar-shape')),
  );
}

export const youtubeAdapter: SiteAdapter = {
  site: 'youtube',
  label: 'YouTube',
  matches: ['https://www.youtube.com/*'],
  imageHosts: ['https://i.ytimg.com/*'],
  postSelector: `${VIDEO_ITEMS}, ${COMMENTS}`,
  placement: 'inside',
  readPost: (element) => (element.localName === COMMENTS ? readComment(element) : readVideo(element)),
  expectsPosts: ({ pathname }) =>
    pathname === '/' ||
    pathname === '/results' ||
    pathname === '/watch' ||
    pathname.startsWith('/feed/subscriptions'),
};

export default youtubeAdapter;
