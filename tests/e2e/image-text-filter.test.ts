import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDir, type Stack, startStack } from '../stack/index.ts';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { configureExtension } from './configure.ts';
import { type FixturePost, serveRedditFeed } from './fixtures/reddit-feed.ts';

/**
 * A filter that looks in the text inside images: with cloud processing on, the inference node
 * reads each post image (OCR, pushed back over the WebSocket) and the post is collapsed when the
 * words are in the picture, even though its own text never says them.
 */
let stack: Stack;
let browser: ExtensionBrowser;
let page: Page;

/** A meme: bold caption over a photo, as a data: URL (uploaded as bytes). */
async function meme(caption: string): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="240">
    <text x="30" y="140" font-family="DejaVu Sans" font-weight="bold" font-size="40" fill="white" stroke="black" stroke-width="2">${caption}</text></svg>`;
  const png = await sharp(path.join(dataDir, 'images/skimage_coffee.png'))
    .resize(640, 240, { fit: 'cover' })
    .composite([{ input: Buffer.from(svg) }])
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

async function ocrJobsDone(): Promise<number> {
  const text = await (await fetch(`${stack.node.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('veneer_jobs_total{type="ocr",status="done"}'));
  return line ? Number(line.split(' ').pop()) : 0;
}

beforeAll(async () => {
  const posts: FixturePost[] = [
    { id: 't3_meme', title: 'lol look at this', image: await meme('FREE CRYPTO GIVEAWAY'), expect: {} },
    { id: 't3_photo', title: 'Morning coffee', image: 'images/skimage_coffee.png', expect: {} },
    { id: 't3_text', title: 'Is every crypto giveaway a scam?', expect: {} },
  ];
  stack = await startStack();
  browser = await launchWithExtension();
  await serveRedditFeed(browser, stack.images.origin, posts);
  await configureExtension(browser, stack.edge.url, {
    filters: [
      { id: 'scam', words: 'crypto giveaway', action: 'collapse', enabled: true, lookIn: ['image-text'] },
    ],
  });
  page = await browser.context.newPage();
  await page.goto('https://www.reddit.com/r/memes/');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const post = (id: string) => page.locator(`shreddit-post#${id}`);

describe('a filter on the text inside images', () => {
  it('collapses the post whose image says the words, with the reason', async () => {
    await expect
      .poll(() => post('t3_meme').getAttribute('data-veneer-action'), { timeout: 60_000 })
      .toBe('collapse');
    const badge = post('t3_meme').locator('xpath=preceding-sibling::*[@data-veneer-badge][1]');
    expect(await badge.textContent()).toBe(
      'Modified by Veneercollapsed: crypto giveaway (text in image)Show originalHide posts like thisAlways show this account',
    );
  });

  it('leaves the plain photo, and a post that only says the words in its text (the filter looks in images only)', async () => {
    await expect.poll(ocrJobsDone, { timeout: 60_000 }).toBe(2);
    expect(await post('t3_photo').getAttribute('data-veneer-state')).toBe('clear');
    expect(await post('t3_text').getAttribute('data-veneer-state')).toBe('clear');
  });
});
