import { backgroundMessenger } from '../../services/protocol.ts';

/**
 * Tells the extension which thumbnails the user's youtube.com home feed shows (their i.ytimg.com
 * addresses only), so the thumbnail lab can say how a candidate stands out from the creator's
 * real neighbours. Nothing leaves the device: the lab reads the images there.
 */
const MAX_THUMBNAILS = 24;
const MIN_THUMBNAILS = 4;

export function reportFeedThumbnails(): void {
  let last = '';
  const report = () => {
    if (location.pathname !== '/') return;
    const urls = [
      ...new Set(
        [...document.querySelectorAll<HTMLImageElement>('ytd-rich-item-renderer img')]
          .map((image) => image.currentSrc || image.src)
          .filter((src) => src.startsWith('https://i.ytimg.com/')),
      ),
    ].slice(0, MAX_THUMBNAILS);
    const key = urls.join('\n');
    if (urls.length < MIN_THUMBNAILS || key === last) return;
    last = key;
    void backgroundMessenger.sendMessage('feedThumbnails', { urls }).catch(() => {});
  };
  // The grid fills in after load and as the user scrolls; a few looks are enough.
  for (const delay of [2_000, 6_000, 15_000]) setTimeout(report, delay);
}
