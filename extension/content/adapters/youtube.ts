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
 * YouTube (www.youtube.com): videos in the home grid, search results, the watch-page sidebar (and
 * the promoted video among them), and the newer lockup view models that replace them in places;
 * a Shorts shelf is one post; comments are thread renderers.
 * YouTube recycles these elements for other videos as you browse, so a post's id is read afresh
 * each time: the video id from its watch link, a comment's id from its `lc=` link. The grid would
 * give a sibling a cell of its own, so Veneer's notice goes inside the item.
 */
const pack: SelectorPack = {
  format: 1,
  adapter: 'youtube',
  version: 1,
  selectors: {
    video:
      'ytd-rich-item-renderer, ytd-video-renderer, ytd-compact-video-renderer, ytd-grid-video-renderer, yt-lockup-view-model, ytd-compact-promoted-video-renderer',
    /** A lockup inside one of the older item renderers is read through its outer item. */
    lockup: 'yt-lockup-view-model',
    comment: 'ytd-comment-thread-renderer',
    commentBody: '#comment, ytd-comment-view-model, ytd-comment-renderer',
    commentLink: '#published-time-text a, a[href*="lc="]',
    commentText: '#content-text',
    commentAuthor: '#author-text',
    watchLink: 'a[href*="/watch?"], a[href^="/shorts/"]',
    title: '#video-title, .yt-lockup-metadata-view-model__title, h3',
    channel: 'ytd-channel-name #text, #channel-name #text, .yt-content-metadata-view-model__metadata-text',
    snippet: '.metadata-snippet-text, #description-text',
    thumbnails:
      'ytd-thumbnail img, yt-thumbnail-view-model img, a#thumbnail img, .yt-lockup-view-model__content-image img',
    avatar: '#avatar, yt-avatar-shape',
    /** The channel's own link (its handle), where the item shows one. */
    channelLink: 'a[href^="/@"]',
    /**
     * Kinds: a "LIVE" badge; an ad slot in the grid or the results, or a promoted video in the
     * watch page's sidebar (a Short is told by its /shorts/ link).
     */
    live: '[overlay-style="LIVE"], .badge-style-type-live-now-alternate, .yt-badge-shape--thumbnail-live',
    ad: 'ytd-ad-slot-renderer, ytd-in-feed-ad-layout-renderer, ytd-promoted-sparkles-web-renderer, ytd-promoted-video-renderer, ytd-compact-promoted-video-renderer',
    /**
     * What may be a Shorts shelf: a section of the home grid (its rich shelf marked is-shorts),
     * a grid shelf in search results, a reel shelf in results and beside a video. It is one when
     * it links to Shorts and to no other video; then it is one post, of kind Short.
     */
    shortsShelf:
      'ytd-rich-section-renderer, ytd-rich-shelf-renderer[is-shorts], grid-shelf-view-model, ytd-reel-shelf-renderer',
    /** A Short's link, inside a shelf; a link to any other video (which makes it no Shorts shelf). */
    shortLink: 'a[href^="/shorts/"]',
    videoLink: 'a[href*="/watch?"]',
    /**
     * Where every item is one YouTube recommends (kind suggested), tested on the item and its
     * ancestors: the home feed, and the videos beside a video ("Up next": their container, and
     * the compact renderers only that list uses). Subscriptions, search results and channels are not.
     */
    recommended:
      'ytd-browse[page-subtype="home"], ytd-watch-next-secondary-results-renderer, ytd-compact-video-renderer',
    /** The channel's verified badge. */
    verified:
      '.badge-style-type-verified, .badge-style-type-verified-artist, yt-icon.ytd-badge-supported-renderer[icon="check-circle-thick"]',
  },
  attributes: { title: 'title' },
  rules: {},
};

const REPLY = postKinds(['reply']);
const SHORT = postKinds(['short']);
const SUGGESTED_SHORT = postKinds(['short', 'suggested']);
const SHORT_PATH = /^\/shorts\/([\w-]{6,})/;

const youtube = defineSite({
  id: 'youtube',
  site: 'youtube',
  label: 'YouTube',
  matches: ['https://www.youtube.com/*'],
  imageHosts: ['https://i.ytimg.com/*'],
  tells: { kinds: ['original', 'reply', 'promoted', 'short', 'live', 'suggested'], badge: true },
  pack,
  rules: {},
  reader({ selectors, attributes }) {
    /** The video's id from its watch link; `short` when that link is a Short's. */
    function videoId(element: Element): { id: string; short: boolean } | null {
      for (const link of element.querySelectorAll<HTMLAnchorElement>(selectors.watchLink!)) {
        const url = new URL(link.getAttribute('href')!, location.origin);
        const watched = url.searchParams.get('v');
        if (watched) return { id: watched, short: false };
        const short = SHORT_PATH.exec(url.pathname)?.[1];
        if (short) return { id: short, short: true };
      }
      return null;
    }

    function readComment(element: HTMLElement): SitePost | null {
      const comment = element.querySelector(selectors.commentBody!) ?? element;
      const link = comment.querySelector<HTMLAnchorElement>(selectors.commentLink!);
      const id = link ? new URL(link.getAttribute('href')!, location.origin).searchParams.get('lc') : null;
      if (!id) return null;
      return {
        id: `comment:${id}`,
        element,
        text: textOf(comment.querySelector(selectors.commentText!)),
        author: textOf(comment.querySelector(selectors.commentAuthor!)),
        kinds: REPLY,
        link: absoluteUrl(link?.getAttribute('href')),
        images: [],
      };
    }

    /** The Shorts shelf `element` is in, or is: the outermost one (a section around its shelf). */
    function shortsShelfOf(element: Element): Element | null {
      let found: Element | null = null;
      for (let shelf = element.closest(selectors.shortsShelf!); shelf; ) {
        if (isShortsShelf(shelf)) found = shelf;
        shelf = shelf.parentElement?.closest(selectors.shortsShelf!) ?? null;
      }
      return found;
    }

    const isShortsShelf = (shelf: Element) =>
      shelf.querySelector(selectors.shortLink!) !== null &&
      shelf.querySelector(selectors.videoLink!) === null;

    /**
     * A Shorts shelf, read as one post: known by its first Short, its text the titles of its
     * Shorts, its images their thumbnails. It has no author; a filter takes or leaves it whole.
     */
    function readShelf(element: HTMLElement): SitePost | null {
      if (shortsShelfOf(element) !== element) return null;
      const ids: string[] = [];
      for (const link of element.querySelectorAll(selectors.shortLink!)) {
        const id = SHORT_PATH.exec(link.getAttribute('href') ?? '')?.[1];
        if (id && !ids.includes(id)) ids.push(id);
      }
      if (ids.length === 0) return null;
      const titles: string[] = [];
      for (const title of element.querySelectorAll(selectors.title!)) {
        // The innermost title: a heading around the title element says the same, shortened.
        if (title.querySelector(selectors.title!)) continue;
        const text = title.getAttribute(attributes.title!)?.replace(/\s+/g, ' ').trim() || textOf(title);
        if (text && !titles.includes(text)) titles.push(text);
      }
      return postWithImages(
        {
          id: `shorts-shelf:${ids[0]}`,
          element,
          text: titles.join('\n'),
          author: '',
          kinds: element.closest(selectors.recommended!) ? SUGGESTED_SHORT : SHORT,
          link: absoluteUrl(`/shorts/${ids[0]}`),
        },
        () => imagesIn(element, selectors.thumbnails!).filter((image) => !image.closest(selectors.avatar!)),
      );
    }

    function readVideo(element: HTMLElement): SitePost | null {
      // A thumbnail-lab candidate shown in the feed is the creator's own preview, not a post to judge.
      if (element.hasAttribute('data-veneer-preview')) return null;
      if (element.matches(selectors.lockup!) && element.parentElement?.closest(selectors.video!)) return null;
      // A Short in a shelf is read with its shelf.
      if (shortsShelfOf(element)) return null;
      const video = videoId(element);
      // An ad in the grid may link off YouTube: it is read by its words.
      const ad = element.querySelector(selectors.ad!) !== null || element.matches(selectors.ad!);
      const titleElement = element.querySelector(selectors.title!);
      const title =
        titleElement?.getAttribute(attributes.title!)?.replace(/\s+/g, ' ').trim() || textOf(titleElement);
      const id = video?.id ?? (ad ? `ad:${title || textOf(element).slice(0, 80)}` : null);
      if (!id) return null;
      const channel = textOf(element.querySelector(selectors.channel!));
      const handle = element.querySelector(selectors.channelLink!)?.getAttribute('href')?.slice(1);
      const snippet = textOf(element.querySelector(selectors.snippet!));
      const kinds: PostKind[] = [];
      if (ad) kinds.push('promoted');
      if (video?.short) kinds.push('short');
      if (element.querySelector(selectors.live!)) kinds.push('live');
      if (element.closest(selectors.recommended!)) kinds.push('suggested');
      return postWithImages(
        {
          id,
          element,
          text: [title, snippet].filter(Boolean).join('\n'),
          author: handle || channel,
          authorName: channel || undefined,
          community: channel || undefined,
          kinds: postKinds(kinds),
          verified: () => element.querySelector(selectors.verified!) !== null,
          link: video ? absoluteUrl(video.short ? `/shorts/${video.id}` : `/watch?v=${video.id}`) : '',
        },
        () => imagesIn(element, selectors.thumbnails!).filter((image) => !image.closest(selectors.avatar!)),
      );
    }

    return {
      site: 'youtube',
      postSelector: `${selectors.video}, ${selectors.shortsShelf}, ${selectors.comment}`,
      placement: 'inside',
      readPost: (element) =>
        element.matches(selectors.comment!)
          ? readComment(element)
          : element.matches(selectors.shortsShelf!)
            ? readShelf(element)
            : readVideo(element),
      expectsPosts: ({ pathname }) =>
        pathname === '/' ||
        pathname === '/results' ||
        pathname === '/watch' ||
        pathname.startsWith('/feed/subscriptions'),
    };
  },
});

export default youtube;
/** The reader of the built-in pack. */
export const youtubeAdapter = builtInReader(youtube);
