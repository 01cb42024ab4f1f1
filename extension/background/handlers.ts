import type { JobRequest } from '@veneer/shared/protocol';
import { browser } from 'wxt/browser';
import { siteDefinition } from '../content/sites.ts';
import { storedFeedThumbnailUrls } from '../lib/feed-thumbnail-urls.ts';
import { onPermissionsAdded, originPattern } from '../lib/mastodon-hosts.ts';
import { savePageReport } from '../lib/page-reports.ts';
import { loadFilters, loadSettings } from '../lib/storage.ts';
import {
  edgeUrlOf,
  FEED_THUMBNAILS_STORAGE_KEY,
  FeedThumbnailsSchema,
  type Session,
} from '../lib/storage-keys.ts';
import { ensureOffscreenDocument } from '../services/offscreen-models.ts';
import type { OnDeviceModels } from '../services/on-device-models.ts';
import type { CloudAnswer, Status } from '../services/protocol.ts';
import type { Asker, BackgroundHandlers } from '../services/serve-background.ts';
import { alwaysShowAccount } from './accounts.ts';
import { type CloudJobs, CloudUnavailable } from './cloud-jobs.ts';
import { hideImagesLike } from './images-like-this.ts';
import { markPost } from './learning.ts';
import type { PackUpdater } from './packs.ts';
import { share } from './shared-lists.ts';
import type { Subscriptions } from './subscriptions.ts';

export interface HandlerDeps {
  models: OnDeviceModels;
  cloud: CloudJobs;
  packs: Pick<PackUpdater, 'pageReported' | 'state'>;
  lists: Pick<Subscriptions, 'subscribe' | 'unsubscribe' | 'refresh' | 'setFilter'>;
  /** The session with Veneer's server (registering when there is none). */
  ensureSession(): Promise<Session>;
  publishFeedConfig: BackgroundHandlers['feedConfig'];
  status(): Promise<Status>;
}

function routeOf(asker: Asker, clientRef: string) {
  if (asker.tabId === undefined) throw new Error('only a page in a tab can ask for a cloud job');
  return { tabId: asker.tabId, frameId: asker.frameId, clientRef, extensionPage: asker.extensionPage };
}

async function requireCloud(why: string): Promise<void> {
  if (!(await loadSettings()).cloudProcessing) throw new Error(why);
}

/** Every request the background answers (services/protocol.ts), each by the module responsible. */
export function backgroundHandlers({
  models,
  cloud,
  packs,
  lists,
  ensureSession,
  publishFeedConfig,
  status,
}: HandlerDeps): BackgroundHandlers {
  const submit = async (job: JobRequest, asker: Asker, clientRef: string, unavailable: string) => {
    try {
      return { jobId: await cloud.submit(job, routeOf(asker, clientRef)) } satisfies CloudAnswer;
    } catch (error) {
      if (error instanceof CloudUnavailable) throw new Error(`${error.message}: ${unavailable}`);
      throw error;
    }
  };
  return {
    checkTexts: ({ checks, texts }) => models.checkTexts(checks, texts),
    hashImages: ({ images }) => models.hashImages(images),
    nsfwImages: ({ images }) => models.nsfwImages(images),
    detectObjects: ({ images }) => models.detectObjects(images),
    async facesIn({ clientRef, image }, asker) {
      // Nothing leaves the device without cloud processing: the light model runs here.
      if (!(await loadSettings()).cloudProcessing) return { device: await models.detectFaces(image) };
      try {
        return { cloud: { jobId: await cloud.submit({ type: 'faces', image }, routeOf(asker, clientRef)) } };
      } catch (error) {
        if (!(error instanceof CloudUnavailable)) throw error;
        try {
          return { device: await models.detectFaces(image) };
        } catch (local) {
          throw new Error(
            `${error.message}, and this device could not check it: ${(local as Error).message}`,
          );
        }
      }
    },
    async readImageText({ clientRef, image }, asker) {
      await requireCloud('text in images is read only with cloud processing on');
      return submit({ type: 'ocr', image }, asker, clientRef, 'text in images cannot be read now');
    },
    async thumbDeepScore({ clientRef, image, title }, asker) {
      await requireCloud("the deep score runs on Veneer's server: turn on cloud processing to get it");
      return submit({ type: 'thumb', image, title }, asker, clientRef, 'the deep score cannot run now');
    },
    async thumbPrepare() {
      const feedUrls = await storedFeedThumbnailUrls();
      if (import.meta.env.FIREFOX) return { direct: false, feedUrls };
      await ensureOffscreenDocument();
      // A lab is open: its first candidate should not wait for the models to load.
      void models.warmThumbModels().catch(() => undefined);
      return { direct: true, feedUrls };
    },
    async thumbInstantScore({ image, title }) {
      return models.thumbInstantScore(image, title, await storedFeedThumbnailUrls());
    },
    feedConfig: publishFeedConfig,
    async pageReport(report, asker) {
      if (asker.tabId === undefined || asker.frameId !== 0) return;
      await savePageReport(asker.tabId, report);
      await packs.pageReported(asker.tabId, report);
    },
    alwaysShow: (account) => alwaysShowAccount(account),
    markPost: (mark) => markPost(mark),
    subscribeList: ({ url }) => lists.subscribe(url),
    unsubscribeList: ({ url }) => lists.unsubscribe(url),
    refreshLists: () => lists.refresh(),
    setListFilter: ({ url, filterId, on }) => lists.setFilter(url, filterId, on),
    async shareList(request) {
      return share(await ensureSession(), (await loadFilters()).filters, request);
    },
    async reportBreakage({ adapter }) {
      const state = await packs.state(adapter);
      const response = await fetch(new URL('/v1/breakage', edgeUrlOf(await loadSettings())), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          adapter,
          packVersion: state?.current?.version ?? siteDefinition(adapter)?.pack.version ?? 0,
          counts: state?.counts ?? { pages: 0, pagesWithoutPosts: 0, posts: 0, emptyText: 0, emptyAuthor: 0 },
        }),
      }).catch(() => null);
      if (!response?.ok) throw new Error("Veneer's server did not take the report; try again later");
    },
    async feedThumbnails({ urls }) {
      const value = FeedThumbnailsSchema.safeParse({ urls, seenAt: Date.now() });
      if (value.success) await browser.storage.local.set({ [FEED_THUMBNAILS_STORAGE_KEY]: value.data });
    },
    hideImagesLike: ({ srcUrl, pageUrl }) => hideImagesLike(models, srcUrl, pageUrl),
    mastodonEnabled: ({ host }) => onPermissionsAdded([originPattern(host)]),
    status,
  };
}
