import type { FacesResult } from '@veneer/shared/protocol';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OnDeviceModels } from '../services/on-device-models.ts';
import type { Asker } from '../services/serve-background.ts';
import { type CloudJobs, CloudUnavailable } from './cloud-jobs.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));
const { fakeBrowser } = await import('wxt/testing/fake-browser');
const { saveSettings } = await import('../lib/storage.ts');
const { loadPageReport } = await import('../lib/page-reports.ts');
const { backgroundHandlers } = await import('./handlers.ts');

const image = { kind: 'url' as const, url: 'https://i.test/a.jpg' };
const faces: FacesResult = { type: 'faces', model: 'ultraface-rfb-320', width: 10, height: 10, faces: [] };
const tab: Asker = { tabId: 7, frameId: 0, extensionPage: false };

/** Handlers over fake models and a fake cloud that answers `cloudAnswer` (a job id, or an error to throw). */
function setup(cloudAnswer: string | Error = 'job-1') {
  const models = { detectFaces: vi.fn(async () => faces) } as unknown as OnDeviceModels;
  const cloud = {
    onDevice: null,
    submit: vi.fn(async () => {
      if (cloudAnswer instanceof Error) throw cloudAnswer;
      return cloudAnswer;
    }),
  } as unknown as CloudJobs;
  const handlers = backgroundHandlers({
    models,
    cloud,
    packs: { pageReported: vi.fn(async () => {}), state: vi.fn(async () => undefined) },
    lists: {
      subscribe: vi.fn(),
      unsubscribe: vi.fn(),
      refresh: vi.fn(async () => []),
      setFilter: vi.fn(async () => {}),
    },
    ensureSession: vi.fn(async () => ({
      edgeUrl: 'https://edge.test',
      userId: 'u',
      token: 't',
      expiresAt: 0,
    })),
    publishFeedConfig: vi.fn(),
    status: vi.fn(),
  });
  return { handlers, models, cloud };
}

beforeEach(() => fakeBrowser.reset());

describe('background handlers', () => {
  it('faces: on this device with cloud processing off, nothing submitted', async () => {
    const { handlers, cloud } = setup();
    expect(await handlers.facesIn({ clientRef: 'c', image }, tab)).toEqual({ device: faces });
    expect(cloud.submit).not.toHaveBeenCalled();
  });

  it('faces: a cloud job with cloud processing on, routed to the asking tab; the device when no server answers', async () => {
    await saveSettings({ cloudProcessing: true });
    const on = setup();
    expect(await on.handlers.facesIn({ clientRef: 'c', image }, tab)).toEqual({ cloud: { jobId: 'job-1' } });
    expect(on.cloud.submit).toHaveBeenCalledWith(
      { type: 'faces', image },
      { tabId: 7, frameId: 0, clientRef: 'c', extensionPage: false },
    );
    const down = setup(new CloudUnavailable('the server is unavailable'));
    expect(await down.handlers.facesIn({ clientRef: 'c', image }, tab)).toEqual({ device: faces });
  });

  it('faces: says both what failed in the cloud and on the device', async () => {
    await saveSettings({ cloudProcessing: true });
    const { handlers, models } = setup(new CloudUnavailable('the server is unavailable'));
    vi.mocked(models.detectFaces).mockRejectedValueOnce(new Error('no wasm'));
    await expect(handlers.facesIn({ clientRef: 'c', image }, tab)).rejects.toThrow(
      'the server is unavailable, and this device could not check it: no wasm',
    );
  });

  it('text in images and the deep score need cloud processing, and say so', async () => {
    const { handlers } = setup();
    await expect(handlers.readImageText({ clientRef: 'c', image }, tab)).rejects.toThrow(
      'text in images is read only with cloud processing on',
    );
    await expect(handlers.thumbDeepScore({ clientRef: 'c', image, title: 't' }, tab)).rejects.toThrow(
      'turn on cloud processing',
    );
    await saveSettings({ cloudProcessing: true });
    const down = setup(new CloudUnavailable('the server is unavailable'));
    await expect(down.handlers.readImageText({ clientRef: 'c', image }, tab)).rejects.toThrow(
      'the server is unavailable: text in images cannot be read now',
    );
  });

  it('keeps page reports of top frames only, and feed thumbnails only from YouTube’s image host', async () => {
    const { handlers } = setup();
    const report = { site: 'x', url: 'https://x.com/home' } as never;
    await handlers.pageReport(report, { ...tab, frameId: 3 });
    expect(await loadPageReport(7)).toBeNull();
    await handlers.pageReport(report, tab);
    expect(await loadPageReport(7)).toEqual(report);
    await handlers.feedThumbnails({ urls: ['https://evil.test/a.jpg'] }, tab);
    expect((await fakeBrowser.storage.local.get('veneer.thumbs.feed'))['veneer.thumbs.feed']).toBeUndefined();
    await handlers.feedThumbnails({ urls: ['https://i.ytimg.com/vi/a/hq.jpg'] }, tab);
    expect((await fakeBrowser.storage.local.get('veneer.thumbs.feed'))['veneer.thumbs.feed']).toMatchObject({
      urls: ['https://i.ytimg.com/vi/a/hq.jpg'],
    });
  });
});
