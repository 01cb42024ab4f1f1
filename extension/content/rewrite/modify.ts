import type { PostAction } from '@veneer/shared/judge';
import { ACTION_ATTRIBUTE, BADGE_ATTRIBUTE, PLACEMENT_ATTRIBUTE, setState } from './post-state.ts';

const DONE: Record<PostAction, string> = {
  hide: 'hidden',
  collapse: 'collapsed',
  blur: 'blurred',
  warn: 'content warning',
  pixelate: 'images pixelated',
};

/**
 * What a click shows the original of: a notice, or a blurred or pixelated post. One listener on
 * the document handles every click (a feed can carry hundreds of notices; a listener each costs
 * more than the notice's elements).
 */
const showers = new WeakMap<Element, () => void>();
/** What a notice's "Always show this account" does: the post's author joins the allowlist. */
const trusters = new WeakMap<Element, () => void>();
const TRUST_ATTRIBUTE = 'data-veneer-trust';
let listening = false;

/**
 * "Show original" on a notice, or a first click on blurred content (pixelated: on an image),
 * shows the original; the click does nothing else (it must not also open the post). Caught on
 * its way down, before any of the page's own handlers on the post.
 */
function onClick(event: MouseEvent): void {
  const target = event.target;
  if (!(target instanceof Element)) return;
  const notice = target.closest(`[${BADGE_ATTRIBUTE}]`);
  let show: (() => void) | undefined;
  if (notice) {
    // Its first button shows the original, the second trusts the account; the rest is text.
    if (target.closest(`[${TRUST_ATTRIBUTE}]`)) show = trusters.get(notice);
    else if (target.closest(`[${BADGE_ATTRIBUTE}] > button`)) show = showers.get(notice);
  } else {
    const post = target.closest(`[${ACTION_ATTRIBUTE}="blur"], [${ACTION_ATTRIBUTE}="pixelate"]`);
    if (post && (post.getAttribute(ACTION_ATTRIBUTE) === 'blur' || target.closest('img')))
      show = showers.get(post);
  }
  if (!show) return;
  event.preventDefault();
  event.stopPropagation();
  show();
}
/**
 * The posts modifyPost changed and nothing has cleared since: clearing any other post (most of a
 * feed, judged clear) costs no DOM call.
 */
const modified = new WeakSet<HTMLElement>();
let noticesMoved = 0;

/**
 * How many notices Veneer has put on the page or taken off it so far: each is one change the
 * page's mutation observers see (the feed rewriter uses it to drop its own changes unread).
 * Changes out of the document (a post the page has already removed) are not counted: no
 * observer of the document sees them.
 */
export const noticeChanges = () => noticesMoved;

/** A finished notice per action and reason (a page shows a few dozen reasons at most). */
const badgeTemplates = new Map<string, HTMLElement>();
const MAX_TEMPLATES = 200;

/**
 * The notice; its look comes from the page stylesheet (no per-post style parsing). Cloned whole
 * from a notice made once per action and reason: a feed modifies hundreds of posts, and each
 * notice is then one call, with no child to find and fill in.
 */
function makeBadge(
  action: PostAction,
  reason: string,
  onShow: () => void,
  trust: AlwaysShow | undefined,
): HTMLElement {
  const key = `${action}\u0000${reason}`;
  let template = badgeTemplates.get(key);
  if (!template) {
    template = document.createElement('div');
    template.setAttribute('role', 'note');
    template.setAttribute(BADGE_ATTRIBUTE, action);
    const mark = document.createElement('strong');
    mark.textContent = 'Modified by Veneer';
    const what = document.createElement('span');
    what.textContent = `${DONE[action]}: ${reason}`;
    const show = document.createElement('button');
    show.type = 'button';
    show.textContent = 'Show original';
    const always = document.createElement('button');
    always.type = 'button';
    always.setAttribute(TRUST_ATTRIBUTE, '');
    always.textContent = 'Always show this account';
    template.append(mark, what, show, always);
    if (badgeTemplates.size >= MAX_TEMPLATES) badgeTemplates.clear();
    badgeTemplates.set(key, template);
  }
  const badge = template.cloneNode(true) as HTMLElement;
  showers.set(badge, onShow);
  const always = badge.lastElementChild as HTMLElement;
  if (trust) {
    always.title = `Always show posts from ${trust.account}`;
    trusters.set(badge, trust.run);
  } else always.remove();
  return badge;
}

/** A notice's "Always show this account": who the post is from, and what adds them to the allowlist. */
export interface AlwaysShow {
  account: string;
  run: () => void;
}

/** The post's notice: its first child (placement inside) or the element just before it. */
function badgeOf(post: HTMLElement): HTMLElement | null {
  const first = post.firstElementChild;
  if (first?.hasAttribute(BADGE_ATTRIBUTE)) return first as HTMLElement;
  const before = post.previousElementSibling;
  return before?.hasAttribute(BADGE_ATTRIBUTE) ? (before as HTMLElement) : null;
}

/** Removes Veneer's action and notice from the post, leaving its state to the caller. */
export function clearModification(post: HTMLElement): void {
  if (!modified.delete(post)) return;
  const badge = badgeOf(post);
  if (badge) {
    if (badge.isConnected) noticesMoved++;
    badge.remove();
  }
  post.removeAttribute(ACTION_ATTRIBUTE);
  post.removeAttribute(PLACEMENT_ATTRIBUTE);
  showers.delete(post);
}

/**
 * Applies `action` to the post: an attribute the page stylesheet acts on, and (except for
 * `hide`, which leaves nothing to see) a notice saying what was done and why, whose
 * "Show original" button, like a click on blurred or pixelated content, calls `onShow`.
 */
export function modifyPost(
  post: HTMLElement,
  action: PostAction,
  reason: string,
  placement: 'before' | 'inside',
  onShow: () => void,
  trust?: AlwaysShow,
): void {
  clearModification(post);
  if (!listening) {
    document.addEventListener('click', onClick, true);
    listening = true;
  }
  modified.add(post);
  post.setAttribute(ACTION_ATTRIBUTE, action);
  if (placement === 'inside') post.setAttribute(PLACEMENT_ATTRIBUTE, 'inside');
  setState(post, 'modified');
  if (action === 'hide') return;
  const badge = makeBadge(action, reason, onShow, trust);
  if (placement === 'inside') post.prepend(badge);
  else post.before(badge);
  if (badge.isConnected) noticesMoved++;
  if (action === 'blur' || action === 'pixelate') showers.set(post, onShow);
}

/** Shows the original post: Veneer's action and notice are gone and the post is marked `shown`. */
export function showOriginal(post: HTMLElement): void {
  clearModification(post);
  setState(post, 'shown');
}
