import fs from 'node:fs';
import path from 'node:path';
import { IMPORTED_MODELS } from '@veneer/model-import';
import { MODELS, nsfwInput, nsfwScores } from '@veneer/shared/models';
import * as ort from 'onnxruntime-node';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDir } from '../stack/index.ts';
import { askExtension } from './ask-extension.ts';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { useFiltersOnDevice } from './configure.ts';
import { type FixturePost, serveRedditFeed } from './fixtures/reddit-feed.ts';

/**
 * Filters on what images show, judged by nsfwjs's classifier (imported from TF.js at build time)
 * in the extension's offscreen document: nothing is sent anywhere. The photos here are all safe,
 * so the positive case is the model's "drawing" class, which it gives (wrongly, but steadily)
 * to the rocket and penguin photos.
 */
let browser: ExtensionBrowser;
let page: Page;

const PHOTOS = {
  t3_rocket: 'images/skimage_rocket.jpg',
  t3_penguin: 'images/wikimedia_penguin.jpg',
  t3_coffee: 'images/skimage_coffee.png',
  t3_hedgehog: 'images/wikimedia_hedgehog.jpg',
  t3_frog: 'images/wikimedia_frog.jpg',
} as const;
const DRAWN = ['t3_rocket', 't3_penguin'];

const dataUrl = (file: string) =>
  `data:image/${file.endsWith('.png') ? 'png' : 'jpeg'};base64,${fs.readFileSync(path.join(dataDir, file)).toString('base64')}`;

beforeAll(async () => {
  const posts: FixturePost[] = Object.entries(PHOTOS).map(([id, file]) => ({
    id,
    title: `Photo ${id.slice(3)}`,
    image: dataUrl(file),
    expect: {},
  }));
  browser = await launchWithExtension();
  await serveRedditFeed(browser, 'https://unused.invalid', posts);
  await useFiltersOnDevice(browser, [
    { id: 'explicit', words: 'nudity, porn', action: 'hide', lookIn: ['image-content'] },
    { id: 'drawings', words: 'drawings', action: 'collapse', lookIn: ['image-content'] },
    { id: 'cups', words: 'cups', action: 'warn', lookIn: ['image-content'], sensitivity: 'high' },
  ]);
  page = await browser.context.newPage();
  await page.goto('https://www.reddit.com/r/pics/');
});

afterAll(async () => {
  await browser?.close();
});

const post = (id: string) => page.locator(`shreddit-post#${id}`);

describe('filters on what images show (on-device image model)', () => {
  it('collapses what the model sees as drawings, warns on the cup, hides nothing as explicit', async () => {
    await expect
      .poll(
        () =>
          page
            .locator('shreddit-post[data-veneer-state="clear"], shreddit-post[data-veneer-state="modified"]')
            .count(),
        {
          timeout: 30_000,
        },
      )
      .toBe(Object.keys(PHOTOS).length);
    for (const id of Object.keys(PHOTOS))
      expect(await post(id).getAttribute('data-veneer-action'), id).toBe(
        DRAWN.includes(id) ? 'collapse' : id === 't3_coffee' ? 'warn' : null,
      );
    // The object detector (Human's CenterNet) sees the cup in the coffee photo.
    const cup = post('t3_coffee').locator('xpath=preceding-sibling::*[@data-veneer-badge][1]');
    expect(await cup.textContent()).toBe(
      'Modified by Veneercontent warning: cups (in an image)Show originalHide posts like thisAlways show this account',
    );
    const badge = post('t3_rocket').locator('xpath=preceding-sibling::*[@data-veneer-badge][1]');
    expect(await badge.textContent()).toBe(
      'Modified by Veneercollapsed: drawings (in an image)Show originalHide posts like thisAlways show this account',
    );
  });

  it('the browser model agrees with onnxruntime-node on the same photo', async () => {
    const extensionPage = await browser.context.newPage();
    await extensionPage.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const file = PHOTOS.t3_rocket;
    const response = await askExtension<Array<Record<string, number>>>(extensionPage, 'nsfwImages', {
      images: [
        {
          kind: 'bytes',
          mime: 'image/jpeg',
          data: fs.readFileSync(path.join(dataDir, file)).toString('base64'),
        },
      ],
    });
    await extensionPage.close();
    if (!response.ok) throw new Error(response.message);
    const spec = MODELS['nsfw-mobilenet-v2'];
    const session = await ort.InferenceSession.create(IMPORTED_MODELS[spec.source]!());
    const { data, info } = await sharp(path.join(dataDir, file))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const feeds = {
      [spec.input.name]: new ort.Tensor(
        'float32',
        nsfwInput(new Uint8Array(data), info.width, info.height),
        [1, 224, 224, 3],
      ),
    };
    const node = nsfwScores((await session.run(feeds))[spec.outputs[0]!]!.data as Float32Array);
    for (const [name, value] of Object.entries(node))
      expect(Math.abs(response.res[0]![name]! - value), name).toBeLessThan(0.05);
  });

  it('the options page says which words the image model can and cannot see', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.locator('#look-in input[value="image-content"]').check();
    await options.locator('#words').fill('nudity, puppies, spiders');
    await expect
      .poll(() => options.locator('#concepts').textContent())
      .toBe(
        `In images, Veneer's on-device model looks for: porn, hentai, dog. It cannot see "spiders" in images; text filters still apply to those.`,
      );
    await options.close();
  });
});
