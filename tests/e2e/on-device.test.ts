import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../stack/index.ts';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { configureExtension } from './configure.ts';
import { type FixturePost, serveRedditFeed } from './fixtures/reddit-feed.ts';

let stack: Stack;
let browser: ExtensionBrowser;

const posts: FixturePost[] = [
  { id: 't3_face', title: 'Family reunion', image: 'faces/3.jpg', expect: { faces: true } },
  { id: 't3_coffee', title: 'Morning coffee', image: 'images/skimage_coffee.png', expect: { faces: false } },
  { id: 't3_inline', title: 'Inline upload', image: 'data:', expect: { faces: true } },
];
const faces = { id: 'faces', words: '', action: 'blur-faces', enabled: true };

beforeAll(async () => {
  stack = await startStack();
  browser = await launchWithExtension();
  await serveRedditFeed(browser, stack.images.origin, posts);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function nodeJobs(): Promise<number> {
  const response = await fetch(`${stack.node.url}/metrics`).catch(() => null);
  if (!response) return -1;
  const line = (await response.text())
    .split('\n')
    .find((l) => l.startsWith('veneer_jobs_total{type="faces",status="done"}'));
  return line ? Number(line.split(' ').pop()) : 0;
}

/** Opens the feed and waits until every image has been checked; returns faces found per post. */
async function checkFeed(path: string) {
  const page = await browser.context.newPage();
  await page.goto(`https://www.reddit.com${path}`);
  const images = page.locator('[slot="post-media-container"] img');
  await expect
    .poll(
      async () =>
        (await images.evaluateAll((all) => all.map((i) => i.getAttribute('data-veneer-faces')))).join(','),
      {
        timeout: 60_000,
      },
    )
    .toMatch(/^\d+,\d+,\d+$/);
  const found: Record<string, number> = {};
  for (const { id } of posts) {
    found[id] = Number(
      await page.locator(`#${id} [slot="post-media-container"] img`).getAttribute('data-veneer-faces'),
    );
    expect(await page.locator(`#${id} [data-veneer-face]`).count()).toBe(found[id]);
  }
  await page.close();
  return found;
}

async function popupNotice(): Promise<string> {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await expect.poll(() => popup.locator('#notice').textContent()).not.toBe('');
  const text = (await popup.locator('#notice').textContent()) ?? '';
  await popup.close();
  return text;
}

describe('faces are found on the device when nothing may, or can, leave it', () => {
  it('with cloud processing off, blurs faces with the on-device model and sends nothing to the node', async () => {
    await configureExtension(browser, stack.edge.url, { filters: [faces], cloudProcessing: false });
    const found = await checkFeed('/r/private/');
    expect(found.t3_face).toBeGreaterThanOrEqual(3);
    expect(found.t3_inline).toBeGreaterThanOrEqual(1);
    expect(found.t3_coffee).toBe(0);
    expect(await nodeJobs()).toBe(0);
    expect(await popupNotice()).toMatch(/checked on this device only/);
  });

  it('with cloud processing on but no inference node reachable, falls back to the device and says so', async () => {
    await stack.node.stop();
    await browser.serviceWorker.evaluate(async (edgeUrl) => {
      await chrome.storage.local.set({ 'veneer.settings': { cloudProcessing: true, edgeUrl } });
    }, stack.edge.url);
    const found = await checkFeed('/r/fallback/');
    expect(found.t3_face).toBeGreaterThanOrEqual(3);
    expect(found.t3_coffee).toBe(0);
    expect(await popupNotice()).toMatch(/server is unavailable, so images are checked on this device/);
  });
});
