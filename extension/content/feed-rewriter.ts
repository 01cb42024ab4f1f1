import {
  type CompiledFilter,
  compileFilters,
  type Filter,
  imageConceptsFor,
  OBJECT_THRESHOLDS,
  SENSITIVITY_THRESHOLDS,
  TEXT_CLASSIFIERS,
  type TextClassifier,
} from '@veneer/shared/filters/matching';
import { isSimilar } from '@veneer/shared/images';
import type { CocoLabel, NsfwClass } from '@veneer/shared/models';
import { browser } from 'wxt/browser';
import {
  FEED_CONFIG_STORAGE_KEY,
  type FeedConfig,
  isCurrentFeedConfig,
  readFeedConfig,
} from '../lib/feed-config.ts';
import type {
  AnalyzeFacesRequest,
  AnalyzeFacesResponse,
  ClassifyTextRequest,
  ClassifyTextResponse,
  ContentRequest,
  ImageHashRequest,
  ImageHashResponse,
  JobFrameMessage,
  NsfwImagesRequest,
  NsfwImagesResponse,
  ObjectsImagesRequest,
  ObjectsImagesResponse,
  PageReportMessage,
  PreviewResponse,
  ReadImageTextRequest,
} from '../lib/messages.ts';
import type { SiteAdapter, SitePost } from './adapters/site-adapter.ts';
import { BackgroundChannel } from './background-channel.ts';
import { FeedStats } from './feed-stats.ts';
import { imageRefFor } from './image-source.ts';
import { PageReporter } from './page-report.ts';
import { blurFaces, FACES_ATTRIBUTE, markFailed, markPending, showProgress } from './rewrite/face-blur.ts';
import {
  ACTION_STRENGTH,
  clearModification,
  modifyPost,
  noticeChanges,
  type PostAction,
  showOriginal,
} from './rewrite/modify.ts';
import { DEFAULT_BUDGET_MS, installPageStyle } from './rewrite/page-style.ts';
import { ACTION_ATTRIBUTE, STATE_ATTRIBUTE, setState, stateOf } from './rewrite/post-state.ts';
import {
  classifierStrengths,
  classifierVerdict,
  hasText,
  imageTextFilters,
  postFilters,
  type Verdict,
  wordsVerdict,
} from './verdict.ts';

/**
 * The on-device checks a post can wait for, one bit each (a post's checks are one number, not a
 * set per post): each text classifier, the comparison with the user's example images, and the
 * image model.
 */
const classifierBit = (task: TextClassifier) => 1 << TEXT_CLASSIFIERS.indexOf(task);
const IMAGES = 1 << TEXT_CLASSIFIERS.length;
const CONTENT = IMAGES << 1;
const CLASSIFIERS = IMAGES - 1;

/** How often one element is judged again because its text or images filled in later. */
const MAX_REJUDGES = 5;

/**
 * What a post element was judged as: the post's id, the content it was judged on (its text, and
 * its image elements when any check looks at images), and how often it was judged again.
 */
interface Judged {
  id: string;
  text: string;
  images: readonly HTMLImageElement[] | null;
  rejudged: number;
}

function sameContent(judged: Judged, post: SitePost): boolean {
  if (judged.text !== post.text) return false;
  if (!judged.images) return true;
  const images = post.images;
  return judged.images.length === images.length && judged.images.every((image, i) => image === images[i]);
}

export interface FeedRewriterOptions {
  /** Longest time a new post stays invisible while waiting for its verdict. */
  budgetMs?: number;
}

/**
 * The rewrite engine for one page. Started at document_start: the page stylesheet keeps new
 * posts invisible until judged (at most `budgetMs`). One MutationObserver collects the posts
 * that were added or changed, and they are judged once per animation frame, so the work per post
 * stays the same however long the feed grows. A post is judged once per id: a re-render (or a
 * recycled element showing the same post) gets the remembered verdict, and a post the user chose
 * to show stays shown. Only when a post's own text or images change under the same id (arriving
 * after the element: a page parsed in pieces, a lazily inserted image) is it judged again.
 */
export function startFeedRewriter(
  adapter: SiteAdapter,
  { budgetMs = DEFAULT_BUDGET_MS }: FeedRewriterOptions = {},
) {
  let removeStyle: (() => void) | null = installPageStyle(adapter.postSelector, budgetMs);
  let enabled = true;
  let ready = false;
  let filters: CompiledFilter[] = [];
  let wholePostFilters: CompiledFilter[] = [];
  /** Filters that look in the text inside images, and whether images may be sent to be read. */
  let imageFilters: CompiledFilter[] = [];
  let cloudProcessing = false;
  /**
   * Whether any check looks at posts' images (example images, image content, text in images, face
   * blurring, filters that take every image): when none does, they are never looked up.
   */
  let imagesMatter = false;
  /** The config the page was last judged with. */
  let current: FeedConfig | null = null;
  const textRead = new WeakSet<HTMLImageElement>();
  const awaitingText = new Map<string, SitePost>();
  /** What each element was judged as (one entry per element: a feed judges thousands). */
  let judged = new WeakMap<HTMLElement, Judged>();
  const judgedAs = (element: HTMLElement) => judged.get(element)?.id;
  /** Verdicts by post id: null for "nothing matched", "shown" for posts the user revealed. */
  const verdicts = new Map<string, Verdict | null | 'shown'>();
  const dirty = new Set<HTMLElement>();
  let scanQueued = false;
  const awaiting = new Map<string, HTMLImageElement>();
  /** Posts waiting for on-device checks, sent as one batch per kind per frame. */
  let toClassify: SitePost[] = [];
  let toCompare: SitePost[] = [];
  let toLookAt: SitePost[] = [];
  /**
   * What a post may wait for, worked out once per filter list: each classifier's bit and the
   * strongest action of its filters, and the strongest action of the example-image and
   * image-content filters (-1 for none). A check is waited for only when its action could be
   * stronger than the words' verdict.
   */
  let classifierWaits: Array<{ bit: number; action: number }> = [];
  let examplesStrength = -1;
  let contentStrength = -1;
  /** The filters that blur faces in a post's images when its words match (or always). */
  let faceFilters: CompiledFilter[] = [];
  /** Filters with example images, strongest first, and the hashes of images seen, by address. */
  let exampleFilters: CompiledFilter[] = [];
  const hashes = new Map<string, string | null>();
  /** Filters on what images show, with the model classes their words name; what the model saw, by address. */
  let contentFilters: Array<{ filter: CompiledFilter; classes: NsfwClass[]; objects: CocoLabel[] }> = [];
  const seen = new Map<
    string,
    { scores: Record<NsfwClass, number> | null; objects: Array<{ label: string; score: number }> | null }
  >();

  const stats = new FeedStats();
  const channel = new BackgroundChannel();
  const reporter = new PageReporter(adapter, (report) => {
    const message: PageReportMessage = { type: 'veneer:page-report', report };
    channel.notify(message);
  });

  const queueScan = () => {
    if (scanQueued) return;
    scanQueued = true;
    requestAnimationFrame(scan);
  };

  function scan(): void {
    scanQueued = false;
    reporter.checkNavigation();
    if (!ready) return;
    const started = performance.now();
    const notices = noticeChanges();
    let judged = 0;
    for (const element of dirty) if (element.isConnected && process(element)) judged++;
    dirty.clear();
    dropOwnNotices(notices);
    if (toClassify.length > 0) {
      void classify(toClassify);
      toClassify = [];
    }
    if (toCompare.length > 0) {
      void compareImages(toCompare);
      toCompare = [];
    }
    if (toLookAt.length > 0) {
      void lookAtImages(toLookAt);
      toLookAt = [];
    }
    stats.scan(performance.now() - started, judged);
  }

  /** Reads and judges one post element; true when it was judged (not just re-read unchanged). */
  function process(element: HTMLElement): boolean {
    const post = adapter.readPost(element);
    if (!post) {
      // Not (yet) a post Veneer can read: shown as it is, read again when it changes.
      if (!stateOf(element)) setState(element, 'clear');
      return false;
    }
    const previous = judged.get(element);
    const images = imagesMatter ? post.images : null;
    // Judged already: waiting for its models (no mark yet), or marked.
    if (previous?.id === post.id && (pendingModels.has(post.id) || stateOf(element))) {
      if (sameContent(previous, post)) return false;
      // The same post, its text or images filled in after it was first read (a page parsed in
      // pieces, data bound after the element was inserted, an image inserted as it scrolls near):
      // judged again on the full post, a few times at most. Images already checked keep their
      // results (face blurs stay; their jobs are not sent again).
      previous.text = post.text;
      previous.images = images;
      if (previous.rejudged >= MAX_REJUDGES || verdicts.get(post.id) === 'shown') return false;
      previous.rejudged++;
      verdicts.delete(post.id);
      pendingModels.delete(post.id);
      clearModification(element);
      element.removeAttribute(STATE_ATTRIBUTE);
    } else {
      if (previous) {
        // A recycled element now showing another post.
        clearModification(element);
        element.removeAttribute(STATE_ATTRIBUTE);
      }
      judged.set(element, { id: post.id, text: post.text, images, rejudged: 0 });
    }
    reporter.postSeen(post.id);
    if (!enabled) {
      setState(element, 'clear');
      return true;
    }
    const known = verdicts.get(post.id);
    if (known === 'shown') {
      setState(element, 'shown');
      return true;
    }
    const pending = known === undefined ? pendingModels.get(post.id) : undefined;
    if (known !== undefined) {
      apply(post, known);
    } else if (pending) {
      // The same post in another element (a re-render) while its models are still out: it gets
      // the verdict when they answer, with the element they were asked about.
      pending.posts.push(post);
    } else {
      const verdict = wordsVerdict(wholePostFilters, post);
      const waiting = checksToWaitFor(post, verdict);
      if (waiting) {
        // Shown with the words' verdict only once the models have had their say. Until then the
        // post has no mark, so the page stylesheet keeps it invisible (within the time budget) as
        // it does every unjudged post: one attribute write per post, not two.
        if (waiting & CLASSIFIERS) toClassify.push(post);
        if (waiting & IMAGES) toCompare.push(post);
        if (waiting & CONTENT) toLookAt.push(post);
        pendingModels.set(post.id, { verdict, waiting, posts: [post] });
      } else {
        verdicts.set(post.id, verdict);
        apply(post, verdict);
      }
    }
    if (imageFilters.length > 0 && cloudProcessing)
      for (const image of post.images) void readImageText(post, image);
    if (
      faceFilters.length > 0 &&
      faceFilters.some((f) => f.matchesEverything || (post.text && f.match(post.text)))
    )
      for (const image of post.images) void analyze(image);
    return true;
  }

  /**
   * The on-device checks whose answer could still change the words' verdict on the post (a
   * classifier, the example images, the image model with a stronger action), as bits; 0 for none.
   */
  function checksToWaitFor(post: SitePost, verdict: Verdict | null): number {
    const floor = verdict ? strength(verdict) : -1;
    let waiting = 0;
    if (classifierWaits.length > 0 && hasText(post.text))
      for (const { bit, action } of classifierWaits) if (action > floor) waiting |= bit;
    if ((examplesStrength > floor || contentStrength > floor) && post.images.length > 0) {
      if (examplesStrength > floor) waiting |= IMAGES;
      if (contentStrength > floor) waiting |= CONTENT;
    }
    return waiting;
  }

  /**
   * Posts waiting for models, by id: the best verdict so far, the checks still to answer, and
   * every element that showed the post meanwhile.
   */
  const pendingModels = new Map<string, { verdict: Verdict | null; waiting: number; posts: SitePost[] }>();

  /** Some checks (bits) answered for a post, with their verdict: applied once all have answered. */
  function settle(post: SitePost, checks: number, candidate: Verdict | null): void {
    const pending = pendingModels.get(post.id);
    if (!pending) return;
    if (candidate && (!pending.verdict || strength(candidate) > strength(pending.verdict)))
      pending.verdict = candidate;
    pending.waiting &= ~checks;
    if (pending.waiting !== 0) return;
    pendingModels.delete(post.id);
    verdicts.set(post.id, pending.verdict);
    // An element may have been recycled for another post meanwhile: applied only to those that
    // still show this one.
    for (const shown of pending.posts) if (judgedAs(shown.element) === post.id) apply(shown, pending.verdict);
  }

  /** Runs the on-device image model over the posts' images, for filters on what images show. */
  async function lookAtImages(posts: SitePost[]): Promise<void> {
    const images = [...new Set(posts.flatMap((p) => p.images))];
    const wantsNsfw = contentFilters.some((f) => f.classes.length > 0);
    const wantsObjects = contentFilters.some((f) => f.objects.length > 0);
    const missing = images.filter((image) => !seen.has(image.currentSrc || image.src));
    if (missing.length > 0) {
      const refs = await Promise.all(missing.map((image) => imageRefFor(image, 2000).catch(() => null)));
      const readable = missing.filter((_, i) => refs[i]);
      const list = refs.filter((r) => r !== null);
      const failed = (error: Error) => ({ ok: false as const, message: error.message });
      const [nsfw, objects] = await Promise.all([
        wantsNsfw
          ? channel
              .request<NsfwImagesResponse>({
                type: 'veneer:nsfw-images',
                images: list,
              } satisfies NsfwImagesRequest)
              .catch(failed)
          : null,
        wantsObjects
          ? channel
              .request<ObjectsImagesResponse>({
                type: 'veneer:objects-images',
                images: list,
              } satisfies ObjectsImagesRequest)
              .catch(failed)
          : null,
      ]);
      if (nsfw && !nsfw.ok) reporter.problem(`The on-device image model could not run: ${nsfw.message}`);
      if (objects && !objects.ok)
        reporter.problem(`The on-device object detector could not run: ${objects.message}`);
      readable.forEach((image, i) => {
        seen.set(image.currentSrc || image.src, {
          scores: nsfw?.ok ? (nsfw.scores[i] ?? null) : null,
          objects: objects?.ok ? (objects.objects[i] ?? null) : null,
        });
      });
    }
    for (const post of posts) {
      const views = post.images
        .map((image) => seen.get(image.currentSrc || image.src))
        .filter((v) => v != null);
      const match = contentFilters.find(({ filter, classes, objects }) => {
        const floor = SENSITIVITY_THRESHOLDS[filter.filter.sensitivity];
        return views.some(
          (view) =>
            (classes.length > 0 &&
              view.scores &&
              classes.reduce((sum, c) => sum + view.scores![c], 0) >= floor) ||
            view.objects?.some(
              (o) =>
                objects.includes(o.label as CocoLabel) &&
                o.score >= OBJECT_THRESHOLDS[filter.filter.sensitivity],
            ),
        );
      });
      settle(
        post,
        CONTENT,
        match
          ? {
              action: match.filter.filter.action as PostAction,
              reason: `${match.filter.label} (in an image)`,
              filterId: match.filter.filter.id,
            }
          : null,
      );
    }
  }

  /** Compares the posts' images with the user's example images (perceptual hashes, on this device). */
  async function compareImages(posts: SitePost[]): Promise<void> {
    const images = [...new Set(posts.flatMap((p) => p.images))];
    const missing = images.filter((image) => !hashes.has(image.currentSrc || image.src));
    if (missing.length > 0) {
      const refs = await Promise.all(missing.map((image) => imageRefFor(image, 2000).catch(() => null)));
      const readable = missing.filter((_, i) => refs[i]);
      const request: ImageHashRequest = { type: 'veneer:image-hash', images: refs.filter((r) => r !== null) };
      const response = await channel.request<ImageHashResponse>(request).catch((error: Error) => ({
        ok: false as const,
        message: error.message,
      }));
      if (!response.ok)
        reporter.problem(`Images could not be compared with your examples: ${response.message}`);
      readable.forEach((image, i) => {
        hashes.set(image.currentSrc || image.src, response.ok ? (response.hashes[i] ?? null) : null);
      });
    }
    for (const post of posts) {
      const postHashes = post.images
        .map((image) => hashes.get(image.currentSrc || image.src))
        .filter(Boolean) as string[];
      const match = exampleFilters.find((f) =>
        f.filter.imageExamples.some((example) => postHashes.some((hash) => isSimilar(hash, example.hash))),
      );
      settle(
        post,
        IMAGES,
        match
          ? { action: match.filter.action as PostAction, reason: match.label, filterId: match.filter.id }
          : null,
      );
    }
  }

  function apply(post: SitePost, verdict: Verdict | null): void {
    if (!verdict) {
      clearModification(post.element);
      setState(post.element, 'clear');
      return;
    }
    modifyPost(post.element, verdict.action, verdict.reason, adapter.placement, () => {
      verdicts.set(post.id, 'shown');
      reporter.postRestored(post.id);
      showOriginal(post.element);
    });
    reporter.postModified(post.id, verdict);
  }

  /**
   * Judges post texts with Veneer's own classifiers, on this device: one request for every
   * classifier the posts wait on, each post settled by the ones it waits on.
   */
  async function classify(posts: SitePost[]): Promise<void> {
    let asked = 0;
    for (const post of posts) asked |= pendingModels.get(post.id)?.waiting ?? 0;
    const tasks = TEXT_CLASSIFIERS.filter((task) => asked & classifierBit(task));
    if (tasks.length === 0) return;
    const request: ClassifyTextRequest = {
      type: 'veneer:classify-text',
      tasks,
      texts: posts.map((p) => p.text),
    };
    let response: ClassifyTextResponse | undefined;
    try {
      response = await channel.request<ClassifyTextResponse | undefined>(request);
    } catch (error) {
      response = { ok: false, message: (error as Error).message };
    }
    if (!response?.ok)
      reporter.problem(
        `The ${tasks.join(' and ')} model${tasks.length > 1 ? 's' : ''} could not run: ${response?.message ?? 'no answer'}`,
      );
    const started = performance.now();
    const notices = noticeChanges();
    const probabilities = response?.ok ? response.probabilities : [];
    const bits = tasks.map(classifierBit);
    for (let i = 0; i < posts.length; i++) {
      const post = posts[i]!;
      const waiting = pendingModels.get(post.id)?.waiting ?? 0;
      // The classifiers this post waits on answered together: settled once, with the strongest.
      let answered = 0;
      let best: Verdict | null = null;
      for (let t = 0; t < tasks.length; t++) {
        if (!(waiting & bits[t]!)) continue;
        answered |= bits[t]!;
        const candidate = classifierVerdict(wholePostFilters, tasks[t]!, probabilities[t]?.[i] ?? 0);
        if (candidate && (!best || strength(candidate) > strength(best))) best = candidate;
      }
      if (answered) settle(post, answered, best);
    }
    dropOwnNotices(notices);
    stats.answer(performance.now() - started);
  }
  const strength = (v: Verdict) => ACTION_STRENGTH[v.action];

  /** Asks the inference node for the text inside one of the post's images (cloud processing only). */
  async function readImageText(post: SitePost, image: HTMLImageElement): Promise<void> {
    if (textRead.has(image)) return;
    textRead.add(image);
    const clientRef = crypto.randomUUID();
    awaitingText.set(clientRef, post);
    try {
      const request: ReadImageTextRequest = {
        type: 'veneer:read-image-text',
        clientRef,
        image: await imageRefFor(image),
      };
      const response = await channel.request<AnalyzeFacesResponse>(request);
      if (!response.ok) throw new Error(response.message);
    } catch (error) {
      awaitingText.delete(clientRef);
      reporter.problem(`Text in an image could not be read: ${(error as Error).message}`);
    }
  }

  /** The text read from an image: a filter that looks there may change the post's verdict. */
  function judgeImageText(post: SitePost, lines: string[]): void {
    const known = verdicts.get(post.id);
    if (known === 'shown' || judgedAs(post.element) !== post.id) return;
    const verdict = wordsVerdict(imageFilters, { ...post, text: lines.join('\n') });
    if (!verdict || (known && strength(known) >= strength(verdict))) return;
    const inImage = { ...verdict, reason: `${verdict.reason} (text in image)` };
    if (pendingModels.has(post.id)) {
      const pending = pendingModels.get(post.id)!;
      if (!pending.verdict || strength(pending.verdict) < strength(inImage)) pending.verdict = inImage;
      return;
    }
    verdicts.set(post.id, inImage);
    apply(post, inImage);
  }

  async function analyze(image: HTMLImageElement): Promise<void> {
    if (image.hasAttribute(FACES_ATTRIBUTE)) return;
    markPending(image);
    const clientRef = crypto.randomUUID();
    awaiting.set(clientRef, image);
    try {
      const request: AnalyzeFacesRequest = {
        type: 'veneer:analyze-faces',
        clientRef,
        image: await imageRefFor(image),
      };
      const response = await channel.request<AnalyzeFacesResponse>(request);
      if (!response.ok) throw new Error(response.message);
    } catch (error) {
      awaiting.delete(clientRef);
      markFailed(image, (error as Error).message);
    }
  }

  /** Forgets every verdict and judges the whole page again (posts the user showed stay shown). */
  function rejudgeAll(): void {
    for (const [id, verdict] of verdicts) if (verdict !== 'shown') verdicts.delete(id);
    pendingModels.clear();
    reporter.resetVerdicts();
    judged = new WeakMap();
    for (const element of document.querySelectorAll<HTMLElement>(`[${STATE_ATTRIBUTE}]`)) {
      if (stateOf(element) === 'shown') continue;
      clearModification(element);
      element.removeAttribute(STATE_ATTRIBUTE);
    }
    for (const element of document.querySelectorAll<HTMLElement>(adapter.postSelector)) dirty.add(element);
    queueScan();
  }

  /**
   * Has the classifiers the filters use loaded now (an empty request: no text leaves the page),
   * while the page is still loading, rather than when the first posts wait on them: the first
   * screen of posts is judged sooner, well within the budget that keeps them invisible.
   */
  function warmClassifiers(): void {
    const tasks = classifierStrengths(wholePostFilters).map(({ task }) => task);
    if (tasks.length === 0) return;
    const request: ClassifyTextRequest = { type: 'veneer:classify-text', tasks, texts: [] };
    channel.request(request).catch(() => {
      // Not an error yet: the first real request reports one if the models cannot run.
    });
  }

  /** Judges the page again with `config` (the filters and settings the background validated). */
  function configure(config: FeedConfig): void {
    if (config.problem) reporter.problem(config.problem);
    enabled = !config.disabledHosts.includes(location.hostname);
    reporter.setEnabled(enabled);
    if (!enabled) {
      removeStyle?.();
      removeStyle = null;
    } else if (!removeStyle) {
      removeStyle = installPageStyle(adapter.postSelector, budgetMs);
    }
    current = config;
    filters = enabled ? compileFilters(config.filters, { site: adapter.site }) : [];
    wholePostFilters = postFilters(filters);
    imageFilters = imageTextFilters(filters);
    exampleFilters = wholePostFilters.filter((f) => f.filter.imageExamples.length > 0);
    faceFilters = filters.filter((f) => f.filter.action === 'blur-faces');
    contentFilters = filters
      .filter((f) => f.filter.action !== 'blur-faces' && f.filter.lookIn.includes('image-content'))
      .map((filter) => {
        const { nsfw, objects } = imageConceptsFor(filter.filter.words);
        return { filter, classes: nsfw, objects };
      })
      .filter(({ classes, objects }) => classes.length > 0 || objects.length > 0)
      .sort((a, b) => ACTION_STRENGTH[b.filter.filter.action] - ACTION_STRENGTH[a.filter.filter.action]);
    cloudProcessing = config.cloudProcessing;
    const strongest = (list: CompiledFilter[]) =>
      Math.max(-1, ...list.map((f) => ACTION_STRENGTH[f.filter.action]));
    classifierWaits = classifierStrengths(wholePostFilters).map(({ task, strength }) => ({
      bit: classifierBit(task),
      action: strength,
    }));
    examplesStrength = strongest(exampleFilters);
    contentStrength = strongest(contentFilters.map(({ filter }) => filter));
    warmClassifiers();
    imagesMatter =
      exampleFilters.length > 0 ||
      contentFilters.length > 0 ||
      (imageFilters.length > 0 && cloudProcessing) ||
      faceFilters.length > 0 ||
      filters.some((f) => f.matchesEverything);
    ready = true;
    rejudgeAll();
  }

  function showHidden(): number {
    let count = 0;
    for (const element of document.querySelectorAll<HTMLElement>(`[${ACTION_ATTRIBUTE}="hide"]`)) {
      const id = judgedAs(element);
      if (id) {
        verdicts.set(id, 'shown');
        reporter.postRestored(id);
      }
      showOriginal(element);
      count++;
    }
    return count;
  }

  /** How many of the posts on this page `filter` would change (the options page's live preview). */
  async function previewFilter(filter: Filter): Promise<PreviewResponse> {
    const posts = [...document.querySelectorAll<HTMLElement>(adapter.postSelector)]
      .map((element) => adapter.readPost(element))
      .filter((post): post is SitePost => post !== null);
    const unique = [...new Map(posts.map((p) => [p.id, p])).values()];
    const compiled = compileFilters([filter], { site: adapter.site });
    let matched = 0;
    if (compiled.length > 0) {
      const words = postFilters(compiled);
      const rest: SitePost[] = [];
      for (const post of unique) {
        if (filter.action === 'blur-faces') {
          if (post.images.length && (compiled[0]!.matchesEverything || compiled[0]!.match(post.text)))
            matched++;
        } else if (wordsVerdict(words, post)) matched++;
        else if (filter.classifier && post.text.trim()) rest.push(post);
      }
      if (rest.length > 0 && filter.classifier) {
        const request: ClassifyTextRequest = {
          type: 'veneer:classify-text',
          tasks: [filter.classifier],
          texts: rest.map((p) => p.text),
        };
        const response = await channel.request<ClassifyTextResponse>(request).catch(() => null);
        if (response?.ok) {
          matched += response.probabilities[0]!.filter((p) =>
            classifierVerdict(words, filter.classifier!, p),
          ).length;
        }
      }
    }
    return { host: location.hostname, matched, total: unique.length };
  }

  /**
   * After Veneer changed the page in one go (a scan, a batch of verdicts): when every change
   * queued for the observer is one of the notices it put on or took off (as many as it moved;
   * no page script can run in between), they are dropped unread. Reading them back costs as much
   * as reading the page's own changes and finds nothing to judge; otherwise all are read as usual.
   */
  function dropOwnNotices(noticesBefore: number): void {
    const moved = noticeChanges() - noticesBefore;
    if (moved === 0) return;
    const records = observer.takeRecords();
    if (records.length !== moved) readChanges(records);
  }

  /** Marks the posts around each change dirty (to be read at the next scan) and queues a scan. */
  function readChanges(records: MutationRecord[]): void {
    for (const record of records) {
      const target = record.target instanceof Element ? record.target : record.target.parentElement;
      // Every post around the change (a lockup can sit inside a grid item; both are read again).
      for (let owner = target?.closest<HTMLElement>(adapter.postSelector); owner; ) {
        dirty.add(owner);
        owner = owner.parentElement?.closest<HTMLElement>(adapter.postSelector);
      }
      for (const node of record.addedNodes) {
        if (!(node instanceof HTMLElement)) continue;
        if (node.matches(adapter.postSelector)) dirty.add(node);
        const posts = adapter.postsIn?.(node) ?? node.querySelectorAll<HTMLElement>(adapter.postSelector);
        for (const post of posts) dirty.add(post);
      }
    }
    queueScan();
  }
  const observer = new MutationObserver(readChanges);
  observer.observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['href', 'data-id', 'id', 'permalink', 'thingid'],
  });

  browser.runtime.onMessage.addListener((message: JobFrameMessage | ContentRequest) => {
    if (message?.type === 'veneer:show-hidden') return Promise.resolve({ shown: showHidden() });
    if (message?.type === 'veneer:get-page-report') return Promise.resolve(reporter.report());
    if (message?.type === 'veneer:preview') return previewFilter(message.filter);
    if (message?.type === 'veneer:feed-stats') return Promise.resolve(stats.snapshot());
    if (message?.type !== 'veneer:job-frame') return;
    const textOf = awaitingText.get(message.clientRef);
    if (textOf && (message.frame.kind === 'done' || message.frame.kind === 'failed')) {
      awaitingText.delete(message.clientRef);
      const { frame } = message;
      if (frame.kind === 'done' && frame.result.type === 'ocr') {
        judgeImageText(
          textOf,
          frame.result.lines.map((line) => line.text),
        );
      } else if (frame.kind === 'failed') {
        reporter.problem(`Text in an image could not be read: ${frame.error.message}`);
      }
      return;
    }
    const image = awaiting.get(message.clientRef);
    if (!image) return;
    const { frame } = message;
    if (frame.kind === 'queued' || frame.kind === 'running') {
      showProgress(image, frame.kind === 'running' ? (frame.progress ?? null) : null);
      return;
    }
    awaiting.delete(message.clientRef);
    if (frame.kind === 'done' && frame.result.type === 'faces') blurFaces(image, frame.result);
    else if (frame.kind === 'failed') markFailed(image, frame.error.message);
  });

  browser.storage.onChanged.addListener((changes, area) => {
    const next = area === 'local' ? changes[FEED_CONFIG_STORAGE_KEY]?.newValue : undefined;
    if (isCurrentFeedConfig(next)) configure(next);
  });
  // Filters with an expiry stop applying when it passes, without a reload.
  setInterval(() => {
    if (current && filters.some((f) => f.filter.expiresAt !== undefined && f.filter.expiresAt <= Date.now()))
      configure(current);
  }, 60_000);
  readFeedConfig().then(
    // A change published while the first read was under way is newer: it stays.
    (config) => {
      if (!current) configure(config);
    },
    (error: Error) => reporter.problem(`Veneer could not read your filters: ${error.message}`),
  );
}
