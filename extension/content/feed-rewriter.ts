import { type CompiledFilter, compileFilters, type TextClassifier } from '@veneer/shared/filters';
import { browser } from 'wxt/browser';
import type {
  AnalyzeFacesRequest,
  AnalyzeFacesResponse,
  ClassifyTextRequest,
  ClassifyTextResponse,
  JobFrameMessage,
} from '../lib/messages.ts';
import { loadFilters } from '../lib/storage.ts';
import { FILTERS_STORAGE_KEY, SETTINGS_STORAGE_KEY } from '../lib/storage-keys.ts';
import type { SiteAdapter, SitePost } from './adapters/site-adapter.ts';
import { imageRefFor } from './image-source.ts';
import { collapsePost, restorePost, STATE_ATTRIBUTE } from './rewrite/collapse.ts';
import { blurFaces, FACES_ATTRIBUTE, markFailed, markPending, showProgress } from './rewrite/face-blur.ts';

/**
 * The rewrite engine for one page: one MutationObserver, scans batched per animation frame,
 * each post read and judged once (re-renders of a judged post cost nothing), filters compiled
 * once per change of the user's list.
 */
export function startFeedRewriter(adapter: SiteAdapter): void {
  let filters: CompiledFilter[] = [];
  let judged = new WeakSet<HTMLElement>();
  let scanQueued = false;
  const awaiting = new Map<string, HTMLImageElement>();
  /** Posts of this scan waiting for a text classifier, by classifier, sent as one batch each. */
  let toClassify = new Map<TextClassifier, { filter: CompiledFilter; posts: SitePost[] }>();

  const scan = () => {
    scanQueued = false;
    for (const element of document.querySelectorAll<HTMLElement>(adapter.postSelector)) {
      if (judged.has(element)) continue;
      const post = adapter.readPost(element);
      if (!post) continue;
      judged.add(element);
      judge(post);
    }
    const batches = toClassify;
    toClassify = new Map();
    for (const [task, { filter, posts }] of batches) void classify(task, filter, posts);
  };
  const queueScan = () => {
    if (scanQueued) return;
    scanQueued = true;
    requestAnimationFrame(scan);
  };

  function judge(post: SitePost): void {
    const userShowedIt = post.element.getAttribute(STATE_ATTRIBUTE) === 'shown';
    let collapsed = false;
    for (const filter of userShowedIt ? [] : filters) {
      if (filter.filter.action !== 'collapse') continue;
      const term = filter.match(post.text);
      if (term) {
        collapsePost(post.element, term);
        collapsed = true;
        break;
      }
    }
    for (const filter of userShowedIt || collapsed ? [] : filters) {
      const task = filter.filter.classifier;
      if (filter.filter.action !== 'collapse' || !task || !post.text.trim()) continue;
      const batch = toClassify.get(task) ?? { filter, posts: [] };
      batch.posts.push(post);
      toClassify.set(task, batch);
    }
    const blur = filters.some(
      (f) => f.filter.action === 'blur-faces' && (f.matchesEverything || f.match(post.text)),
    );
    if (blur) for (const image of post.images) void analyze(image);
  }

  /** Judges post texts with one of Veneer's own classifiers (on this device) and collapses those flagged. */
  async function classify(task: TextClassifier, filter: CompiledFilter, posts: SitePost[]): Promise<void> {
    const request: ClassifyTextRequest = {
      type: 'veneer:classify-text',
      task,
      texts: posts.map((p) => p.text),
    };
    let response: ClassifyTextResponse | undefined;
    try {
      response = (await browser.runtime.sendMessage(request)) as ClassifyTextResponse | undefined;
    } catch (error) {
      response = { ok: false, message: (error as Error).message };
    }
    if (!response?.ok) {
      console.warn(`[Veneer] the ${filter.label} model could not run: ${response?.message ?? 'no answer'}`);
      return;
    }
    response.flagged.forEach((flagged, i) => {
      const element = posts[i]!.element;
      // The user may have shown it, or another filter collapsed it, while the model ran.
      if (flagged && !element.hasAttribute(STATE_ATTRIBUTE)) collapsePost(element, filter.label);
    });
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
      const response = (await browser.runtime.sendMessage(request)) as AnalyzeFacesResponse;
      if (!response.ok) throw new Error(response.message);
    } catch (error) {
      awaiting.delete(clientRef);
      markFailed(image, (error as Error).message);
    }
  }

  browser.runtime.onMessage.addListener((message: JobFrameMessage) => {
    if (message?.type !== 'veneer:job-frame') return;
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

  async function loadAndRescan(): Promise<void> {
    const { filters: list, problem } = await loadFilters();
    if (problem) console.warn(`[Veneer] ${problem}`);
    filters = compileFilters(list);
    // Judge everything again under the new list; posts the user chose to show stay shown.
    for (const element of document.querySelectorAll<HTMLElement>(`[${STATE_ATTRIBUTE}="collapsed"]`)) {
      restorePost(element);
      element.removeAttribute(STATE_ATTRIBUTE);
    }
    judged = new WeakSet();
    queueScan();
  }

  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && (changes[FILTERS_STORAGE_KEY] || changes[SETTINGS_STORAGE_KEY]))
      void loadAndRescan();
  });
  new MutationObserver(queueScan).observe(document.documentElement, { childList: true, subtree: true });
  void loadAndRescan();
}
