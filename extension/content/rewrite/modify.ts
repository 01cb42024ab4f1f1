import type { PostAction } from '@veneer/shared/judge';
import { t } from '../../lib/i18n.ts';
import {
  ACTION_ATTRIBUTE,
  BADGE_ATTRIBUTE,
  PLACEMENT_ATTRIBUTE,
  STATE_ATTRIBUTE,
  setState,
} from './post-state.ts';

/** What the notice says was done to the post ("collapsed"). */
const done = (action: PostAction) => t(`notice.${action}`);

/**
 * What a click shows the original of: a blurred or pixelated post. A notice's buttons each do
 * what their `data-veneer-do` names (NoticeActions). One listener on the document handles every
 * click (a feed can carry hundreds of notices; a listener each costs more than the notice's elements).
 */
const showers = new WeakMap<Element, () => void>();
const noticeActions = new WeakMap<Element, NoticeActions>();
const DO_ATTRIBUTE = 'data-veneer-do';
let listening = false;

/** What a notice's buttons do, besides "Show original". */
export interface NoticeActions {
  show: () => void;
  /** "Always show this account", for a post whose author Veneer knows. */
  trust?: { account: string; run: () => void };
  /** "Not this", on a learned filter's verdict: the filter learns it was wrong, and the post is shown. */
  notThis?: () => void;
  /** "Hide posts like this": a learned filter made or extended from the post. */
  like?: () => void;
}

/**
 * A notice's button, or a first click on blurred content (pixelated: on an image), which shows
 * the original; the click does nothing else (it must not also open the post). Caught on its way
 * down, before any of the page's own handlers on the post.
 */
function onClick(event: MouseEvent): void {
  const target = event.target;
  if (!(target instanceof Element)) return;
  const notice = target.closest(`[${BADGE_ATTRIBUTE}]`);
  let run: (() => void) | undefined;
  if (notice) {
    const button = target.closest(`[${DO_ATTRIBUTE}]`);
    const actions = noticeActions.get(notice);
    if (!button || !actions) return;
    run = buttonAction(button, actions);
  } else {
    const post = target.closest(`[${ACTION_ATTRIBUTE}="blur"], [${ACTION_ATTRIBUTE}="pixelate"]`);
    if (post && (post.getAttribute(ACTION_ATTRIBUTE) === 'blur' || target.closest('img')))
      run = showers.get(post);
  }
  if (!run) return;
  event.preventDefault();
  event.stopPropagation();
  run();
}

/** What a notice's button does. */
function buttonAction(button: Element, actions: NoticeActions): (() => void) | undefined {
  switch (button.getAttribute(DO_ATTRIBUTE)) {
    case 'show':
      return actions.show;
    case 'trust':
      return actions.trust?.run;
    case 'not':
      return actions.notThis;
    case 'like':
      return () => {
        actions.like?.();
        button.textContent = t('notice.learning');
        button.setAttribute('disabled', '');
      };
    default:
      return undefined;
  }
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

/** A finished notice per action, reason and set of buttons (a page shows a few dozen at most). */
const badgeTemplates = new Map<string, HTMLElement>();
const MAX_TEMPLATES = 200;

const BUTTONS = [
  ['show', 'notice.show'],
  ['not', 'notice.notThis'],
  ['like', 'notice.like'],
  ['trust', 'notice.trust'],
] as const;

/**
 * The notice; its look comes from the page stylesheet (no per-post style parsing). Cloned whole
 * from a notice made once per action, reason and buttons: a feed modifies hundreds of posts,
 * and each notice is then one call, with no child to find and fill in.
 */
function makeBadge(action: PostAction, reason: string, actions: NoticeActions): HTMLElement {
  const wanted = BUTTONS.filter(
    ([what]) =>
      what === 'show' ||
      (what === 'not' && actions.notThis) ||
      (what === 'like' && actions.like) ||
      (what === 'trust' && actions.trust),
  );
  const key = `${action}\u0000${reason}\u0000${wanted.map(([what]) => what).join()}`;
  let template = badgeTemplates.get(key);
  if (!template) {
    template = document.createElement('div');
    template.setAttribute('role', 'note');
    template.setAttribute(BADGE_ATTRIBUTE, action);
    const mark = document.createElement('strong');
    mark.textContent = t('notice.modified');
    const what = document.createElement('span');
    what.textContent = t('notice.what', { done: done(action), reason });
    template.append(mark, what);
    for (const [name, label] of wanted) {
      const button = document.createElement('button');
      button.type = 'button';
      button.setAttribute(DO_ATTRIBUTE, name);
      button.textContent = t(label);
      template.append(button);
    }
    if (badgeTemplates.size >= MAX_TEMPLATES) badgeTemplates.clear();
    badgeTemplates.set(key, template);
  }
  const badge = template.cloneNode(true) as HTMLElement;
  noticeActions.set(badge, actions);
  if (actions.trust)
    badge
      .querySelector(`[${DO_ATTRIBUTE}="trust"]`)
      ?.setAttribute('title', t('notice.trustTitle', { account: actions.trust.account }));
  return badge;
}

/** The post's notice: its first child (placement inside) or the element just before it. */
function badgeOf(post: HTMLElement): HTMLElement | null {
  const first = post.firstElementChild;
  if (first?.hasAttribute(BADGE_ATTRIBUTE)) return first as HTMLElement;
  const before = post.previousElementSibling;
  return before?.hasAttribute(BADGE_ATTRIBUTE) ? (before as HTMLElement) : null;
}

/** The post a notice is on: its parent (placement inside) or the element just after it. */
export function postOfNotice(notice: Element): HTMLElement | null {
  const parent = notice.parentElement;
  if (parent?.firstElementChild === notice && parent.getAttribute(PLACEMENT_ATTRIBUTE) === 'inside')
    return parent;
  const after = notice.nextElementSibling;
  return after instanceof HTMLElement && after.hasAttribute(STATE_ATTRIBUTE) ? after : null;
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
 * "Show original" button, like a click on blurred or pixelated content, calls `actions.show`.
 */
export function modifyPost(
  post: HTMLElement,
  action: PostAction,
  reason: string,
  placement: 'before' | 'inside',
  actions: NoticeActions,
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
  const badge = makeBadge(action, reason, actions);
  if (placement === 'inside') post.prepend(badge);
  else post.before(badge);
  if (badge.isConnected) noticesMoved++;
  if (action === 'blur' || action === 'pixelate') showers.set(post, actions.show);
}

/** Shows the original post: Veneer's action and notice are gone and the post is marked `shown`. */
export function showOriginal(post: HTMLElement): void {
  clearModification(post);
  setState(post, 'shown');
}
