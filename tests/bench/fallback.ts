/**
 * pnpm bench:fallback: how well the fallback reader reads each site's feed pages once a site
 * update took away everything its pack selects by (tests/e2e/fallback-measure.ts). For each page:
 * the posts the built-in pack reads before the change, the items the fallback reads after it,
 * precision (items holding exactly one of those posts), recall (posts some such item holds), and
 * the share of matched items whose text has every word the pack read. The floor is the pack
 * itself on the unchanged page (1.0 on each figure by definition). Each page is measured as served
 * and again "with a module": a "who to follow" block between its posts, as feeds show them, which
 * is no post (the fallback reading it costs precision).
 */
import { launchWithoutExtension } from '../e2e/browser.ts';
import { FALLBACK_CASES, fallbackFigures, measureFallbackOn } from '../e2e/fallback-measure.ts';
import { type Row, report, round } from './bench-report.ts';

const browser = await launchWithoutExtension();
const rows: Row[] = [];
try {
  for (const fallbackCase of FALLBACK_CASES)
    for (const withModule of [false, true]) {
      const measure = await measureFallbackOn(browser.context, fallbackCase, { withModule });
      const { precision, recall, sameWords } = fallbackFigures(measure);
      rows.push({
        case: `${fallbackCase.name}${withModule ? ', with a module' : ''}`,
        posts_count: measure.truth,
        read_count: measure.read,
        precision_ratio: round(precision, 3),
        recall_ratio: round(recall, 3),
        same_words_ratio: round(sameWords, 3),
        shared_ids_count: measure.sharedIds,
      });
    }
} finally {
  await browser.close();
}
report('fallback', rows);
