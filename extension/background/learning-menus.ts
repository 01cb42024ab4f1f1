import { t } from '../lib/i18n.ts';
import { markPost } from './learning.ts';
import type { PostMenu } from './post-menus.ts';

export const HIDE_LIKE_MENU = 'veneer-hide-posts-like';
export const HIDE_TOO_MENU = 'veneer-hide-this-too';

/**
 * The feed pages' context menu on a post: "Hide posts like this" (a learned filter made or
 * extended from it) and "Hide this too" (a positive example for the learned filter closest to it).
 * The post's text is learned from in the background and not kept.
 */
export const LEARNING_MENUS: readonly PostMenu[] = [
  {
    id: HIDE_LIKE_MENU,
    title: t('menu.postsLike'),
    onPost: (post) => (post.text ? markPost({ mark: 'like', text: post.text }) : undefined),
  },
  {
    id: HIDE_TOO_MENU,
    title: t('menu.hideToo'),
    onPost: (post) => (post.text ? markPost({ mark: 'hide', text: post.text }) : undefined),
  },
];
