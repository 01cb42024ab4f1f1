/**
 * Veneer's marks on a post element:
 * - state: `clear` (nothing matched), `modified`, or `shown` (the user chose to see the
 *   original); none while the post is unjudged or waiting for an on-device model;
 * - action: the filter action applied while `modified`;
 * - placement: `inside` when the notice is the post's first child (grids).
 */
export const STATE_ATTRIBUTE = 'data-veneer-state';
export const ACTION_ATTRIBUTE = 'data-veneer-action';
export const PLACEMENT_ATTRIBUTE = 'data-veneer-placement';
/** The notice on a modified post: "Modified by Veneer", what was done and why, and "Show original". */
export const BADGE_ATTRIBUTE = 'data-veneer-badge';

export type PostState = 'clear' | 'modified' | 'shown';

export const stateOf = (element: Element) => element.getAttribute(STATE_ATTRIBUTE) as PostState | null;
export const setState = (element: Element, state: PostState) => element.setAttribute(STATE_ATTRIBUTE, state);
