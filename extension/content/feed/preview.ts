import type { Filter, Site } from '@veneer/shared/filters/matching';
import { CLASSIFIER_CHECK, Judge } from '@veneer/shared/judge';
import type { PreviewAnswer } from '../../services/protocol.ts';
import type { FeedPost, FeedServices } from './ports.ts';

/**
 * How many of `posts` a filter being edited would change (the options page's live preview): the
 * same Judge as the feed, with its classifier (if any) asked about the posts its words leave.
 */
export async function previewFilter<E, I>(
  filter: Filter,
  site: Site,
  posts: ReadonlyArray<FeedPost<E, I>>,
  classify: FeedServices<I>['classify'],
): Promise<Omit<PreviewAnswer, 'host'>> {
  const unique = [...new Map(posts.map((p) => [p.id, p])).values()];
  const judge = new Judge([filter], { site });
  const task = filter.classifier;
  let matched = 0;
  const ask: Array<FeedPost<E, I>> = [];
  for (const post of unique) {
    if (filter.action === 'blur-faces') {
      if (post.images.length > 0 && judge.blursFaces(post)) matched++;
      continue;
    }
    const { verdict, pending } = judge.judge(post);
    if (verdict) matched++;
    else if (task && pending & CLASSIFIER_CHECK[task]) ask.push(post);
  }
  if (task && ask.length > 0) {
    const [probabilities] = await classify(
      [task],
      ask.map((p) => p.text),
    ).catch(() => [[]]);
    ask.forEach((post, i) => {
      if (judge.judge(post, { classifiers: { [task]: probabilities?.[i] ?? 0 } }).verdict) matched++;
    });
  }
  return { matched, total: unique.length };
}
