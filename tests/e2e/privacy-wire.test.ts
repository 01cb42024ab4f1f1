import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../stack/index.ts';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { configureExtension, feedPagesHaveFilters, storedFilters, useFiltersOnDevice } from './configure.ts';
import { openJudgedFeed, serveHtml } from './feed-pages.ts';
import { POSTS, serveRedditFeed } from './fixtures/reddit-feed.ts';
import { TIMELINE, xTimelineHtml } from './fixtures/x-timeline.ts';
import { HOME, youtubeHomeHtml } from './fixtures/youtube.ts';
import { failOnFoundProblems, reportProblems } from './privacy-guard.ts';
import { startWireRecorder, type WireRecorder } from './wire-recorder.ts';

/**
 * Privacy on the wire: everything the browser sends Veneer's server passes a recorder in front of
 * it (tests/e2e/wire-recorder.ts, WebSocket frames unmasked), and every request the browser makes
 * is seen at the context. With cloud processing off, while the person uses X, Reddit and YouTube
 * with word, model, image and face filters and teaches Veneer ("Hide posts like this", "Not
 * this", "Always show this account"): no byte to the server holds a post's text, an image's
 * address or an image's bytes, and the browser asks no other host. With it on, only what the
 * README says leaves: image addresses in jobs (`POST /v1/jobs`), still never a post's text.
 */
let stack: Stack;
let recorder: WireRecorder;
let browser: ExtensionBrowser;
const browserRequests: Request[] = [];

/** Every post text of the fixtures shown (a shorter one could be a filter's own word). */
const POST_TEXTS = [
  ...TIMELINE.map((t) => t.text),
  ...POSTS.flatMap((p) => [p.title, p.body ?? '']),
  ...HOME.map((v) => v.title),
].filter((text) => text.length >= 14);
/** The image files the pages show (by their file names; the addresses end with them). */
const IMAGE_NAMES = [
  ...new Set(
    [...TIMELINE.map((t) => t.image), ...POSTS.map((p) => p.image)]
      .filter((image): image is string => Boolean(image) && !image!.startsWith('data:'))
      .map((image) => image.split('/').pop()!),
  ),
];

const FILTERS = [
  { id: 'spiders', words: 'spiders', action: 'collapse', enabled: true },
  { id: 'crypto', words: 'crypto giveaway', action: 'hide', enabled: true },
  { id: 'clickbait', words: '', classifier: 'clickbait', action: 'collapse', enabled: true },
  { id: 'faces', words: '', action: 'blur-faces', enabled: true },
  { id: 'hedgehog', words: 'hedgehog', lookIn: ['image-content'], action: 'pixelate', enabled: true },
];

/** What in the recorded traffic is a post's text, an image's file name, or a JPEG or PNG's bytes. */
function leaks(texts: string[]): string[] {
  const found: string[] = [];
  for (const text of texts) {
    for (const post of POST_TEXTS) if (text.includes(post)) found.push(`post text "${post}"`);
    for (const name of IMAGE_NAMES) if (text.includes(name)) found.push(`image address ending ${name}`);
    if (
      text.includes('\ufffd\ufffd\ufffd\ufffdJFIF') ||
      text.includes('JFIF\u0000') ||
      text.includes('\ufffdPNG\r\n')
    )
      found.push('image bytes');
  }
  return [...new Set(found)];
}

/** The host of a request the browser made, unless it is one the test serves or the extension itself. */
const FIXTURE_HOSTS = new Set([
  'x.com',
  'www.reddit.com',
  'www.youtube.com',
  'i.ytimg.com',
  'pbs.twimg.com',
  'i.redd.it',
]);
function foreignHost(request: Request): string | null {
  const url = new URL(request.url());
  if (url.protocol === 'chrome-extension:' || url.protocol === 'data:' || url.protocol === 'blob:')
    return null;
  if (url.hostname === '127.0.0.1' || FIXTURE_HOSTS.has(url.hostname)) return null;
  return url.host;
}

beforeAll(async () => {
  stack = await startStack();
  recorder = await startWireRecorder(stack.edge.port);
  browser = await launchWithExtension();
  browser.context.on('request', (request) => browserRequests.push(request));
  await serveHtml(browser, 'https://x.com/**', () => xTimelineHtml({ pages: 0 }));
  await serveHtml(browser, 'https://www.youtube.com/**', () => youtubeHomeHtml());
  await serveRedditFeed(browser, stack.images.origin, POSTS);
  // Signed in to Veneer's server (through the recorder), filter sync on, cloud processing off.
  await configureExtension(browser, recorder.url, { filters: FILTERS, cloudProcessing: false });
});

afterAll(async () => {
  await browser?.close();
  await recorder?.stop();
  await stack?.stop();
});

describe('privacy on the wire', () => {
  it('cloud processing off: nothing of the posts reaches the server while a person uses and teaches Veneer', async () => {
    const x = await openJudgedFeed(browser, 'https://x.com/home', 'article', TIMELINE.length);
    // Teaching: a learned filter from a post, a "not this", an account always shown.
    const notice = (id: string) => x.locator(`[data-veneer-badge]:has(+ article[data-fixture-id="${id}"])`);
    await notice('1001').getByRole('button', { name: 'Hide posts like this' }).click();
    await expect.poll(async () => (await notice('1010').count()) > 0).toBe(true);
    await notice('1010').getByRole('button', { name: 'Always show this account' }).click();
    await x.close();
    const reddit = await openJudgedFeed(
      browser,
      'https://www.reddit.com/r/pics/',
      'shreddit-post',
      POSTS.length,
    );
    await reddit.waitForTimeout(3000);
    await reddit.close();
    const youtube = await openJudgedFeed(
      browser,
      'https://www.youtube.com/',
      'ytd-rich-item-renderer',
      HOME.length,
    );
    await youtube.close();
    // The synced list (learned filter included) has reached the server by now.
    await expect
      .poll(() => recorder.requestLines().filter((line) => line.startsWith('PUT /v1/filters')).length, {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);

    const sent = recorder.sent();
    expect(sent.join('').length).toBeGreaterThan(0);
    // (The check finds a post's text where there is one.)
    expect(leaks([`{"t":"${TIMELINE[0]!.text}"}`])).toEqual([`post text "${TIMELINE[0]!.text}"`]);
    expect(leaks(sent)).toEqual([]);
    // No job left the device.
    expect(recorder.requestLines().filter((line) => line.includes('/v1/jobs'))).toEqual([]);
    // And the browser asked no host but the sites, their image hosts and Veneer's server.
    expect([...new Set(browserRequests.map(foreignHost).filter(Boolean))]).toEqual([]);
  });

  it('cloud processing on: image addresses go in jobs, as the README says, and post texts still never', async () => {
    const before = recorder.sent().length;
    await browser.serviceWorker.evaluate(async () => {
      const { 'veneer.settings': settings } = await chrome.storage.local.get('veneer.settings');
      await chrome.storage.local.set({ 'veneer.settings': { ...settings, cloudProcessing: true } });
    });
    // The list as it is now (the learned filter added above), with cloud processing on.
    await feedPagesHaveFilters(browser, await storedFilters(browser), true);
    const reddit = await openJudgedFeed(
      browser,
      'https://www.reddit.com/r/aww/',
      'shreddit-post',
      POSTS.length,
    );
    await expect
      .poll(() => recorder.requestLines().filter((line) => line.startsWith('POST /v1/jobs')).length, {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    await reddit.close();
    const sent = recorder.sent().slice(before);
    // Image addresses, in jobs only.
    const jobs = sent.filter((text) => text.includes('POST /v1/jobs'));
    expect(leaks(jobs).some((leak) => leak.startsWith('image address'))).toBe(true);
    expect(leaks(sent.filter((text) => !text.includes('POST /v1/jobs')))).toEqual([]);
    expect(leaks(sent).filter((leak) => !leak.startsWith('image address'))).toEqual([]);
  });

  it('the check that runs in every browser suite names a request that leaks, and fails the suite', async () => {
    const other = await launchWithExtension({
      privacy: { label: 'a browser that leaks on purpose', expectProblems: true },
    });
    try {
      await serveHtml(other, 'https://x.com/**', () => xTimelineHtml({ pages: 0 }));
      await useFiltersOnDevice(other, []);
      const page = await other.context.newPage();
      await page.goto('https://x.com/home');
      await page.locator('article').first().waitFor();
      const text = TIMELINE[0]!.text;
      // What a broken extension would do: send a post's text and a job with cloud processing off,
      // and ask a host no fixture serves.
      await other.serviceWorker.evaluate(
        async ({ edge, text }) => {
          await fetch(`${edge}/v1/breakage`, { method: 'POST', body: JSON.stringify({ text }) }).catch(
            () => {},
          );
          await fetch(`${edge}/v1/jobs`, { method: 'POST', body: '{}' }).catch(() => {});
          await fetch('https://collector.example/', { method: 'POST', body: 'x' }).catch(() => {});
        },
        { edge: stack.edge.url, text },
      );
      await expect
        .poll(() => other.privacy!.problems().length, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(3);
      const problems = other.privacy!.problems().join('\n');
      expect(problems).toContain(
        `POST /v1/breakage HTTP/1.1 to 127.0.0.1:${stack.edge.port} carries a page's text`,
      );
      expect(problems).toContain('a job sent while cloud processing was off');
      expect(problems).toContain('the browser asked collector.example:443');
    } finally {
      await other.close();
    }
    // A browser that does not expect them fails its suite, after the suite's own cleanup.
    reportProblems(['a problem as found']);
    expect(failOnFoundProblems).toThrow(/^privacy on the wire: 1 problem\(s\)\na problem as found$/);
    expect(failOnFoundProblems).not.toThrow();
  });
});
