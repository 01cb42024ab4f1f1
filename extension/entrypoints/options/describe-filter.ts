import type { AuthorBadge, Filter, PostKind, TextClassifier } from '@veneer/shared/filters';
import { siteLabel } from '../../content/sites.ts';
import { actionName, t } from '../../lib/i18n.ts';

/** A kind of post, as the options page names it ("repost"). */
export const kindName = (kind: PostKind) => t(`kind.${kind}`);

/** Who a filter's `badge` takes ("from verified accounts"). */
const badgeName = (badge: AuthorBadge) =>
  badge === 'verified' ? t('describe.badgeVerifiedChip') : t('describe.badgeNoneChip');

/** A filter that names only a badge, as a card's title ("Posts from verified accounts"). */
const badgeTitle = (badge: AuthorBadge) =>
  badge === 'verified' ? t('describe.postsBadgeVerified') : t('describe.postsBadgeNone');

const modelName = (classifier: TextClassifier) =>
  classifier === 'offensive' ? t('describe.modelOffensive') : t('describe.modelClickbait');

/** When a filter stops: "never expires", "expires in 5 h", "expires in 3 days", "expired". */
export function describeExpiry(expiresAt: number | undefined, now = Date.now()): string {
  if (expiresAt === undefined) return t('describe.neverExpires');
  const left = expiresAt - now;
  if (left <= 0) return t('describe.expired');
  const hours = Math.ceil(left / 3600_000);
  return hours <= 48
    ? t('describe.expiresHours', { hours })
    : t('describe.expiresDays', { days: Math.ceil(hours / 24) });
}

/** What a filter takes, in a few words: its words, else what it was taught or is limited to. */
export function filterTitle(filter: Filter): string {
  if (filter.words) return filter.words;
  if (filter.learned) return t('describe.postsLike');
  if (filter.imageExamples.length) return t('describe.imagesLike', { count: filter.imageExamples.length });
  if (filter.classifier) return modelName(filter.classifier);
  if (filter.kinds.length) return filter.kinds.map(kindName).join(', ');
  if (filter.from.length) return t('describe.postsFrom', { accounts: filter.from.join(', ') });
  if (filter.badge) return badgeTitle(filter.badge);
  return t('describe.everyPost');
}

/**
 * A filter card's text: its title, one line of what it does where and until when ("Collapse ·
 * X, Reddit · never expires"), and chips for the rest of what limits or widens it.
 */
export function describeFilter(
  filter: Filter,
  now = Date.now(),
): { title: string; summary: string; chips: string[] } {
  const title = filterTitle(filter);
  const summary = t('describe.summary', {
    action: actionName(filter.action),
    sites: filter.sites.length ? filter.sites.map(siteLabel).join(', ') : t('common.everySite'),
    expiry: describeExpiry(filter.expiresAt, now),
  });
  const chips = [
    filter.classifier ? t('describe.modelChip', { model: modelName(filter.classifier) }) : '',
    filter.classifier
      ? t('describe.sensitivityChip', { sensitivity: sensitivityName(filter.sensitivity) })
      : '',
    filter.learned ? t('describe.learnedChip', { count: filter.learned.examples.length }) : '',
    filter.imageExamples.length && title !== t('describe.imagesLike', { count: filter.imageExamples.length })
      ? t('describe.imagesLikeChip', { count: filter.imageExamples.length })
      : '',
    filter.kinds.length && filter.words ? filter.kinds.map(kindName).join(', ') : '',
    filter.from.length ? t('describe.fromChip', { accounts: filter.from.join(', ') }) : '',
    filter.exceptFrom.length ? t('describe.notFromChip', { accounts: filter.exceptFrom.join(', ') }) : '',
    // The badge is its own chip, unless it is all the filter names (then it is the title).
    filter.badge && title !== badgeTitle(filter.badge) ? badgeName(filter.badge) : '',
    filter.lookIn.includes('image-text') ? t('describe.imageTextChip') : '',
    filter.lookIn.includes('image-content') ? t('describe.imageContentChip') : '',
  ].filter(Boolean);
  return { title, summary, chips };
}

const sensitivityName = (sensitivity: Filter['sensitivity']) =>
  sensitivity === 'low'
    ? t('options.sensitivityLow')
    : sensitivity === 'high'
      ? t('options.sensitivityHigh')
      : t('options.sensitivityMedium');
