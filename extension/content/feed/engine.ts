import { ACTIONS_FOR_EVERY_POST, type Filter, type Site } from '@veneer/shared/filters/matching';
import {
  type Answers,
  CONTENT_CHECK,
  EXAMPLES_CHECK,
  type ImageView,
  Judge,
  strengthOf,
  TEXT_CHECK_BITS,
  textChecksIn,
  type Verdict,
} from '@veneer/shared/judge';
import { t } from '../../lib/i18n.ts';
import { ImageAnswers } from './image-answers.ts';
import type { FeedPost, FeedReporter, FeedServices, FeedView } from './ports.ts';

/** How often one element is judged again because its text or images filled in later. */
const MAX_REJUDGES = 5;

/** What an element was judged as: the post's id, the content judged, how often it was judged again. */
interface Judged<I> {
  id: string;
  text: string;
  images: readonly I[] | null;
  rejudged: number;
  /** The part of the page it sat in (FeedPost.section). */
  section: string | undefined;
  /** Who posted it (the notice's "Always show this account"). */
  author: string;
}

/**
 * A post waiting for on-device checks: its words' verdict, the answers so far, and every element
 * that showed it meanwhile.
 */
interface Waiting<E, I> {
  post: FeedPost<E, I>;
  words: Verdict | null;
  answers: Answers;
  pending: number;
  elements: E[];
}

export interface EngineSettings {
  filters: readonly Filter[];
  site: Site;
  cloudProcessing: boolean;
  /** Epoch ms: filters that expired by then do not apply. */
  now?: number;
  /** The allowlist: accounts and communities whose posts no filter changes. */
  alwaysShow?: readonly string[];
}

/**
 * The feed's judging, without the DOM: which posts are judged (once per id; again only when the
 * same post's text or images change), what they wait for, the answers of the on-device checks
 * gathered per post, and what becomes of a post the user chose to show (it stays shown). The
 * Judge decides every verdict; the view (feed-rewriter.ts) marks the page; the services run the
 * models. Generic over the element and image types, so it runs on fakes in unit tests.
 */
export class FeedEngine<E extends object, I extends object> {
  private judge = new Judge([]);
  private cloud = false;
  /** Whether any check looks at posts' images: when none does, they are never looked up. */
  private imagesMatter = false;
  private judged = new WeakMap<E, Judged<I>>();
  /** Verdicts by post id: null for "nothing matched", "shown" for posts the user revealed. */
  private readonly verdicts = new Map<string, Verdict | null | 'shown'>();
  private readonly waiting = new Map<string, Waiting<E, I>>();
  /** The answers of the checks each post was judged on, by post id (text read from its images comes late). */
  private readonly answers = new Map<string, Answers>();
  private readonly images: ImageAnswers<I>;
  private readonly textRead = new WeakSet<I>();
  /** Posts to ask checks about, one batch per kind per scan. */
  private toCheck: Array<Waiting<E, I>> = [];
  private toCompare: Array<Waiting<E, I>> = [];
  private toLookAt: Array<Waiting<E, I>> = [];

  constructor(
    private readonly services: FeedServices<I>,
    private readonly view: FeedView<E>,
    private readonly reporter: FeedReporter,
  ) {
    this.images = new ImageAnswers(services, reporter);
  }

  /** New filters or settings: every verdict but "shown" is forgotten (the caller judges the page again). */
  configure({ filters, site, cloudProcessing, now, alwaysShow }: EngineSettings): void {
    this.judge = new Judge(filters, { site, now, alwaysShow });
    this.cloud = cloudProcessing;
    const rules = this.judge.rules;
    this.imagesMatter =
      rules.examples.length > 0 ||
      rules.content.length > 0 ||
      (rules.imageText.length > 0 && cloudProcessing) ||
      rules.faces.length > 0 ||
      rules.all.some((f) => f.matchesEverything && ACTIONS_FOR_EVERY_POST.includes(f.filter.action));
    for (const [id, verdict] of this.verdicts) if (verdict !== 'shown') this.verdicts.delete(id);
    this.waiting.clear();
    this.answers.clear();
    this.judged = new WeakMap();
    this.reporter.resetVerdicts();
  }

  /** The text checks the filters use (to have their models loaded before the first post needs them). */
  textChecksInUse(): string[] {
    return this.judge.rules.textChecks.map(({ check }) => check.id);
  }

  /** Whether some filter would expire by `now` (the page is then judged again). */
  expiresBy(now: number): boolean {
    return this.judge.rules.all.some((f) => f.filter.expiresAt !== undefined && f.filter.expiresAt <= now);
  }

  /**
   * Judges a post read from an element; true when it was judged, false when the element had
   * been judged as the same post with the same content (nothing to do).
   */
  process(post: FeedPost<E, I>): boolean {
    const { element } = post;
    const previous = this.judged.get(element);
    const images = this.imagesMatter ? post.images : null;
    if (previous?.id === post.id && (this.waiting.has(post.id) || this.view.isMarked(element))) {
      if (sameContent(previous, post.text, images) && previous.section === post.section) return false;
      // The same post, its text or images filled in after it was first read (a page parsed in
      // pieces, an image inserted as it scrolls near), or a part of the page shown around it
      // later: judged again on the whole post, a few times at most. Images already checked keep
      // their answers (their jobs are not sent again).
      previous.text = post.text;
      previous.images = images;
      previous.section = post.section;
      if (previous.rejudged >= MAX_REJUDGES || this.verdicts.get(post.id) === 'shown') return false;
      previous.rejudged++;
      this.verdicts.delete(post.id);
      this.waiting.delete(post.id);
      this.answers.delete(post.id);
      this.view.forget(element);
    } else {
      // A recycled element now showing another post is cleared first.
      if (previous) this.view.forget(element);
      this.judged.set(element, {
        id: post.id,
        text: post.text,
        images,
        rejudged: 0,
        section: post.section,
        author: post.author,
      });
    }
    this.reporter.postSeen(post.id, post);
    const known = this.verdicts.get(post.id);
    if (known === 'shown') this.view.show(element);
    else if (known !== undefined) this.apply(post.id, element, known);
    else {
      const waiting = this.waiting.get(post.id);
      // The same post in another element (a re-render) while its checks are out: it gets the
      // verdict when they answer.
      if (waiting) waiting.elements.push(element);
      else this.judgeNew(post);
    }
    if (this.cloud && this.judge.rules.imageText.length > 0)
      for (const image of post.images) void this.readImageText(post, image);
    if (this.judge.rules.faces.length > 0 && this.judge.blursFaces(post))
      for (const image of post.images) this.services.blurFaces(image);
    return true;
  }

  private judgeNew(post: FeedPost<E, I>): void {
    const words = this.judge.wordsVerdict(post);
    const { verdict, pending } = this.judge.judge(post, undefined, words);
    if (pending === 0) {
      this.verdicts.set(post.id, verdict);
      this.apply(post.id, post.element, verdict);
      return;
    }
    // Shown only once the checks have had their say: until then the post has no mark, so the
    // page stylesheet keeps it invisible (within the time budget) as it does every unjudged post.
    const answers: Answers = {};
    this.answers.set(post.id, answers);
    const waiting: Waiting<E, I> = { post, words, answers, pending, elements: [post.element] };
    this.waiting.set(post.id, waiting);
    if (pending & TEXT_CHECK_BITS) this.toCheck.push(waiting);
    if (pending & EXAMPLES_CHECK) this.toCompare.push(waiting);
    if (pending & CONTENT_CHECK) this.toLookAt.push(waiting);
  }

  /** Sends what this scan's posts wait for: one request per kind of check. */
  flush(): void {
    if (this.toCheck.length > 0) void this.checkTexts(this.toCheck);
    if (this.toCompare.length > 0) void this.compareImages(this.toCompare);
    if (this.toLookAt.length > 0) void this.lookAtImages(this.toLookAt);
    this.toCheck = [];
    this.toCompare = [];
    this.toLookAt = [];
  }

  /** The user showed the post: it stays shown until the filters change. */
  shown(id: string): void {
    this.verdicts.set(id, 'shown');
    this.reporter.postRestored(id);
  }

  /** The post an element was last judged as. */
  judgedAs(element: E): string | undefined {
    return this.judged.get(element)?.id;
  }

  private apply(id: string, element: E, verdict: Verdict | null): void {
    const judged = this.judged.get(element);
    this.view.apply(element, verdict, () => this.shown(id), {
      author: judged?.author ?? '',
      text: judged?.text ?? '',
    });
    if (verdict) this.reporter.postModified(id, verdict);
  }

  /** Some of a waiting post's checks answered: its verdict is applied once none is left. */
  private answered(waiting: Waiting<E, I>): void {
    const { post } = waiting;
    if (this.waiting.get(post.id) !== waiting) return;
    const { verdict, pending } = this.judge.judge(post, waiting.answers, waiting.words);
    waiting.pending = pending;
    if (pending !== 0) return;
    this.waiting.delete(post.id);
    this.verdicts.set(post.id, verdict);
    // An element may have been recycled for another post meanwhile: only those still showing
    // this one get its verdict.
    for (const element of waiting.elements)
      if (this.judgedAs(element) === post.id) this.apply(post.id, element, verdict);
  }

  /** Runs the text checks the waiting posts wait on over their texts: one request for all. */
  private async checkTexts(list: Array<Waiting<E, I>>): Promise<void> {
    let asked = 0;
    for (const waiting of list) asked |= waiting.pending;
    const ids = textChecksIn(asked & TEXT_CHECK_BITS).map((check) => check.id);
    let answers: unknown[][] = [];
    try {
      answers = await this.services.checkTexts(
        ids,
        list.map((w) => w.post.text),
      );
    } catch (error) {
      this.reporter.problem(
        t('problem.classifiers', ids.length, { ids: ids.join(' and '), reason: (error as Error).message }),
      );
    }
    this.view.batch(() => {
      list.forEach((waiting, i) => {
        const texts: Record<string, unknown> = { ...waiting.answers.texts };
        ids.forEach((id, c) => {
          texts[id] = answers[c]?.[i] ?? null;
        });
        waiting.answers.texts = texts;
        this.answered(waiting);
      });
    });
  }

  /** Compares the waiting posts' images with the user's example images (hashes, on this device). */
  private async compareImages(list: Array<Waiting<E, I>>): Promise<void> {
    await this.images.hash(list.flatMap((w) => w.post.images));
    this.view.batch(() => {
      for (const waiting of list) {
        waiting.answers.imageHashes = this.images.hashesOf(waiting.post.images);
        this.answered(waiting);
      }
    });
  }

  /** Runs the on-device image models over the waiting posts' images. */
  private async lookAtImages(list: Array<Waiting<E, I>>): Promise<void> {
    const content = this.judge.rules.content;
    await this.images.look(
      list.flatMap((w) => w.post.images),
      { nsfw: content.some((f) => f.nsfw.length > 0), objects: content.some((f) => f.objects.length > 0) },
    );
    this.view.batch(() => {
      for (const waiting of list) {
        waiting.answers.imageViews = this.images.viewsOf(waiting.post.images) as ImageView[];
        this.answered(waiting);
      }
    });
  }

  /** The text inside one of the post's images (cloud processing): its filters may change the verdict. */
  private async readImageText(post: FeedPost<E, I>, image: I): Promise<void> {
    if (this.textRead.has(image)) return;
    this.textRead.add(image);
    let lines: string[];
    try {
      lines = await this.services.readImageText(image);
    } catch (error) {
      this.reporter.problem(t('problem.imageText', { reason: (error as Error).message }));
      return;
    }
    if (lines.length === 0 || this.judgedAs(post.element) !== post.id) return;
    let answers = this.answers.get(post.id);
    if (!answers) {
      answers = {};
      this.answers.set(post.id, answers);
    }
    answers.imageText = [answers.imageText, ...lines].filter(Boolean).join('\n');
    // A post still waiting for other checks takes it into its verdict when they answer.
    if (this.waiting.has(post.id)) return;
    const known = this.verdicts.get(post.id);
    if (known === undefined || known === 'shown') return;
    const { verdict } = this.judge.judge(post, answers);
    if (strengthOf(verdict) > strengthOf(known)) {
      this.verdicts.set(post.id, verdict);
      this.view.batch(() => this.apply(post.id, post.element, verdict));
    }
  }
}

function sameContent<I>(judged: Judged<I>, text: string, images: readonly I[] | null): boolean {
  if (judged.text !== text) return false;
  if (!judged.images || !images) return true;
  return judged.images.length === images.length && judged.images.every((image, i) => image === images[i]);
}
