/**
 * A copy of a real feed item showing a thumbnail-lab candidate: the same markup (so the site's
 * own styles lay it out in the grid, list or sidebar, in its theme and at its size) with the
 * candidate's image, the video title, and the creator's channel name and avatar. The copy is
 * marked `data-veneer-preview`, and Veneer's own marks from the original are left out.
 */
export const PREVIEW_ATTRIBUTE = 'data-veneer-preview';

export interface CandidateView {
  id: string;
  name: string;
  dataUrl: string;
  title: string;
  channel: string;
  avatar: string;
}

const THUMBNAIL_IMAGES =
  'ytd-thumbnail img, yt-thumbnail-view-model img, a#thumbnail img, .yt-lockup-view-model__content-image img';
const THUMBNAIL_BOXES =
  'ytd-thumbnail, yt-thumbnail-view-model, a#thumbnail, .yt-lockup-view-model__content-image';
const TITLES = '#video-title, .yt-lockup-metadata-view-model__title, h3 a';
const CHANNELS =
  'ytd-channel-name #text, #channel-name #text, .yt-content-metadata-view-model__metadata-text';
const AVATARS =
  '#avatar img, yt-avatar-shape img, #channel-thumbnail img, yt-decorated-avatar-view-model img';

function stripVeneerMarks(root: HTMLElement): void {
  for (const badge of root.querySelectorAll('[data-veneer-badge]')) badge.remove();
  for (const element of [root, ...root.querySelectorAll<HTMLElement>('*')]) {
    for (const name of element.getAttributeNames())
      if (name.startsWith('data-veneer-')) element.removeAttribute(name);
  }
}

export function candidateItem(original: HTMLElement, view: CandidateView): HTMLElement {
  const item = original.cloneNode(true) as HTMLElement;
  stripVeneerMarks(item);
  item.setAttribute(PREVIEW_ATTRIBUTE, view.id);
  // Judged already: the feed rewriter's no-flash style must not hide it.
  item.setAttribute('data-veneer-state', 'clear');

  const image = item.querySelector<HTMLImageElement>(THUMBNAIL_IMAGES);
  if (image) {
    image.removeAttribute('srcset');
    image.src = view.dataUrl;
    image.alt = view.title;
    image.closest('[hidden]')?.removeAttribute('hidden');
  } else {
    const box = item.querySelector<HTMLElement>(THUMBNAIL_BOXES);
    const added = document.createElement('img');
    added.src = view.dataUrl;
    added.alt = view.title;
    added.style.cssText = 'display:block;width:100%;height:100%;object-fit:cover;border-radius:inherit';
    if (box) {
      box.replaceChildren(added);
      box.style.aspectRatio = '16 / 9';
    } else item.prepend(added);
  }
  for (const title of item.querySelectorAll<HTMLElement>(TITLES)) {
    title.textContent = view.title;
    if (title.hasAttribute('title')) title.setAttribute('title', view.title);
    if (title.hasAttribute('aria-label')) title.setAttribute('aria-label', view.title);
    break;
  }
  const channel = item.querySelector<HTMLElement>(CHANNELS);
  if (channel) {
    channel.textContent = view.channel;
    if (channel.hasAttribute('title')) channel.setAttribute('title', view.channel);
  }
  const avatar = item.querySelector<HTMLImageElement>(AVATARS);
  if (avatar && view.avatar) {
    avatar.removeAttribute('srcset');
    avatar.src = view.avatar;
  }
  // A preview is not a link to someone else's video.
  item.addEventListener('click', (event) => event.preventDefault(), true);
  return item;
}
