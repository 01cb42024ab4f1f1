import crypto from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Edge, startEdge } from '../stack/index.ts';
import { repoRoot } from '../stack/paths.ts';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { feedPagesHaveFilters, storedFilters } from './configure.ts';
import { serveHtml } from './feed-pages.ts';
import { type FixtureTweet, xTimelineHtml } from './fixtures/x-timeline.ts';
import { waitFor } from './wait.ts';

/**
 * Teaching Veneer by example, on the real edge: "Hide posts like this" on a post a word filter
 * collapsed makes a learned filter; two more marks teach it, and it then collapses a post that
 * shares no word with the first; "Not this" brings back a post it got wrong, which stays back
 * after a reload; and neither the extension's storage nor the edge's synced copy holds any of the
 * posts' words. A list whose learned model is corrupt is refused with a message; nothing is lost.
 */
let browser: ExtensionBrowser;
let edge: Edge;
const screenshot = (name: string) => path.join(repoRoot, '.tmp/screenshots', name);

/**
 * The fixture alternates X's plain tweet markup (even places) and its quote tweet markup (odd
 * places, each quoting the same real tweet): the posts marked are plain ones, so what the filter
 * learns is their words only.
 */
const TWEETS: FixtureTweet[] = [
  { id: '7001', text: 'Tarantula fangs up close' },
  { id: '7004', text: 'Scorpion sting: venom, pain and what to do' },
  { id: '7002', text: 'Tarantula venom explained' },
  { id: '7005', text: 'Venom movie sequel announced' },
  { id: '7003', text: 'A tarantula bite: the venom and the pain' },
  { id: '7006', text: 'The weather is lovely today' },
];
/** Words of the posts: none may be stored or synced by a learned filter. */
const POST_WORDS =
  /fangs|close|venom|explained|bite|pain|scorpion|sting|movie|sequel|announced|weather|lovely/i;
const WORDS = { id: 'tarantulas', words: 'tarantula', action: 'collapse' };

beforeAll(async () => {
  edge = await startEdge({
    inferenceNodeUrl: 'http://127.0.0.1:9',
    nodeSecret: crypto.randomBytes(24).toString('base64url'),
    tokenSecret: crypto.randomBytes(24).toString('base64url'),
  });
  browser = await launchWithExtension();
  await serveHtml(browser, 'https://x.com/**', () => xTimelineHtml({ first: TWEETS, pages: 0 }));
  await browser.serviceWorker.evaluate(
    async ({ edgeUrl, filters }) => {
      await chrome.storage.local.set({
        'veneer.settings': { cloudProcessing: false, edgeUrl, syncFilters: true },
        'veneer.filters': filters,
      });
    },
    { edgeUrl: edge.url, filters: [WORDS] },
  );
  await feedPagesHaveFilters(browser, [WORDS], false);
});

afterAll(async () => {
  await browser?.close();
  await edge?.stop();
});

async function timeline(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto('https://x.com/home');
  await judged(page);
  return page;
}
const judged = (page: Page) =>
  expect
    .poll(() => page.locator('article[data-veneer-state]').count(), { timeout: 15_000 })
    .toBe(TWEETS.length);

/** Each tweet's action and, where it has one, its notice's text. */
const verdicts = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('article')].map((post) => [
        post.getAttribute('data-fixture-id'),
        post.getAttribute('data-veneer-action'),
      ]),
    ),
  );
/** The notice of a tweet (Veneer puts it just before the post). */
const noticeOf = (page: Page, id: string) =>
  page.locator(`[data-veneer-badge]:has(+ article[data-fixture-id="${id}"])`);

type Stored = Array<{ id: string; learned?: { examples: Array<{ mark: string }> } }>;
const learnedIn = (filters: Stored) => filters.find((f) => f.learned);
const learnedExamples = async () =>
  learnedIn((await storedFilters(browser)) as unknown as Stored)?.learned?.examples.map((e) => e.mark) ?? [];

describe('learned filters', () => {
  it('"Hide posts like this" and two more marks collapse a post sharing no word with the first', async () => {
    let page = await timeline();
    expect(await verdicts(page)).toEqual({
      '7001': 'collapse',
      '7004': null,
      '7002': 'collapse',
      '7005': null,
      '7003': 'collapse',
      '7006': null,
    });
    for (const [id, marks] of [
      ['7001', ['hide']],
      ['7002', ['hide', 'hide']],
      ['7003', ['hide', 'hide', 'hide']],
    ] as const) {
      await noticeOf(page, id).getByRole('button', { name: 'Hide posts like this' }).click();
      await expect.poll(learnedExamples).toEqual(marks);
      await judged(page);
      // From the first post alone, the filter does not take the scorpion post.
      if (id === '7001') expect((await verdicts(page))['7004']).toBeNull();
    }
    await page.close();
    page = await timeline();
    const after = await verdicts(page);
    expect(after['7004']).toBe('collapse');
    expect(after['7006']).toBeNull();
    // The notice says what made it match: the post's words that weighed most, and the score.
    expect(await noticeOf(page, '7004').textContent()).toMatch(
      /collapsed: like posts you marked \((?=.*venom)(?=.*pain)[a-z, ]+; score \d+\.\d\)/,
    );
    await page.screenshot({ path: screenshot('x-learned-notice.png') });
    await page.close();
  });

  it('"Not this" brings a wrong one back, and it stays back after a reload', async () => {
    const page = await timeline();
    expect((await verdicts(page))['7005']).toBe('collapse');
    await noticeOf(page, '7005').getByRole('button', { name: 'Not this' }).click();
    expect((await verdicts(page))['7005']).toBeNull();
    await expect.poll(learnedExamples).toEqual(['hide', 'hide', 'hide', 'not']);
    await page.reload();
    await judged(page);
    const after = await verdicts(page);
    expect(after['7005']).toBeNull();
    expect(after['7004']).toBe('collapse');
    await page.close();
  });

  it("nothing a learned filter stores or syncs holds the posts' words", async () => {
    const local = learnedIn((await storedFilters(browser)) as unknown as Stored)!;
    expect(JSON.stringify(local)).not.toMatch(POST_WORDS);
    const token = await waitFor('the extension to register with the edge', () =>
      browser.serviceWorker.evaluate(async () => {
        const { 'veneer.session': session } = await chrome.storage.local.get('veneer.session');
        return (session?.token as string | undefined) ?? null;
      }),
    );
    const synced = await waitFor('the learned filter with its four marks on the edge', async () => {
      const response = await fetch(`${edge.url}/v1/filters`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const { filters } = (await response.json()) as { filters: Stored };
      const learned = learnedIn(filters);
      return learned?.learned?.examples.length === 4 ? learned : null;
    });
    expect(synced).toEqual(local);
    expect(JSON.stringify(synced)).not.toMatch(POST_WORDS);
  });

  it('a list whose learned model is corrupt is refused with a message; the filters stay as they were', async () => {
    const before = JSON.stringify(await storedFilters(browser));
    const local = learnedIn((await storedFilters(browser)) as unknown as Stored)!;
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect.poll(() => options.locator('#list').textContent()).toContain('learned from 4');
    await options.locator('#json').fill(
      JSON.stringify({
        veneer: 1,
        filters: [{ ...local, id: 'broken', learned: { ...local.learned, weights: 'gA==' } }],
      }),
    );
    await options.getByRole('button', { name: 'Import this JSON' }).click();
    await expect
      .poll(() => options.locator('#form-error').textContent())
      .toMatch(/Nothing was imported: .*the learned filter "broken" cannot be read \(cut short\)/);
    expect(JSON.stringify(await storedFilters(browser))).toBe(before);
    // Reset: back to the one post it was made from.
    await options.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(learnedExamples).toEqual(['hide']);
    await options.close();
  });
});
