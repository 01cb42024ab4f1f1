/**
 * Where on youtube.com a thumbnail-lab candidate is shown: the first real video of the home grid,
 * of the search results, or of the watch page's sidebar. Items a user hid or Veneer collapsed
 * are passed over, so the preview sits where a viewer would look.
 */
export type SlotKind = 'home' | 'search' | 'sidebar';

const ITEMS: Record<SlotKind, string> = {
  home: 'ytd-rich-grid-renderer ytd-rich-item-renderer, ytd-browse ytd-rich-item-renderer',
  search: 'ytd-search ytd-video-renderer, ytd-section-list-renderer ytd-video-renderer',
  sidebar:
    '#related ytd-compact-video-renderer, #secondary ytd-compact-video-renderer, #secondary yt-lockup-view-model',
};

export function slotKindFor(pathname: string): SlotKind | null {
  if (pathname === '/') return 'home';
  if (pathname === '/results') return 'search';
  if (pathname === '/watch') return 'sidebar';
  return null;
}

/** The page's video items a candidate may take the place of, in page order. */
export function slotsOn(kind: SlotKind, root: ParentNode = document): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(ITEMS[kind])].filter(
    (item) =>
      !item.hasAttribute('data-veneer-preview') &&
      !item.hasAttribute('data-veneer-action') &&
      !item.hidden &&
      item.querySelector('a[href*="/watch?"]') !== null,
  );
}
