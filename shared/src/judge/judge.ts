import { AccountSet, admits, type PostWho } from '../filters/accounts.ts';
import type { CompiledFilter, FilterContext } from '../filters/matcher.ts';
import { reasonWords } from '../filters/reason-words.ts';
import type { Filter } from '../filters/schema.ts';
import { ACTIONS_FOR_EVERY_POST, OBJECT_THRESHOLDS, SENSITIVITY_THRESHOLDS } from '../filters/vocabulary.ts';
import { isSimilar } from '../images/dhash.ts';
import { postFeatures } from '../learning/learned-matcher.ts';
import { LEARNED_THRESHOLDS } from '../learning/learner.ts';
import type { NsfwClass } from '../models/nsfw.ts';
import { CONTENT_CHECK, EXAMPLES_CHECK } from './checks.ts';
import { type ContentFilter, compileRulebook, type Rulebook } from './rulebook.ts';
import { ACTION_STRENGTH, type PostAction, strengthOf, stronger, type Verdict } from './verdict.ts';

/**
 * What the Judge needs to know of a post. `images` is read only when a filter looks at images
 * (finding a post's images in a page costs as much as reading its text), and then only its length.
 */
export interface PostFacts extends PostWho {
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

/** Whether the filter's gate lets the post through (a filter with no gate lets every post through). */
const lets = (compiled: CompiledFilter, post: PostWho) =>
  compiled.gate === null || admits(compiled.gate, post);

/**
 * Whether a filter that names nothing to look for takes the post: its gate lets it through and,
 * for the actions on images, it has images.
 */
const takesWhole = (compiled: CompiledFilter, post: PostFacts) =>
  lets(compiled, post) &&
  !compiled.spares(post.text) &&
  (!ACTIONS_FOR_EVERY_POST.includes(compiled.filter.action) || post.images.length > 0);

/** Its reason: what the filter names of who and what kind, or "every image". */
const wholeReason = (compiled: CompiledFilter) => compiled.label || reasonWords().everyImage;

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
  /** The allowlist: posts from these are never changed. */
  private readonly alwaysShow: AccountSet | null;

  constructor(filters: readonly Filter[], context: FilterContext = {}) {
    this.rules = compileRulebook(filters, context);
    const alwaysShow = new AccountSet(context.alwaysShow ?? []);
    this.alwaysShow = alwaysShow.size > 0 ? alwaysShow : null;
  }

  /** Whether the post is from an account or community on the allowlist (no filter changes it). */
  alwaysShows(post: PostWho): boolean {
    return this.alwaysShow !== null && this.alwaysShow.has(post);
  }

  /**
   * The verdict on the post and the checks still worth waiting for. `words`, the words' verdict
   * from an earlier call for the same post (its `wordsVerdict`), spares reading its text again
   * when answers come in.
   */
  judge(post: PostFacts, answers?: Answers, words?: Verdict | null): Judgement {
    if (this.alwaysShows(post)) return { verdict: null, pending: 0 };
    let verdict = words === undefined ? this.wordsVerdict(post) : words;
    if (answers) verdict = this.withAnswers(post, verdict, answers);
    return { verdict, pending: this.pendingChecks(post, verdict, answers) };
  }

  /**
   * The verdict of the filters' words, and of the filters naming nothing to look for (by who
   * posted or the kind of post; the image actions on posts with images).
   */
  wordsVerdict(post: PostFacts): Verdict | null {
    if (this.alwaysShows(post)) return null;
    const terms = this.termsVerdict(post);
    return this.rules.learned.length === 0 ? terms : stronger(terms, this.learnedVerdict(post));
  }

  /**
   * The strongest learned filter whose model scores the post at its sensitivity's threshold
   * (LEARNED_THRESHOLDS), with the words that weighed most; posts marked "Not this" never match.
   */
  learnedVerdict(post: PostFacts): Verdict | null {
    return this.learnedMatches(post, true)[0] ?? null;
  }

  private learnedMatches(post: PostFacts, first: boolean): Verdict[] {
    if (!hasText(post.text)) return [];
    const read = postFeatures(post.text);
    const found: Verdict[] = [];
    for (const { filter, matcher } of this.rules.learned) {
      if (!lets(filter, post)) continue;
      const score = matcher.score(read);
      if (score === null || score < LEARNED_THRESHOLDS[filter.filter.sensitivity]) continue;
      // The words behind it only for a post it takes (most posts score something, few enough).
      found.push({
        ...verdictOf(filter, filter.label),
        learned: { words: matcher.topWords(read.words), score },
      });
      if (first) break;
    }
    return found;
  }

  /** The verdict of the filters' terms, and of the filters naming nothing to look for. */
  private termsVerdict(post: PostFacts): Verdict | null {
    const { quick, everything, text, gated } = this.rules;
    // Most posts match no term: one test instead of one per term, and then only the filters
    // naming no words are left to look at (most lists have none).
    if (quick === null || post.text === '' || !quick.test(post.text)) {
      if (everything.length === 0 || (post.images.length === 0 && !gated)) return null;
      const whole = everything.find((compiled) => takesWhole(compiled, post));
      return whole ? verdictOf(whole, wholeReason(whole)) : null;
    }
    for (const compiled of text) {
      if (compiled.matchesEverything) {
        if (takesWhole(compiled, post)) return verdictOf(compiled, wholeReason(compiled));
        continue;
      }
      if (compiled.gate !== null && !admits(compiled.gate, post)) continue;
      const term = compiled.match(post.text);
      if (term) return verdictOf(compiled, term);
    }
    return null;
  }

  /** The strongest filter a text check serves that its answer makes match (null answers match nothing). */
  textCheckVerdict(post: PostWho, checkId: string, answer: unknown): Verdict | null {
    if (answer === null || answer === undefined) return null;
    const plan = this.rules.textChecks.find((c) => c.check.id === checkId);
    for (const compiled of plan?.filters ?? []) {
      if (!lets(compiled, post)) continue;
      const reason = plan!.check.match(compiled, answer);
      if (reason) return verdictOf(compiled, reason);
    }
    return null;
  }

  /** The strongest filter with an example image like one of `hashes`. */
  examplesVerdict(post: PostWho, hashes: readonly string[]): Verdict | null {
    return firstExampleMatch(this.admitted(this.rules.examples, post), hashes);
  }

  /** The strongest filter on image content that one of the views reaches at its sensitivity. */
  contentVerdict(post: PostWho, views: readonly ImageView[]): Verdict | null {
    const content = this.rules.gated
      ? this.rules.content.filter((c) => lets(c.filter, post))
      : this.rules.content;
    return firstContentMatch(content, views);
  }

  /** The verdict of the filters that look in images' text, on the text read from them. */
  imageTextVerdict(post: PostWho, text: string): Verdict | null {
    return firstImageTextMatch(this.admitted(this.rules.imageText, post), text);
  }

  /** The filters whose gates let the post through (all of them when no filter has a gate). */
  private admitted(filters: readonly CompiledFilter[], post: PostWho): readonly CompiledFilter[] {
    return this.rules.gated ? filters.filter((compiled) => lets(compiled, post)) : filters;
  }

  /**
   * Every filter that matches the post, each once with its reason, strongest action first (the
   * first is `judge`'s verdict): for `pnpm judge` and for explaining a verdict.
   */
  matches(post: PostFacts, answers: Answers = {}): Verdict[] {
    if (this.alwaysShows(post)) return [];
    const { textChecks } = this.rules;
    const text = this.admitted(this.rules.text, post);
    const found: Verdict[] = [];
    for (const compiled of text) {
      if (compiled.matchesEverything) {
        if (takesWhole(compiled, post)) found.push(verdictOf(compiled, wholeReason(compiled)));
        continue;
      }
      const term = post.text === '' ? null : compiled.match(post.text);
      if (term) found.push(verdictOf(compiled, term));
    }
    found.push(...this.learnedMatches(post, false));
    for (const { check, filters } of textChecks) {
      const answer = answers.texts?.[check.id];
      if (answer === null || answer === undefined) continue;
      for (const compiled of this.admitted(filters, post)) {
        const reason = check.match(compiled, answer);
        if (reason) found.push(verdictOf(compiled, reason));
      }
    }
    const examples = this.admitted(this.rules.examples, post);
    const imageText = this.admitted(this.rules.imageText, post);
    const content = this.rules.gated
      ? this.rules.content.filter((c) => lets(c.filter, post))
      : this.rules.content;
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
    if (this.alwaysShows(post)) return false;
    return this.rules.faces.some(
      (f) => lets(f, post) && (f.matchesEverything || (post.text !== '' && f.match(post.text) !== null)),
    );
  }

  private withAnswers(post: PostWho, words: Verdict | null, answers: Answers): Verdict | null {
    let verdict = words;
    if (answers.texts) {
      for (const { check } of this.rules.textChecks)
        verdict = stronger(verdict, this.textCheckVerdict(post, check.id, answers.texts[check.id]));
    }
    if (answers.imageHashes) verdict = stronger(verdict, this.examplesVerdict(post, answers.imageHashes));
    if (answers.imageViews) verdict = stronger(verdict, this.contentVerdict(post, answers.imageViews));
    if (answers.imageText) verdict = stronger(verdict, this.imageTextVerdict(post, answers.imageText));
    return verdict;
  }

  private pendingChecks(post: PostFacts, verdict: Verdict | null, answers: Answers | undefined): number {
    if (this.rules.gated) return this.pendingGatedChecks(post, verdict, answers);
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

  /** The same, when some filters have gates: only the filters that let this post through count. */
  private pendingGatedChecks(post: PostFacts, verdict: Verdict | null, answers: Answers | undefined): number {
    const floor = strengthOf(verdict);
    let pending = 0;
    if (hasText(post.text)) {
      for (const { check, bit, filters } of this.rules.textChecks)
        if (answers?.texts?.[check.id] === undefined && strongestLet(filters, post) > floor) pending |= bit;
    }
    if (post.images.length > 0) {
      if (!answers?.imageHashes && strongestLet(this.rules.examples, post) > floor) pending |= EXAMPLES_CHECK;
      const content = this.rules.content.map(({ filter }) => filter);
      if (!answers?.imageViews && strongestLet(content, post) > floor) pending |= CONTENT_CHECK;
    }
    return pending;
  }
}

/** The strongest action among the filters the post's gate checks let through. */
function strongestLet(filters: readonly CompiledFilter[], post: PostWho): number {
  let strength = -1;
  for (const compiled of filters)
    if (lets(compiled, post)) strength = Math.max(strength, ACTION_STRENGTH[compiled.filter.action]);
  return strength;
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
  return match ? verdictOf(match.filter, reasonWords().inImage.replace('{label}', match.filter.label)) : null;
}

function firstImageTextMatch(filters: readonly CompiledFilter[], text: string): Verdict | null {
  for (const compiled of filters) {
    const term = compiled.match(text);
    if (term) return verdictOf(compiled, `${term} (text in image)`);
  }
  return null;
}
