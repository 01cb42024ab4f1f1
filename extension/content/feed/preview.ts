import type { Filter, Site } from '@veneer/shared/filters/matching';
import { Judge, TEXT_CHECK_BITS, textChecksIn } from '@veneer/shared/judge';
import type { PreviewAnswer } from '../../services/protocol.ts';
import type { FeedPost, FeedServices } from './ports.ts';

/**
 * How many of `posts` a filter being edited would change (the options page's live preview): the
 * same Judge as the feed, with its text checks (a classifier) asked about the posts its words leave.
 */
export async function previewFilter<E, I>(
  filter: Filter,
  site: Site,
  posts: ReadonlyArray<FeedPost<E, I>>,
  checkTexts: FeedServices<I>['checkTexts'],
): Promise<Omit<PreviewAnswer, 'host'>> {
  const unique = [...new Map(posts.map((p) => [p.id, p])).values()];
  const judge = new Judge([filter], { site });
  let matched = 0;
  let asked = 0;
  const ask: Array<FeedPost<E, I>> = [];
  for (const post of unique) {
    if (filter.action === 'blur-faces') {
      if (post.images.length > 0 && judge.blursFaces(post)) matched++;
      continue;
    }
    const { verdict, pending } = judge.judge(post);
    if (verdict) matched++;
    else if (pending & TEXT_CHECK_BITS) {
      ask.push(post);
      asked |= pending;
    }
  }
  if (ask.length > 0) {
    const ids = textChecksIn(asked & TEXT_CHECK_BITS).map((check) => check.id);
    const answers = await checkTexts(
      ids,
      ask.map((p) => p.text),
    ).catch(() => []);
    ask.forEach((post, i) => {
      const texts = Object.fromEntries(ids.map((id, c) => [id, answers[c]?.[i] ?? null]));
      if (judge.judge(post, { texts }).verdict) matched++;
    });
  }
  return { matched, total: unique.length };
}
