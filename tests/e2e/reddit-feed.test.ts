import type { SequencedFrame, ServerMessage } from '@veneer/shared/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../stack/index.ts';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { configureExtension } from './configure.ts';
import { BROKEN_POSTS, POSTS, serveRedditFeed } from './fixtures/reddit-feed.ts';
import { sharpness } from './pixels.ts';

let stack: Stack;
let browser: ExtensionBrowser;
let page: Page;
const userFrames: SequencedFrame[] = [];
let userSocket: WebSocket;

async function doneJobs(): Promise<number> {
  const text = await (await fetch(`${stack.node.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('veneer_jobs_total{type="faces",status="done"}'));
  return line ? Number(line.split(' ').pop()) : 0;
}

beforeAll(async () => {
  stack = await startStack();
  browser = await launchWithExtension();
  await serveRedditFeed(browser, stack.images.origin, (pathname) =>
    pathname.startsWith('/r/broken') ? BROKEN_POSTS : POSTS,
  );
  const { token } = await configureExtension(browser, stack.edge.url, {
    filters: [
      { id: 'spiders', words: 'spiders', action: 'collapse', enabled: true },
      { id: 'faces', words: '', action: 'blur-faces', enabled: true },
    ],
  });
  // Listen as a second session of the same user.
  userSocket = new WebSocket(`${stack.edge.url.replace('http', 'ws')}/v1/connect?token=${token}`);
  userSocket.addEventListener('message', (event) => {
    if (typeof event.data !== 'string' || !event.data.startsWith('{')) return;
    const message = JSON.parse(event.data) as ServerMessage;
    if (message.kind === 'frames') userFrames.push(...message.frames);
  });
  await new Promise((resolve, reject) => {
    userSocket.addEventListener('open', resolve);
    userSocket.addEventListener('error', reject);
  });
  page = await browser.context.newPage();
  await page.goto('https://www.reddit.com/r/pics/');
});

afterAll(async () => {
  userSocket?.close();
  await browser?.close();
  await stack?.stop();
});

const post = (id: string) => page.locator(`shreddit-post#${id}`);

describe('Reddit feed with a text filter and a blur-faces filter', () => {
  it('collapses exactly the matching posts, with their reason', async () => {
    const spiders = POSTS.filter((p) => p.expect.spider);
    await expect.poll(() => page.locator('[data-veneer-badge]').count()).toBe(spiders.length);
    for (const { id } of spiders) {
      await expect.poll(() => post(id).isVisible()).toBe(false);
      const notice = post(id).locator('xpath=preceding-sibling::*[1]');
      expect(await notice.textContent()).toContain('Modified by Veneercollapsed: spiders');
    }
    for (const { id } of POSTS.filter((p) => !p.expect.spider)) {
      expect(await post(id).isVisible(), id).toBe(true);
      expect(await post(id).getAttribute('data-veneer-state'), id).toBe('clear');
    }
  });

  it('"Show" brings a collapsed post back', async () => {
    const notice = post('t3_s1').locator('xpath=preceding-sibling::*[1]');
    await notice.getByRole('button', { name: 'Show original' }).click();
    expect(await post('t3_s1').isVisible()).toBe(true);
    expect(await post('t3_s1').getAttribute('data-veneer-state')).toBe('shown');
    expect(await page.locator('[data-veneer-badge]').count()).toBe(2);
  });

  it('blurs faces in the face photos once the pushed results arrive, and only there', async () => {
    const imagePosts = POSTS.filter((p) => p.image);
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              [...document.querySelectorAll('shreddit-post [slot="post-media-container"] img')].filter(
                (img) => /^\d+$/.test(img.getAttribute('data-veneer-faces') ?? ''),
              ).length,
          ),
        { timeout: 60_000 },
      )
      .toBe(imagePosts.length);
    for (const { id, expect: expected } of imagePosts) {
      const image = post(id).locator('[slot="post-media-container"] img');
      const faces = Number(await image.getAttribute('data-veneer-faces'));
      const boxes = await post(id).locator('[data-veneer-face]').count();
      if (expected.faces) {
        expect(faces, id).toBeGreaterThan(0);
        expect(boxes, id).toBe(faces);
      } else {
        expect(faces, id).toBe(0);
        expect(boxes, id).toBe(0);
      }
    }
  });

  it('the blur really hides the face, and one click shows the original', async () => {
    const box = post('t3_p5').locator('[data-veneer-face]').first();
    await box.scrollIntoViewIfNeeded();
    const clip = (await box.boundingBox())!;
    expect(clip.width).toBeGreaterThan(20);
    const blurred = await sharpness(await page.screenshot({ clip }));
    await box.click();
    expect(await post('t3_p5').locator('[data-veneer-face]').count()).toBe(0);
    const original = await sharpness(await page.screenshot({ clip }));
    expect(original).toBeGreaterThan(blurred * 1.5);
  });

  it('shows a visible notice on images Veneer refuses to check, with the reason', async () => {
    const broken = await browser.context.newPage();
    await broken.goto('https://www.reddit.com/r/broken/');
    const notices = broken.locator('[data-veneer-notice]');
    await expect.poll(() => notices.count(), { timeout: 30_000 }).toBe(BROKEN_POSTS.length);
    const privateAddress = await broken.locator('#t3_b1 [data-veneer-notice]').textContent();
    expect(privateAddress).toMatch(
      /^Veneer could not check this image: .*10\.0\.0\.1.*only public addresses/,
    );
    expect(await broken.locator('#t3_b2 [data-veneer-notice]').textContent()).toMatch(/not an image/);
    expect(await broken.locator('#t3_b2 [data-veneer-notice]').isVisible()).toBe(true);
    await broken.close();
  });

  it('every image went through the inference node and its result came over the WebSocket', async () => {
    const imagePosts = POSTS.filter((p) => p.image);
    expect(await doneJobs()).toBe(imagePosts.length);
    const done = userFrames.filter((f) => f.kind === 'done');
    expect(done).toHaveLength(imagePosts.length);
    expect(new Set(done.map((f) => f.jobId)).size).toBe(imagePosts.length);
    expect(
      stack.images.requests.filter((r) => r.startsWith('/faces/') || r.startsWith('/images/')).length,
    ).toBeGreaterThanOrEqual(imagePosts.length - 1);
  });

  it('checks an image inserted into a post after the post was judged (media arriving late)', async () => {
    // Reddit inserts media as it scrolls near, and a page parsed in pieces can show a post
    // before its image: the post is judged again and the new image checked like any other.
    const late = post('t3_t3');
    expect(await late.getAttribute('data-veneer-state')).toBe('clear');
    await page.evaluate((src) => {
      const media = document.createElement('div');
      media.slot = 'post-media-container';
      const image = document.createElement('img');
      image.style.cssText = 'display:block;max-width:480px;width:100%';
      image.src = src;
      media.append(image);
      document.querySelector('shreddit-post#t3_t3')!.append(media);
    }, `${stack.images.origin}/faces/3.jpg`);
    const image = late.locator('[slot="post-media-container"] img');
    await expect
      .poll(() => image.getAttribute('data-veneer-faces'), { timeout: 30_000 })
      .toMatch(/^[1-9]\d*$/);
    expect(await late.locator('[data-veneer-face]').count()).toBe(
      Number(await image.getAttribute('data-veneer-faces')),
    );
    expect(await late.getAttribute('data-veneer-state')).toBe('clear');
  });
});
