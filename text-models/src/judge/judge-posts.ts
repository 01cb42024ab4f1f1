import type { Filter, PostKind } from '@veneer/shared/filters';
import { type Answers, Judge, TEXT_CHECK_BITS, textChecksIn } from '@veneer/shared/judge';

/** One row of the posts file: `text`, and what else it says about the post. */
export interface PostRow {
  id: string;
  text: string;
  /** The author's handle as the site writes it; empty: not known. */
  author: string;
  /** The subreddit, channel or instance; empty: not known. */
  community: string;
  site: string;
  /** The post's kinds (postKinds: `original` added when it is no repost, quote or reply); undefined: not known. */
  kinds?: readonly PostKind[];
  /** Whether the author shows a verified badge; undefined: not known. */
  verified?: boolean;
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

/** A text check's answer (shared/src/judge) for each text. */
export type CheckTexts = (check: string, texts: readonly string[]) => Promise<unknown[]>;

/**
 * Judges posts as the extension judges them (the same Judge, compiled per site), with the text
 * checks (Veneer's classifiers) asked only about the posts whose verdict they could change. Images are not
 * part of a CSV row, so filters on images match nothing here.
 */
export async function judgePosts(
  filters: readonly Filter[],
  posts: readonly PostRow[],
  checkTexts: CheckTexts,
  { now = Date.now(), alwaysShow = [] as readonly string[] } = {},
): Promise<PostJudgement[]> {
  const judges = new Map<string, Judge>();
  const judgeFor = (site: string) => {
    let judge = judges.get(site);
    if (!judge) {
      judge = new Judge(filters, { site: site || undefined, now, alwaysShow });
      judges.set(site, judge);
    }
    return judge;
  };
  const facts = posts.map((row) => ({
    text: row.text,
    images: { length: 0 },
    author: row.author || undefined,
    community: row.community || undefined,
    kinds: row.kinds,
    verified: row.verified,
  }));
  const answers: Answers[] = posts.map(() => ({}));
  // Every post that a text check could change, asked in one batch per check.
  const asked = new Map<string, number[]>();
  posts.forEach((row, i) => {
    const { pending } = judgeFor(row.site).judge(facts[i]!);
    for (const check of textChecksIn(pending & TEXT_CHECK_BITS))
      asked.set(check.id, [...(asked.get(check.id) ?? []), i]);
  });
  for (const [id, indices] of asked) {
    const checked = await checkTexts(
      id,
      indices.map((i) => posts[i]!.text),
    );
    indices.forEach((postIndex, k) => {
      answers[postIndex]!.texts = { ...answers[postIndex]!.texts, [id]: checked[k] ?? null };
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
