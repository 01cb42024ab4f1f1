import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDir } from '../stack/index.ts';
import { askExtension } from './ask-extension.ts';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { useFiltersOnDevice } from './configure.ts';
import { type FixturePost, serveRedditFeed } from './fixtures/reddit-feed.ts';

/**
 * "Hide images like this" (the image context menu): the image's perceptual hash, computed on
 * the device, joins an example-image filter, and every post with a near-duplicate image is
 * collapsed, nothing sent anywhere. The native menu cannot be clicked by automation; the test
 * sends the message its click handler sends.
 */
let browser: ExtensionBrowser;
let page: Page;
let original: string;

const dataUrl = (bytes: Buffer, mime: string) => `data:${mime};base64,${bytes.toString('base64')}`;

beforeAll(async () => {
  const hedgehog = fs.readFileSync(path.join(dataDir, 'images/wikimedia_hedgehog.jpg'));
  original = dataUrl(hedgehog, 'image/jpeg');
  const reposted = await sharp(hedgehog).resize(400).jpeg({ quality: 40 }).toBuffer();
  const posts: FixturePost[] = [
    { id: 't3_first', title: 'Look who visited', image: original, expect: {} },
    {
      id: 't3_repost',
      title: 'Repost: look who visited',
      image: dataUrl(reposted, 'image/jpeg'),
      expect: {},
    },
    { id: 't3_frog', title: 'A round frog', image: 'images/wikimedia_frog.jpg', expect: {} },
    { id: 't3_coffee', title: 'Coffee', image: 'images/skimage_coffee.png', expect: {} },
  ].map((p) =>
    p.image.startsWith('data:')
      ? p
      : {
          ...p,
          image: dataUrl(
            fs.readFileSync(path.join(dataDir, p.image)),
            p.image.endsWith('.png') ? 'image/png' : 'image/jpeg',
          ),
        },
  );
  browser = await launchWithExtension();
  await serveRedditFeed(browser, 'https://unused.invalid', posts);
  await useFiltersOnDevice(browser, []);
  page = await browser.context.newPage();
  await page.goto('https://www.reddit.com/r/pics/');
});

afterAll(async () => {
  await browser?.close();
});

const post = (id: string) => page.locator(`shreddit-post#${id}`);

async function hideImagesLike(srcUrl: string) {
  const extensionPage = await browser.context.newPage();
  await extensionPage.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  const response = await askExtension<{ hash: string }>(extensionPage, 'hideImagesLike', {
    srcUrl,
    pageUrl: 'https://www.reddit.com/r/pics/',
  });
  await extensionPage.close();
  return response;
}

describe('Hide images like this', () => {
  it('collapses the post and its re-encoded repost, and no other', async () => {
    await expect.poll(() => page.locator('shreddit-post[data-veneer-state="clear"]').count()).toBe(4);
    const response = await hideImagesLike(original);
    expect(response).toMatchObject({ ok: true, res: { hash: expect.stringMatching(/^[0-9a-f]{16}$/) } });
    await expect.poll(() => post('t3_first').getAttribute('data-veneer-action')).toBe('collapse');
    await expect.poll(() => post('t3_repost').getAttribute('data-veneer-action')).toBe('collapse');
    expect(await post('t3_frog').getAttribute('data-veneer-state')).toBe('clear');
    expect(await post('t3_coffee').getAttribute('data-veneer-state')).toBe('clear');
    const badge = post('t3_repost').locator('xpath=preceding-sibling::*[@data-veneer-badge][1]');
    expect(await badge.textContent()).toBe(
      'Modified by Veneercollapsed: an image like one you hidShow originalHide posts like thisAlways show this account',
    );
  });

  it('keeps one example per image, in one filter the options page lists', async () => {
    await hideImagesLike(original);
    const filters = (await browser.serviceWorker.evaluate(
      async () => (await chrome.storage.local.get('veneer.filters'))['veneer.filters'],
    )) as unknown as Array<{ id: string; imageExamples: Array<{ hash: string; from?: string }> }>;
    expect(filters).toHaveLength(1);
    expect(filters[0]!.imageExamples).toEqual([{ hash: expect.any(String), from: 'www.reddit.com' }]);
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect
      .poll(() => options.locator('#list .filter-title').first().textContent())
      .toBe('Images like 1 you hid');
    await options.close();
  });

  it('says plainly when an image cannot be used', async () => {
    const response = await hideImagesLike('data:image/png;base64,bm90IGFuIGltYWdl');
    expect(response).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Veneer could not use this image: /),
    });
  });
});
