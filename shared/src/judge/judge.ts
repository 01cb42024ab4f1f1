import type { CompiledFilter, FilterContext } from '../filters/matcher.ts';
import type { Filter } from '../filters/schema.ts';
import { OBJECT_THRESHOLDS, SENSITIVITY_THRESHOLDS } from '../filters/vocabulary.ts';
import { isSimilar } from '../images/dhash.ts';
import type { NsfwClass } from '../models/nsfw.ts';
import { CONTENT_CHECK, EXAMPLES_CHECK } from './checks.ts';
import { type ContentFilter, compileRulebook, type Rulebook } from './rulebook.ts';
import { type PostAction, strengthOf, stronger, type Verdict } from './verdict.ts';

/**
 * What the Judge needs to know of a post. `images` is read only when a filter looks at images
 * (finding a post's images in a page costs as much as reading its text), and then only its length.
 */
export interface PostFacts {
  readonly text: string;
  readonly images: { readonly length: number };
}

/** What the on-device image models saw in one image (null: that model did not run on it). */
export interface ImageView {
  scores: Readonly<Record<NsfwClass, number>> | null;
  objects: ReadonlyArray<{ label: string; score: number }> | null;
}

/**
 * The answers of the checks a post waited for, gathered as they come. A check whose field is
 * set has answered (a model that could not run answers "nothing found": null for a text check,
 * no hashes, no views), so the post no longer waits for it.
 */
export interface Answers {
  /** Each text check's answer (TEXT_CHECKS), by its id; null when its model could not run. */
  texts?: Readonly<Record<string, unknown>>;
  /** Perceptual hashes (dHash) of the post's images that could be read. */
  imageHashes?: readonly string[];
  /** What the image models saw in the post's images that could be read. */
  imageViews?: readonly ImageView[];
  /** The text read from the post's images (cloud processing only). */
  imageText?: string;
}

export interface Judgement {
  /** The strongest verdict of the filters on what is known of the post; null when none matched. */
  verdict: Verdict | null;
  /**
   * The checks (bits, checks.ts) still to answer whose answer could make the verdict stronger:
   * the post is shown (with `verdict`) only once this is 0.
   */
  pending: number;
}

const SOMETHING = /\S/;
/** Some text to classify: not empty, not only spaces. */
export const hasText = (text: string) => SOMETHING.test(text);

const verdictOf = (compiled: CompiledFilter, reason: string): Verdict => ({
  action: compiled.filter.action as PostAction,
  reason,
  filterId: compiled.filter.id,
});

/**
 * The one place that decides what Veneer does to a post: a filter list compiled once for a page
 * (its site and the time), then any number of posts judged on their facts (text, images) and on
 * the answers of the on-device checks (text checks such as the classifiers, example images,
 * image models, text in images). Pure: no DOM, no messages, no clock; the extension's feed engine, `pnpm judge` and the
 * options page's preview all run it.
 *
 * Rules: every filter that matches gives a verdict and the strongest action wins (hide > collapse
 * > warn > blur > pixelate); on a tie the words' verdict, then the text checks' (in TEXT_CHECKS
 * order), the example images', the image models' and the image text's, in that order. A check is worth waiting for
 * only while its strongest filter could beat the verdict so far.
 */
export class Judge {
  readonly rules: Rulebook;

  constructor(filters: readonly Filter[], context: FilterContext = {}) {
    this.rules = compileRulebook(filters, context);
  }

  /**
   * The verdict on the post and the checks still worth waiting for. `words`, the words' verdict
   * from an earlier call for the same post (its `wordsVerdict`), spares reading its text again
   * when answers come in.
   */
  judge(post: PostFacts, answers?: Answers, words?: Verdict | null): Judgement {
    let verdict = words === undefined ? this.wordsVerdict(post) : words;
    if (answers) verdict = this.withAnswers(verdict, answers);
    return { verdict, pending: this.pendingChecks(post, verdict, answers) };
  }

  /** The verdict of the filters' words (and of filters naming nothing, on posts with images). */
  wordsVerdict(post: PostFacts): Verdict | null {
    const { quick, everything, text } = this.rules;
    // Most posts match no term: one test instead of one per term, and then only the filters
    // naming no words are left to look at (most lists have none).
    if (quick === null || post.text === '' || !quick.test(post.text)) {
      if (everything.length === 0 || post.images.length === 0) return null;
      return verdictOf(everything[0]!, 'every image');
    }
    for (const compiled of text) {
      if (compiled.matchesEverything) {
        if (post.images.length > 0) return verdictOf(compiled, 'every image');
        continue;
      }
      const term = compiled.match(post.text);
      if (term) return verdictOf(compiled, term);
    }
    return null;
  }

  /** The strongest filter a text check serves that its answer makes match (null answers match nothing). */
  textCheckVerdict(checkId: string, answer: unknown): Verdict | null {
    if (answer === null || answer === undefined) return null;
    const plan = this.rules.textChecks.find((c) => c.check.id === checkId);
    for (const compiled of plan?.filters ?? []) {
      const reason = plan!.check.match(compiled, answer);
      if (reason) return verdictOf(compiled, reason);
    }
    return null;
  }

  /** The strongest filter with an example image like one of `hashes`. */
  examplesVerdict(hashes: readonly string[]): Verdict | null {
    return firstExampleMatch(this.rules.examples, hashes);
  }

  /** The strongest filter on image content that one of the views reaches at its sensitivity. */
  contentVerdict(views: readonly ImageView[]): Verdict | null {
    return firstContentMatch(this.rules.content, views);
  }

  /** The verdict of the filters that look in images' text, on the text read from them. */
  imageTextVerdict(text: string): Verdict | null {
    return firstImageTextMatch(this.rules.imageText, text);
  }

  /**
   * Every filter that matches the post, each once with its reason, strongest action first (the
   * first is `judge`'s verdict): for `pnpm judge` and for explaining a verdict.
   */
  matches(post: PostFacts, answers: Answers = {}): Verdict[] {
    const { text, textChecks, examples, content, imageText } = this.rules;
    const found: Verdict[] = [];
    for (const compiled of text) {
      if (compiled.matchesEverything) {
        if (post.images.length > 0) found.push(verdictOf(compiled, 'every image'));
        continue;
      }
      const term = post.text === '' ? null : compiled.match(post.text);
      if (term) found.push(verdictOf(compiled, term));
    }
    for (const { check, filters } of textChecks) {
      const answer = answers.texts?.[check.id];
      if (answer === null || answer === undefined) continue;
      for (const compiled of filters) {
        const reason = check.match(compiled, answer);
        if (reason) found.push(verdictOf(compiled, reason));
      }
    }
    // Each filter on its own: its first match is its verdict.
    const each = <T>(filters: readonly T[], verdict: (one: readonly T[]) => Verdict | null) => {
      for (const filter of filters) {
        const candidate = verdict([filter]);
        if (candidate) found.push(candidate);
      }
    };
    const { imageHashes, imageViews, imageText: readText } = answers;
    if (imageHashes) each(examples, (one) => firstExampleMatch(one, imageHashes));
    if (imageViews) each(content, (one) => firstContentMatch(one, imageViews));
    if (readText) each(imageText, (one) => firstImageTextMatch(one, readText));
    const seen = new Set<string>();
    return found
      .filter((verdict) => !seen.has(verdict.filterId) && seen.add(verdict.filterId))
      .sort((a, b) => strengthOf(b) - strengthOf(a));
  }

  /** Whether faces in the post's images are to be blurred. */
  blursFaces(post: PostFacts): boolean {
    return this.rules.faces.some((f) => f.matchesEverything || (post.text !== '' && f.match(post.text)));
  }

  private withAnswers(words: Verdict | null, answers: Answers): Verdict | null {
    let verdict = words;
    if (answers.texts) {
      for (const { check } of this.rules.textChecks)
        verdict = stronger(verdict, this.textCheckVerdict(check.id, answers.texts[check.id]));
    }
    if (answers.imageHashes) verdict = stronger(verdict, this.examplesVerdict(answers.imageHashes));
    if (answers.imageViews) verdict = stronger(verdict, this.contentVerdict(answers.imageViews));
    if (answers.imageText) verdict = stronger(verdict, this.imageTextVerdict(answers.imageText));
    return verdict;
  }

  private pendingChecks(post: PostFacts, verdict: Verdict | null, answers: Answers | undefined): number {
    const { textChecks, examplesStrength, contentStrength } = this.rules;
    const floor = strengthOf(verdict);
    let pending = 0;
    if (textChecks.length > 0 && hasText(post.text)) {
      for (const { check, bit, strength } of textChecks)
        if (strength > floor && answers?.texts?.[check.id] === undefined) pending |= bit;
    }
    if ((examplesStrength > floor || contentStrength > floor) && post.images.length > 0) {
      if (examplesStrength > floor && !answers?.imageHashes) pending |= EXAMPLES_CHECK;
      if (contentStrength > floor && !answers?.imageViews) pending |= CONTENT_CHECK;
    }
    return pending;
  }
}

function firstExampleMatch(filters: readonly CompiledFilter[], hashes: readonly string[]): Verdict | null {
  const match = filters.find((f) =>
    f.filter.imageExamples.some((example) => hashes.some((hash) => isSimilar(hash, example.hash))),
  );
  return match ? verdictOf(match, match.label) : null;
}

function firstContentMatch(filters: readonly ContentFilter[], views: readonly ImageView[]): Verdict | null {
  const match = filters.find(({ filter, nsfw, objects }) => {
    const floor = SENSITIVITY_THRESHOLDS[filter.filter.sensitivity];
    const objectFloor = OBJECT_THRESHOLDS[filter.filter.sensitivity];
    return views.some(
      (view) =>
        (nsfw.length > 0 && view.scores && nsfw.reduce((sum, c) => sum + view.scores![c], 0) >= floor) ||
        view.objects?.some((o) => objects.includes(o.label as never) && o.score >= objectFloor),
    );
  });
  return match ? verdictOf(match.filter, `${match.filter.label} (in an image)`) : null;
}

function firstImageTextMatch(filters: readonly CompiledFilter[], text: string): Verdict | null {
  for (const compiled of filters) {
    const term = compiled.match(text);
    if (term) return verdictOf(compiled, `${term} (text in image)`);
  }
  return null;
}
