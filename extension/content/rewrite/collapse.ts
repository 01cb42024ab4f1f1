/**
 * Collapses a post behind a one-line notice with the reason and a "Show" button that restores
 * it exactly (the post's own inline display is remembered).
 */
export const PLACEHOLDER_ATTRIBUTE = 'data-veneer-placeholder';
export const STATE_ATTRIBUTE = 'data-veneer-state';

export function collapsePost(post: HTMLElement, reason: string): void {
  if (post.getAttribute(STATE_ATTRIBUTE) === 'collapsed') return;
  const notice = document.createElement('div');
  notice.setAttribute(PLACEHOLDER_ATTRIBUTE, '');
  notice.setAttribute('role', 'note');
  notice.style.cssText =
    'display:flex;align-items:center;gap:12px;margin:8px 0;padding:10px 14px;border-radius:12px;' +
    'font:14px/1.4 system-ui,sans-serif;background:#f1f3f5;color:#343a40;border:1px solid #dee2e6';
  const label = document.createElement('span');
  label.textContent = `Hidden by Veneer: ${reason}`;
  const show = document.createElement('button');
  show.type = 'button';
  show.textContent = 'Show';
  show.style.cssText =
    'margin-left:auto;padding:4px 12px;border-radius:999px;border:1px solid #adb5bd;background:#fff;cursor:pointer;font:inherit';
  show.addEventListener('click', () => restorePost(post));
  notice.append(label, show);

  post.dataset.veneerDisplay = post.style.display;
  post.style.display = 'none';
  post.setAttribute(STATE_ATTRIBUTE, 'collapsed');
  post.before(notice);
}

export function restorePost(post: HTMLElement): void {
  const notice = post.previousElementSibling;
  if (notice?.hasAttribute(PLACEHOLDER_ATTRIBUTE)) notice.remove();
  post.style.display = post.dataset.veneerDisplay ?? '';
  delete post.dataset.veneerDisplay;
  post.setAttribute(STATE_ATTRIBUTE, 'shown');
}
