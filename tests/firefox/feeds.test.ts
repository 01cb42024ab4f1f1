import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixturePost, redditFeedHtml } from '../e2e/fixtures/reddit-feed.ts';
import { BADGE_TWEETS, xTimelineHtml } from '../e2e/fixtures/x-timeline.ts';
import { sharpness } from '../e2e/pixels.ts';
import { waitFor } from '../e2e/wait.ts';
import { dataDir, repoRoot } from '../stack/paths.ts';
import { type FirefoxWithExtension, launchFirefoxWithExtension } from './firefox.ts';

/**
 * Veneer in real Firefox (Debian's ESR over WebDriver BiDi), installed as a new user installs it:
 * the welcome page and its starter filters, the on-device clickbait model in the background page
 * on Reddit, filters made from sentences in the options page collapsing, hiding and blurring
 * tweets on X with no frame showing one of them unchanged, "Show original", the popup's sentence
 * box, a filter by kind of post and the author's badge, and "Hide posts like this" teaching a
 * learned filter in Firefox's background page.
 */
let firefox: FirefoxWithExtension;
const screenshot = (name: string) => path.join(repoRoot, '.tmp/screenshots', name);

/**
 * A photo of a family (faces) and one of a coffee cup (none), from ../shared/data, inline (the
 * background page reads an https image itself, past the tab's request interception).
 */
const inline = (file: string) =>
  `data:image/${file.endsWith('.png') ? 'png' : 'jpeg'};base64,${fs.readFileSync(path.join(dataDir, file)).toString('base64')}`;
const FACES: FixturePost[] = [
  { id: 't3_face', title: 'Family reunion', image: inline('faces/3.jpg'), expect: { faces: true } },
  {
    id: 't3_coffee',
    title: 'Morning coffee',
    image: inline('images/skimage_coffee.png'),
    expect: { faces: false },
  },
];

const REDDIT: FixturePost[] = [
  { id: 't3_bait', title: "You Won't Believe What This Dog Did Next", expect: {} },
  { id: 't3_news', title: 'Senate Passes Budget Bill After Long Debate', expect: {} },
];

beforeAll(async () => {
  firefox = await launchFirefoxWithExtension();
});

afterAll(async () => {
  await firefox?.close();
});

const text = (page: Page, selector: string) => page.$eval(selector, (e) => (e.textContent ?? '').trim());

/** Each post's action by its id attribute, once every post `selector` finds has been judged. */
async function judged(page: Page, selector: string, id: string, count: number) {
  await waitFor('every post judged', async () =>
    (await page.$$eval(`${selector}[data-veneer-state]`, (posts) => posts.length)) === count ? true : null,
  );
  return page.$$eval(
    selector,
    (posts, id) =>
      Object.fromEntries(posts.map((p) => [p.getAttribute(id), p.getAttribute('data-veneer-action')])),
    id,
  );
}

/** Adds the filter a sentence makes, in the options page, as a person would. */
async function addFilterSaying(sentence: string): Promise<string> {
  const options = await firefox.extensionPage('/options.html');
  await options.type('#sentence', sentence);
  await options.click('#sentence-form button[type="submit"]');
  const said = await waitFor(
    'the filter card',
    async () => (await text(options, '#sentence-answer')) || null,
  );
  await options.click('#submit');
  await waitFor('the filter in the list', async () =>
    (await text(options, '#sentence-answer')) === '' ? true : null,
  );
  await options.close();
  return said;
}

describe('Veneer in Firefox', () => {
  it('opens its welcome page on install: the privacy promise, and starter filters that go in the list', async () => {
    const { welcome } = firefox;
    expect(await text(welcome, '#promise')).toMatch(
      /^Nothing leaves this device unless you turn on cloud processing/,
    );
    await welcome.click('input[value="starter-clickbait"]');
    await welcome.click('#starters button[type="submit"]');
    expect(await waitFor('the answer', async () => (await text(welcome, '#starters-answer')) || null)).toBe(
      'Done: 1 filter on. Your feeds use it from now on.',
    );
    await welcome.screenshot({ path: screenshot('firefox-welcome.png') });
  });

  it("runs the clickbait model on the device, in the background page: Reddit's clickbait collapsed", async () => {
    const page = await firefox.feedPage({
      'https://www.reddit.com/': () => redditFeedHtml('https://i.redd.it', REDDIT),
    });
    await page.goto('https://www.reddit.com/r/all/');
    expect(await judged(page, 'shreddit-post', 'id', REDDIT.length)).toEqual({
      t3_bait: 'collapse',
      t3_news: null,
    });
    await page.close();
  });

  it('filters made from sentences collapse, hide and blur the right tweets on X; "Show original" shows one', async () => {
    expect(await addFilterSaying('collapse posts about spiders but not spider-man')).toMatch(
      /^Collapse posts about spiders \(not spider-man\) on every site/,
    );
    await addFilterSaying('hide crypto giveaway posts on x');
    await addFilterSaying('blur posts about the season finale for a week');
    const page = await firefox.feedPage({ 'https://x.com/': () => xTimelineHtml({ pages: 0 }) });
    // Before every frame: a tweet these filters change that is on screen unchanged is a flash.
    await page.evaluateOnNewDocument(() => {
      const flashes: string[] = [];
      (window as unknown as { __flashes: string[] }).__flashes = flashes;
      const watched = new Set(['1001', '1003', '1005', '1010']);
      const check = () => {
        for (const post of document.querySelectorAll<HTMLElement>('article')) {
          const id = post.dataset.fixtureId ?? '';
          if (!watched.has(id) || post.hasAttribute('data-veneer-action')) continue;
          const style = getComputedStyle(post);
          if (style.display !== 'none' && style.opacity !== '0') flashes.push(id);
        }
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    await page.goto('https://x.com/home');
    const actions = await judged(page, 'article', 'data-fixture-id', 12);
    expect(await page.evaluate(() => (window as unknown as { __flashes: string[] }).__flashes)).toEqual([]);
    expect(actions).toMatchObject({
      '1001': 'collapse',
      '1002': null,
      '1003': 'hide',
      '1005': 'blur',
      '1009': null,
      '1010': 'collapse',
    });
    await page.screenshot({ path: screenshot('firefox-x.png') });
    await page.click('[data-veneer-badge]:has(+ article[data-fixture-id="1001"]) [data-veneer-do="show"]');
    await waitFor('the tweet shown', async () =>
      (await page.$eval('article[data-fixture-id="1001"]', (a) => a.getAttribute('data-veneer-state'))) ===
      'shown'
        ? true
        : null,
    );
    await page.close();
  });

  it("the popup's sentence box adds a filter", async () => {
    const popup = await firefox.extensionPage('/popup.html');
    await popup.type('#sentence', 'warn me before posts about elections on x');
    await popup.click('#sentence-form button[type="submit"]');
    expect(await waitFor('the card', async () => (await text(popup, '#sentence-answer')) || null)).toMatch(
      /^Warn before posts about elections on X/,
    );
    await popup.click('#sentence-add');
    expect(
      await waitFor('the answer', async () =>
        (await text(popup, '#sentence-answer')).startsWith('Added') ? text(popup, '#sentence-answer') : null,
      ),
    ).toMatch(/^Added\. \d+ filters now\.$/);
    await popup.close();
    const page = await firefox.feedPage({ 'https://x.com/': () => xTimelineHtml({ pages: 0 }) });
    await page.goto('https://x.com/home');
    expect(await judged(page, 'article', 'data-fixture-id', 12)).toMatchObject({
      '1004': 'warn',
      '1012': 'warn',
    });
    await page.close();
  });

  it('"hide replies from blue checks on x": by kind and badge, on X\'s real tweet markup', async () => {
    expect(await addFilterSaying('hide replies from blue checks on x')).toMatch(
      /^Hide reply posts from verified accounts on X/,
    );
    const page = await firefox.feedPage({
      'https://x.com/': () => xTimelineHtml({ first: BADGE_TWEETS, pages: 0 }),
    });
    await page.goto('https://x.com/home');
    // The earlier "hide crypto giveaway posts on x" takes 4103 and 4104 whatever their badge.
    expect(await judged(page, 'article', 'data-fixture-id', BADGE_TWEETS.length)).toEqual({
      '4100': 'hide',
      '4101': null,
      '4102': null,
      '4103': 'hide',
      '4104': 'hide',
    });
    await page.close();
  });

  it("blurs faces with the on-device model in the background page (the welcome page's starter)", async () => {
    const { welcome } = firefox;
    await welcome.click('input[value="starter-faces"]');
    await welcome.$eval('#starters-answer', (answer) => {
      answer.textContent = '';
    });
    await welcome.click('#starters button[type="submit"]');
    expect(
      await waitFor('the starters saved', async () => (await text(welcome, '#starters-answer')) || null),
    ).toMatch(/^Done: \d filters? on/);
    const page = await firefox.feedPage({
      'https://www.reddit.com/': () => redditFeedHtml('https://i.redd.it', FACES),
    });
    await page.goto('https://www.reddit.com/r/pics/');
    const found = await waitFor(
      'every image checked for faces',
      async () => {
        const faces = await page.$$eval('[slot="post-media-container"] img', (images) =>
          images.map((i) => i.getAttribute('data-veneer-faces')),
        );
        return faces.length === 2 && faces.every((f) => f !== null && /^\d+$/.test(f))
          ? faces.map(Number)
          : null;
      },
      60_000,
    );
    expect(found[0]).toBeGreaterThanOrEqual(3);
    expect(found[1]).toBe(0);
    expect(await page.$$eval('#t3_face [data-veneer-face]', (boxes) => boxes.length)).toBe(found[0]);
    await page.screenshot({ path: screenshot('firefox-faces.png') });
    // The blur is drawn: the first face is much less sharp than once it is clicked to show.
    const box = (await page.$('#t3_face [data-veneer-face]'))!;
    const clip = (await box.boundingBox())!;
    const blurred = await sharpness(await page.screenshot({ clip }));
    await box.click();
    await waitFor('the face shown', async () =>
      (await page.$$eval('#t3_face [data-veneer-face]', (boxes) => boxes.length)) === found[0]! - 1
        ? true
        : null,
    );
    expect(await sharpness(await page.screenshot({ clip }))).toBeGreaterThan(blurred * 1.5);
    await page.close();
  });

  it('"Hide posts like this" on a notice makes a learned filter in the background page', async () => {
    const page = await firefox.feedPage({ 'https://x.com/': () => xTimelineHtml({ pages: 0 }) });
    await page.goto('https://x.com/home');
    await judged(page, 'article', 'data-fixture-id', 12);
    await page.click('[data-veneer-badge]:has(+ article[data-fixture-id="1010"]) [data-veneer-do="like"]');
    const options = await firefox.extensionPage('/options.html');
    expect(
      await waitFor('the learned filter in the list', async () => {
        const list = await text(options, '#list');
        return list.includes('like posts you marked: learned from 1') ? list : null;
      }),
    ).toContain('Collapse');
    await options.close();
    await page.close();
  });
});
