import type { Filter, TextClassifier } from '@veneer/shared/filters';
import { type Answers, CLASSIFIER_CHECKS, classifiersIn, Judge } from '@veneer/shared/judge';

/** One row of the posts file: `text`, and what else it says about the post. */
export interface PostRow {
  id: string;
  text: string;
  author: string;
  site: string;
  kind: string;
}

export interface PostJudgement {
  id: string;
  /** The filters that matched, strongest action first. */
  matched: string[];
  /** What Veneer does to the post: the strongest matching filter's action, or null. */
  action: string | null;
  /** Why, one reason per matched filter, in the same order. */
  reasons: string[];
}

/** The classifiers' probability for each text (TEXT_CLASSIFIERS order within `tasks`). */
export type ClassifyTexts = (task: TextClassifier, texts: readonly string[]) => Promise<number[]>;

/**
 * Judges posts as the extension judges them (the same Judge, compiled per site), with Veneer's
 * text classifiers asked only about the posts whose verdict they could change. Images are not
 * part of a CSV row, so filters on images match nothing here.
 */
export async function judgePosts(
  filters: readonly Filter[],
  posts: readonly PostRow[],
  classify: ClassifyTexts,
  now = Date.now(),
): Promise<PostJudgement[]> {
  const judges = new Map<string, Judge>();
  const judgeFor = (site: string) => {
    let judge = judges.get(site);
    if (!judge) {
      judge = new Judge(filters, { site: site || undefined, now });
      judges.set(site, judge);
    }
    return judge;
  };
  const facts = posts.map((row) => ({ text: row.text, images: { length: 0 } }));
  const answers: Answers[] = posts.map(() => ({}));
  // Every post that a classifier could change, asked in one batch per classifier.
  const asked = new Map<TextClassifier, number[]>();
  posts.forEach((row, i) => {
    const { pending } = judgeFor(row.site).judge(facts[i]!);
    for (const task of classifiersIn(pending & CLASSIFIER_CHECKS))
      asked.set(task, [...(asked.get(task) ?? []), i]);
  });
  for (const [task, indices] of asked) {
    const probabilities = await classify(
      task,
      indices.map((i) => posts[i]!.text),
    );
    indices.forEach((postIndex, k) => {
      answers[postIndex]!.classifiers = { ...answers[postIndex]!.classifiers, [task]: probabilities[k]! };
    });
  }
  return posts.map((row, i) => {
    const matches = judgeFor(row.site).matches(facts[i]!, answers[i]);
    return {
      id: row.id,
      matched: matches.map((m) => m.filterId),
      action: matches[0]?.action ?? null,
      reasons: matches.map((m) => m.reason),
    };
  });
}
