import type { ReasonWords } from '@veneer/shared/filters/matching';
import { t } from '../../lib/i18n.ts';

/** The words of the Judge's reasons in the interface's language (shared/src/filters/reason-words.ts). */
export function localReasonWords(): ReasonWords {
  return {
    classifier: { offensive: t('describe.modelOffensive'), clickbait: t('describe.modelClickbait') },
    kind: {
      original: t('kind.original'),
      repost: t('kind.repost'),
      quote: t('kind.quote'),
      reply: t('kind.reply'),
      promoted: t('kind.promoted'),
      short: t('kind.short'),
      live: t('kind.live'),
      suggested: t('kind.suggested'),
    },
    learned: t('reason.learned'),
    imageLike: t('reason.imageLike'),
    everyImage: t('reason.everyImage'),
    // Templates: their {label} and {accounts} are filled in by the Judge.
    inImage: t('reason.inImage', { label: '{label}' }),
    from: t('reason.from', { accounts: '{accounts}' }),
    badge: { verified: t('reason.badgeVerified'), none: t('reason.badgeNone') },
  };
}
