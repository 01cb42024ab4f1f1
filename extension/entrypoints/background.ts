import {
  type Filter,
  FilterSchema,
  IMAGES_LIKE_FILTER_ID,
  isFilterActive,
  TEXT_CLASSIFIERS,
} from '@veneer/shared/filters';
import type { FacesResult, ImageRef, JobFrame, JobRequest } from '@veneer/shared/protocol';
import { type Browser, browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { type ChannelAnswer, type ChannelRequest, PAGE_CHANNEL } from '../content/background-channel.ts';
import { imageRefForSource } from '../content/image-source.ts';
import {
  EdgeError,
  getFilters,
  putFilters,
  refreshToken,
  register,
  socketUrl,
  submitJob,
} from '../lib/edge-api.ts';
import { FEED_CONFIG_STORAGE_KEY, type FeedConfig, type FeedConfigRequest } from '../lib/feed-config.ts';
import { createFeedConfigPublisher } from '../lib/feed-config-publisher.ts';
import { storedFeedThumbnailUrls } from '../lib/feed-thumbnail-urls.ts';
import { syncFilters } from '../lib/filter-sync.ts';
import { JobRouter } from '../lib/job-router.ts';
import { onPermissionsAdded, originPattern, syncMastodonRegistration } from '../lib/mastodon-hosts.ts';
import type {
  AnalyzeFacesResponse,
  BackgroundRequest,
  ClassifyTextRequest,
  ClassifyTextResponse,
  HideImagesLikeResponse,
  ImageHashResponse,
  JobFrameMessage,
  LocalClassifyTextRequest,
  LocalFacesRequest,
  LocalFacesResponse,
  LocalImageHashRequest,
  LocalNsfwImagesRequest,
  LocalObjectsImagesRequest,
  LocalThumbInstantRequest,
  LocalThumbWarmRequest,
  NsfwImagesResponse,
  ObjectsImagesResponse,
  ReadImageTextRequest,
  StatusResponse,
  ThumbDeepRequest,
  ThumbInstantRequest,
  ThumbInstantResponse,
  ThumbPrepareResponse,
} from '../lib/messages.ts';
import { forgetPageReport, savePageReport } from '../lib/page-reports.ts';
import { PushSocket } from '../lib/push-socket.ts';
import {
  loadFilters,
  loadPushState,
  loadSession,
  loadSettings,
  loadSyncedFilters,
  saveFilters,
  savePushState,
  saveSession,
  saveSyncedFilters,
} from '../lib/storage.ts';
import {
  edgeUrlOf,
  FEED_THUMBNAILS_STORAGE_KEY,
  FeedThumbnailsSchema,
  FILTERS_STORAGE_KEY,
  SETTINGS_STORAGE_KEY,
  type Session,
  SettingsSchema,
} from '../lib/storage-keys.ts';

export default defineBackground(() => {
  let lastError: string | null = null;
  let sessionPromise: Promise<Session> | null = null;
  let positionTimer: ReturnType<typeof setTimeout> | null = null;

  const router = new JobRouter((route, frame: JobFrame) => {
    const message: JobFrameMessage = { type: 'veneer:job-frame', clientRef: route.clientRef, frame };
    // Extension pages in a tab do not get tabs.sendMessage; they hear runtime messages instead.
    const sent = route.extensionPage
      ? browser.runtime.sendMessage(message)
      : browser.tabs.sendMessage(route.tabId, message, { frameId: route.frameId });
    sent.catch(() => {
      // The tab went away; nothing to show the frame in.
    });
  });
  const socket = new PushSocket({
    onFrame: (frame) => router.route(frame),
    onPosition: (seq) => {
      // Persist the position at most every second; a replayed frame is dropped as a duplicate anyway.
      if (positionTimer) return;
      positionTimer = setTimeout(async () => {
        positionTimer = null;
        const session = await loadSession();
        if (!session) return;
        const state = await loadPushState(`${session.userId}@${session.edgeUrl}`);
        await savePushState({ ...state, lastSeq: Math.max(state.lastSeq, seq) });
      }, 1000);
    },
    onRevoked: () => {
      lastError = 'this install was signed out by the server; registering again';
      void forgetSession().then(connect);
    },
  });

  const TOKEN_REFRESH_MS = 7 * 24 * 3600 * 1000;

  async function forgetSession(): Promise<void> {
    await saveSession(null);
    sessionPromise = null;
  }

  /** The registered user for the configured edge, registering once if there is none yet. */
  function ensureSession(): Promise<Session> {
    sessionPromise ??= (async () => {
      const edgeUrl = edgeUrlOf(await loadSettings());
      const stored = await loadSession();
      const mine = stored?.edgeUrl === edgeUrl ? stored : null;
      const left = mine ? mine.expiresAt * 1000 - Date.now() : 0;
      if (mine && left > TOKEN_REFRESH_MS) return mine;
      // A token with under a week left is renewed while it still works, keeping the user (and
      // their filters and pending results); only a missing or expired one registers anew.
      if (mine && left > 60_000) {
        try {
          const session = { edgeUrl, ...(await refreshToken(edgeUrl, mine.token)) };
          await saveSession(session);
          return session;
        } catch (error) {
          if (!(error instanceof EdgeError) || error.status !== 401) throw error;
        }
      }
      const registered = await register(edgeUrl);
      const session = { edgeUrl, ...registered };
      await saveSession(session);
      return session;
    })().catch((error: unknown) => {
      sessionPromise = null;
      throw error;
    });
    return sessionPromise;
  }

  async function openSocket(session: Session): Promise<void> {
    const owner = `${session.userId}@${session.edgeUrl}`;
    const push = await loadPushState(owner);
    socket.connect(
      owner,
      (after) => socketUrl(session.edgeUrl, session.token, push.sessionId, after),
      push.lastSeq,
    );
  }

  /** Set while sync writes the local list, so that write does not trigger another sync. */
  let writingFilters = false;
  let syncTimer: ReturnType<typeof setTimeout> | null = null;

  async function syncFilterList(): Promise<void> {
    if (!(await loadSettings()).syncFilters) return;
    const session = await ensureSession();
    const owner = `${session.userId}@${session.edgeUrl}`;
    await syncFilters(
      {
        get: () => getFilters(session.edgeUrl, session.token),
        put: (version, filters) => putFilters(session.edgeUrl, session.token, version, filters),
      },
      {
        local: async () => (await loadFilters()).filters,
        setLocal: async (filters) => {
          writingFilters = true;
          try {
            await saveFilters(filters);
          } finally {
            writingFilters = false;
          }
        },
        base: () => loadSyncedFilters(owner),
        setBase: (synced) => saveSyncedFilters(owner, synced),
      },
    ).catch((error: Error) => {
      lastError = `filter sync: ${error.message}`;
    });
  }

  function scheduleSync(): void {
    if (syncTimer) clearTimeout(syncTimer);
    syncTimer = setTimeout(() => {
      syncTimer = null;
      void syncFilterList();
    }, 1000);
  }

  async function connect(): Promise<void> {
    try {
      await openSocket(await ensureSession());
      void syncFilterList();
      lastError = null;
    } catch (error) {
      lastError = (error as Error).message;
      setTimeout(() => void connect(), 15_000);
    }
  }

  /** Why images are being checked on this device right now (shown in the popup), or null. */
  let onDevice: string | null = null;
  let offscreenReady: Promise<void> | null = null;

  /** Chrome runs the on-device models in an offscreen document (a service worker cannot load them). */
  function ensureOffscreenDocument(): Promise<void> {
    offscreenReady ??= (async () => {
      const url = browser.runtime.getURL('/offscreen.html');
      const existing = await browser.runtime.getContexts({
        contextTypes: ['OFFSCREEN_DOCUMENT'],
        documentUrls: [url],
      });
      if (existing.length > 0) return;
      await browser.offscreen.createDocument({
        url,
        reasons: ['WORKERS'],
        justification: "Runs Veneer's image models on this device",
      });
    })().catch((error: unknown) => {
      offscreenReady = null;
      throw error;
    });
    return offscreenReady;
  }

  async function detectOnDevice(image: ImageRef): Promise<FacesResult> {
    if (import.meta.env.FIREFOX) {
      const { detectFacesLocally } = await import('../lib/local-faces.ts');
      return detectFacesLocally(image);
    }
    await ensureOffscreenDocument();
    const request: LocalFacesRequest = { type: 'veneer:local-faces', image };
    const response = (await browser.runtime.sendMessage(request)) as LocalFacesResponse | undefined;
    if (!response) throw new Error('the on-device model did not answer');
    if (!response.ok) throw new Error(response.message);
    return response.result;
  }

  /** Perceptual hashes of images, always on this device (nothing is sent for "images like this"). */
  async function hashImages(images: ImageRef[]): Promise<ImageHashResponse> {
    try {
      if (import.meta.env.FIREFOX) {
        const { hashImagesLocally } = await import('../lib/local-image-hash.ts');
        return { ok: true, hashes: await hashImagesLocally(images) };
      }
      await ensureOffscreenDocument();
      const local: LocalImageHashRequest = { type: 'veneer:local-image-hash', images };
      const response = (await browser.runtime.sendMessage(local)) as ImageHashResponse | undefined;
      return response ?? { ok: false, message: 'the on-device image hasher did not answer' };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }

  /** What the on-device image model sees in each image (nsfwjs's classifier); nothing is sent. */
  async function classifyImages(images: ImageRef[]): Promise<NsfwImagesResponse> {
    try {
      if (import.meta.env.FIREFOX) {
        const { classifyImagesLocally } = await import('../lib/local-nsfw.ts');
        return { ok: true, scores: await classifyImagesLocally(images) };
      }
      await ensureOffscreenDocument();
      const local: LocalNsfwImagesRequest = { type: 'veneer:local-nsfw-images', images };
      const response = (await browser.runtime.sendMessage(local)) as NsfwImagesResponse | undefined;
      return response ?? { ok: false, message: 'the on-device image model did not answer' };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }

  /** COCO objects in each image (Human's CenterNet), on this device; nothing is sent. */
  async function detectObjects(images: ImageRef[]): Promise<ObjectsImagesResponse> {
    try {
      if (import.meta.env.FIREFOX) {
        const { detectObjectsLocally } = await import('../lib/local-objects.ts');
        return { ok: true, objects: await detectObjectsLocally(images) };
      }
      await ensureOffscreenDocument();
      const local: LocalObjectsImagesRequest = { type: 'veneer:local-objects-images', images };
      const response = (await browser.runtime.sendMessage(local)) as ObjectsImagesResponse | undefined;
      return response ?? { ok: false, message: 'the on-device object detector did not answer' };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }

  /** "Hide images like this": the image's hash joins the user's example-image filter (made on first use). */
  async function hideImagesLike(srcUrl: string, pageUrl?: string): Promise<HideImagesLikeResponse> {
    try {
      const hashed = await hashImages([await imageRefForSource(srcUrl)]);
      if (!hashed.ok) throw new Error(hashed.message);
      const hash = hashed.hashes[0];
      if (!hash) throw new Error('the image could not be read');
      const { filters } = await loadFilters();
      const from = pageUrl ? new URL(pageUrl).hostname : undefined;
      const example = { hash, ...(from ? { from } : {}) };
      const existing = filters.find((f) => f.id === IMAGES_LIKE_FILTER_ID);
      const next: Filter[] = existing
        ? filters.map((f) =>
            f.id === IMAGES_LIKE_FILTER_ID && !f.imageExamples.some((e) => e.hash === hash)
              ? { ...f, enabled: true, imageExamples: [...f.imageExamples, example] }
              : f,
          )
        : [
            ...filters,
            FilterSchema.parse({ id: IMAGES_LIKE_FILTER_ID, action: 'collapse', imageExamples: [example] }),
          ];
      await saveFilters(next);
      return { ok: true, filterId: IMAGES_LIKE_FILTER_ID, hash };
    } catch (error) {
      return { ok: false, message: `Veneer could not use this image: ${(error as Error).message}` };
    }
  }

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: 'veneer-hide-images-like',
      title: 'Hide images like this',
      contexts: ['image'],
    });
  });
  browser.contextMenus.onClicked.addListener((info) => {
    if (info.menuItemId === 'veneer-hide-images-like' && info.srcUrl)
      void hideImagesLike(info.srcUrl, info.pageUrl);
  });

  /** Post texts judged by some of Veneer's own classifiers, always on this device. */
  async function classifyText(request: ClassifyTextRequest): Promise<ClassifyTextResponse> {
    try {
      if (import.meta.env.FIREFOX) {
        const { classifyTexts } = await import('../lib/local-text.ts');
        return { ok: true, ...(await classifyTexts(request.tasks, request.texts)) };
      }
      await ensureOffscreenDocument();
      const local: LocalClassifyTextRequest = { ...request, type: 'veneer:local-classify-text' };
      const response = (await browser.runtime.sendMessage(local)) as ClassifyTextResponse | undefined;
      return response ?? { ok: false, message: 'the on-device text model did not answer' };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }

  /** The home-feed thumbnails the YouTube content script last saw (the lab compares with them). */
  async function prepareThumbnailScoring(): Promise<ThumbPrepareResponse> {
    try {
      const feedUrls = await storedFeedThumbnailUrls();
      if (import.meta.env.FIREFOX) return { ok: true, direct: false, feedUrls };
      await ensureOffscreenDocument();
      // A lab is open: its first candidate should not wait for the models to load.
      const warm: LocalThumbWarmRequest = { type: 'veneer:local-thumb-warm' };
      void browser.runtime.sendMessage(warm).catch(() => undefined);
      return { ok: true, direct: true, feedUrls };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }

  /** The thumbnail lab's instant score of one candidate, always on this device. */
  async function scoreThumbnail(request: ThumbInstantRequest): Promise<ThumbInstantResponse> {
    try {
      const feedUrls = await storedFeedThumbnailUrls();
      if (import.meta.env.FIREFOX) {
        const { scoreThumbnailLocally } = await import('../lib/thumb-instant-score.ts');
        return { ok: true, score: await scoreThumbnailLocally(request.image, request.title, feedUrls) };
      }
      await ensureOffscreenDocument();
      const local: LocalThumbInstantRequest = { ...request, type: 'veneer:local-thumb-instant', feedUrls };
      const response = (await browser.runtime.sendMessage(local)) as ThumbInstantResponse | undefined;
      return response ?? { ok: false, message: 'the on-device thumbnail scorer did not answer' };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }

  /** The deep score of a candidate on the inference node: the image leaves the device, so cloud processing only. */
  async function deepScoreThumbnail(
    request: ThumbDeepRequest,
    sender: { tabId: number; frameId: number; extensionPage: boolean },
  ): Promise<AnalyzeFacesResponse> {
    if (!(await loadSettings()).cloudProcessing) {
      return {
        ok: false,
        code: 'cloud_off',
        message: "the deep score runs on Veneer's server: turn on cloud processing to get it",
      };
    }
    return submitForTab(
      { type: 'thumb', image: request.image, title: request.title },
      request,
      sender.tabId,
      sender.frameId,
      async (why) => ({ ok: false, code: 'unavailable', message: `${why}: the deep score cannot run now` }),
      sender.extensionPage,
    );
  }

  /** Checks the image on this device and hands the result to the tab like a pushed frame. */
  async function analyzeOnDevice(
    request: Extract<BackgroundRequest, { type: 'veneer:analyze-faces' }>,
    tabId: number,
    frameId: number,
    why: string,
  ): Promise<AnalyzeFacesResponse> {
    try {
      const result = await detectOnDevice(request.image);
      const jobId = `local:${request.clientRef}`;
      const message: JobFrameMessage = {
        type: 'veneer:job-frame',
        clientRef: request.clientRef,
        frame: { kind: 'done', jobId, result },
      };
      await browser.tabs.sendMessage(tabId, message, { frameId }).catch(() => {});
      return { ok: true, jobId };
    } catch (error) {
      return {
        ok: false,
        code: 'on_device_failed',
        message: `${why}, and this device could not check it: ${(error as Error).message}`,
      };
    }
  }

  async function analyzeFaces(
    request: Extract<BackgroundRequest, { type: 'veneer:analyze-faces' }>,
    tabId: number,
    frameId: number,
  ): Promise<AnalyzeFacesResponse> {
    if (!(await loadSettings()).cloudProcessing) {
      // Nothing leaves the device without cloud processing: the light model runs here.
      return analyzeOnDevice(request, tabId, frameId, 'cloud processing is off');
    }
    return submitForTab({ type: 'faces', image: request.image }, request, tabId, frameId, (why) =>
      analyzeOnDevice(request, tabId, frameId, why),
    );
  }

  /** Text inside an image, read by the inference node: there is no on-device OCR, so cloud processing only. */
  async function readImageText(
    request: ReadImageTextRequest,
    tabId: number,
    frameId: number,
  ): Promise<AnalyzeFacesResponse> {
    if (!(await loadSettings()).cloudProcessing) {
      return {
        ok: false,
        code: 'cloud_off',
        message: 'text in images is read only with cloud processing on',
      };
    }
    return submitForTab({ type: 'ocr', image: request.image }, request, tabId, frameId, async (why) => ({
      ok: false,
      code: 'unavailable',
      message: `${why}: text in images cannot be read now`,
    }));
  }

  /**
   * Submits a job for a tab and routes its pushed frames there; registers again once if the token
   * is refused, and falls back when no server can be reached.
   */
  async function submitForTab(
    job: JobRequest,
    request: { clientRef: string },
    tabId: number,
    frameId: number,
    whenUnavailable: (why: string) => Promise<AnalyzeFacesResponse>,
    extensionPage = false,
  ): Promise<AnalyzeFacesResponse> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const session = await ensureSession();
        await openSocket(session);
        const { jobId } = await submitJob(session.edgeUrl, session.token, job);
        router.track(jobId, { tabId, frameId, clientRef: request.clientRef, extensionPage });
        onDevice = null;
        return { ok: true, jobId };
      } catch (error) {
        if (error instanceof EdgeError && error.status === 401 && attempt === 0) {
          // The token is no longer accepted: register again once.
          await forgetSession();
          continue;
        }
        const edgeError =
          error instanceof EdgeError ? error : new EdgeError(0, 'internal', (error as Error).message);
        lastError = edgeError.message;
        if (edgeError.status === 0 || edgeError.status === 503) {
          onDevice = "Veneer's server is unavailable, so images are checked on this device (lighter model).";
          return whenUnavailable('the server is unavailable');
        }
        return { ok: false, code: edgeError.code, message: edgeError.message };
      }
    }
    return { ok: false, code: 'unauthorized', message: 'the server refused this install' };
  }

  /** The feed content scripts' filters and settings, validated here once (lib/feed-config.ts). */
  const publishFeedConfig = createFeedConfigPublisher({
    loadFilters,
    loadSettings,
    readPublished: async () =>
      (await browser.storage.local.get(FEED_CONFIG_STORAGE_KEY))[FEED_CONFIG_STORAGE_KEY],
    publish: (config) => browser.storage.local.set({ [FEED_CONFIG_STORAGE_KEY]: config }),
  });
  const publishFeedConfigLogged = () =>
    void publishFeedConfig().then(warmClassifiers, (error: Error) => {
      lastError = `Veneer could not pass your filters to its pages: ${error.message}`;
    });

  /**
   * Loads the classifiers the filters use as soon as the background has the filters (when it
   * starts, and when they change), not when a feed first asks: loading them takes a few hundred
   * ms on a slow machine, which the first screen of the first feed of a session would otherwise
   * wait through, invisible. An empty request: no text is involved.
   */
  function warmClassifiers(config: FeedConfig): void {
    const tasks = TEXT_CLASSIFIERS.filter((task) =>
      config.filters.some((filter) => filter.classifier === task && isFilterActive(filter)),
    );
    if (tasks.length > 0) void classifyText({ type: 'veneer:classify-text', tasks, texts: [] });
  }
  publishFeedConfigLogged();

  /** Answers a request from a page or an extension page: a promise of the answer, or undefined for none. */
  function answer(
    message: BackgroundRequest | FeedConfigRequest,
    sender: Browser.runtime.MessageSender,
  ): Promise<unknown> | undefined {
    if (message?.type === 'veneer:feed-config') return publishFeedConfig();
    if (message?.type === 'veneer:analyze-faces' && sender.tab?.id !== undefined) {
      return analyzeFaces(message, sender.tab.id, sender.frameId ?? 0);
    }
    if (message?.type === 'veneer:read-image-text' && sender.tab?.id !== undefined) {
      return readImageText(message, sender.tab.id, sender.frameId ?? 0);
    }
    if (message?.type === 'veneer:classify-text') return classifyText(message);
    if (message?.type === 'veneer:thumb-instant') return scoreThumbnail(message);
    if (message?.type === 'veneer:thumb-prepare') return prepareThumbnailScoring();
    if (message?.type === 'veneer:thumb-deep' && sender.tab?.id !== undefined) {
      const extensionPage = sender.url?.startsWith(browser.runtime.getURL('/' as '/')) ?? false;
      return deepScoreThumbnail(message, {
        tabId: sender.tab.id,
        frameId: sender.frameId ?? 0,
        extensionPage,
      });
    }
    if (message?.type === 'veneer:feed-thumbnails') {
      const value = FeedThumbnailsSchema.safeParse({ urls: message.urls, seenAt: Date.now() });
      if (!value.success) return undefined;
      return browser.storage.local.set({ [FEED_THUMBNAILS_STORAGE_KEY]: value.data }).then(() => undefined);
    }
    if (message?.type === 'veneer:image-hash') return hashImages(message.images);
    if (message?.type === 'veneer:nsfw-images') return classifyImages(message.images);
    if (message?.type === 'veneer:objects-images') return detectObjects(message.images);
    if (message?.type === 'veneer:hide-images-like') return hideImagesLike(message.srcUrl, message.pageUrl);
    if (message?.type === 'veneer:mastodon-enabled') {
      return onPermissionsAdded([originPattern(message.host)]).then(() => undefined);
    }
    if (message?.type === 'veneer:page-report' && sender.tab?.id !== undefined && sender.frameId === 0) {
      return savePageReport(sender.tab.id, message.report).then(() => undefined);
    }
    if (message?.type === 'veneer:status') {
      return (async (): Promise<StatusResponse> => {
        const settings = await loadSettings();
        const session = await loadSession();
        return {
          edgeUrl: edgeUrlOf(settings),
          userId: session?.userId ?? null,
          socket: socket.state,
          lastError,
          cloudProcessing: settings.cloudProcessing,
          onDevice: settings.cloudProcessing
            ? onDevice
            : 'Cloud processing is off: images are checked on this device only.',
        };
      })();
    }
    return undefined;
  }
  browser.runtime.onMessage.addListener(answer);
  // Feed pages send their requests over one port each (content/background-channel.ts).
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PAGE_CHANNEL || !port.sender) return;
    const sender = port.sender;
    port.onMessage.addListener(({ id, message }: ChannelRequest) => {
      const reply = answer(message as BackgroundRequest, sender);
      if (id === 0) return;
      void Promise.resolve(reply)
        .then(
          (value) => ({ id, answer: value }),
          (error: Error) => ({ id, answer: { ok: false, message: error.message } }),
        )
        .then((result: ChannelAnswer) => {
          try {
            port.postMessage(result);
          } catch {
            // The page went away meanwhile.
          }
        });
    });
  });

  browser.permissions.onAdded.addListener(({ origins }) => void onPermissionsAdded(origins ?? []));
  browser.permissions.onRemoved.addListener(() => void syncMastodonRegistration());
  void syncMastodonRegistration();

  browser.tabs.onRemoved.addListener((tabId) => {
    router.forgetTab(tabId);
    void forgetPageReport(tabId);
  });

  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if (changes[FILTERS_STORAGE_KEY] || changes[SETTINGS_STORAGE_KEY]) publishFeedConfigLogged();
    if (changes[FILTERS_STORAGE_KEY] && !writingFilters) scheduleSync();
    const settings = changes[SETTINGS_STORAGE_KEY];
    if (!settings) return;
    const edgeOf = (value: unknown) =>
      edgeUrlOf(SettingsSchema.catch(SettingsSchema.parse({})).parse(value ?? {}));
    if (edgeOf(settings.oldValue) !== edgeOf(settings.newValue)) {
      sessionPromise = null;
      socket.close();
      void connect();
    } else if (SettingsSchema.safeParse(settings.newValue).data?.syncFilters) {
      scheduleSync();
    }
  });

  void connect();
});
