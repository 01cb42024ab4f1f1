import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDir, type Stack, startStack, tmpDir } from '../stack/index.ts';
import { askExtension } from './ask-extension.ts';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { configureExtension } from './configure.ts';
import { serveHtml } from './feed-pages.ts';
import { studioVideoHtml, youtubeHomeHtml, youtubeSearchHtml, youtubeWatchHtml } from './fixtures/youtube.ts';
import { waitFor } from './wait.ts';

/**
 * The thumbnail lab end to end: in YouTube Studio a creator adds candidates, sees each one's
 * instant score (computed in the browser), then its deep score pushed from the inference node;
 * the candidates are previewed inside youtube.com's home grid, search results and watch-page
 * sidebar, and removing the preview restores the page exactly.
 */
let stack: Stack;
let browser: ExtensionBrowser;
let studio: Page;
let token: string;
const TITLE = 'Building a shed in 48 hours';
const CHANNEL = 'Maker Mike';
const files: Record<string, string> = {};

/** A 1280x720 thumbnail: a photo with a caption `size` px tall. */
async function captioned(name: string, caption: string, size: number): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720">
    <text x="60" y="${200 + size}" font-family="DejaVu Sans" font-weight="bold" font-size="${size}" fill="#ffeb3b" stroke="black" stroke-width="${Math.max(2, size / 20)}">${caption}</text></svg>`;
  const file = path.join(tmpDir, name);
  await sharp(path.join(dataDir, 'images/skimage_rocket.jpg'))
    .resize(1280, 720, { fit: 'cover' })
    .composite([{ input: Buffer.from(svg) }])
    .png()
    .toFile(file);
  return file;
}

beforeAll(async () => {
  fs.mkdirSync(tmpDir, { recursive: true });
  files.face = path.join(tmpDir, 'face.jpg');
  await sharp(path.join(dataDir, 'images/skimage_astronaut.png'))
    .resize(1280, 720, { fit: 'contain', background: '#102040' })
    .jpeg()
    .toFile(files.face);
  files.bigText = await captioned('big-text.png', 'LIFTOFF', 220);
  files.smallText = await captioned(
    'small-text.png',
    'a rocket on its launch pad at dawn, seen from the beach',
    30,
  );
  stack = await startStack();
  // The home feed's thumbnails come from i.ytimg.com, here the fixture image host.
  browser = await launchWithExtension({ hostMap: { 'i.ytimg.com': stack.images.hostPort } });
  await serveHtml(browser, 'https://studio.youtube.com/**', () => studioVideoHtml(TITLE, CHANNEL));
  await browser.context.route('https://www.youtube.com/**', (route) => {
    const { pathname } = new URL(route.request().url());
    const body =
      pathname === '/'
        ? youtubeHomeHtml()
        : pathname === '/results'
          ? youtubeSearchHtml()
          : pathname === '/watch'
            ? youtubeWatchHtml()
            : null;
    return body === null
      ? route.fulfill({ status: 404, body: '' })
      : route.fulfill({ status: 200, contentType: 'text/html', body });
  });
  ({ token } = await configureExtension(browser, stack.edge.url, { filters: [], cloudProcessing: true }));
  studio = await browser.context.newPage();
  await studio.goto('https://studio.youtube.com/video/abc123XYZ/edit');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const candidate = (name: string) =>
  studio.locator('li.candidate', { has: studio.locator(`img[alt="${name}"]`) });

describe('thumbnail lab in YouTube Studio', () => {
  it('scores each candidate at once, explains the score, and names a winner', async () => {
    await studio.getByRole('button', { name: 'Thumbnail lab' }).click();
    expect(await studio.locator('input[name="title"]').inputValue()).toBe(TITLE);
    await studio
      .locator('input[name="files"]')
      .setInputFiles([files.face!, files.bigText!, files.smallText!]);
    await expect
      .poll(() => studio.locator('li.candidate[data-state="scored"]').count(), { timeout: 60_000 })
      .toBe(3)
      .catch(async (error) => {
        throw new Error(`${error}\n${await studio.locator('ol.candidates').textContent()}`);
      });

    const face = candidate('face.jpg');
    expect(await face.locator('[data-part="faces"]').textContent()).toMatch(/^faces: \d+ · 1 face/);
    expect(await face.locator('.advice').textContent()).not.toContain('no face');
    expect(await candidate('big-text.png').locator('.advice').textContent()).toContain('no face');
    // Big letters survive the mobile feed's 168x94; a long line of small ones does not.
    expect(await candidate('big-text.png').locator('[data-part="text"]').textContent()).toContain(
      'legible at every feed size',
    );
    expect(await candidate('small-text.png').locator('.advice').textContent()).toMatch(/text is unreadable/);
    expect(await studio.locator('li.candidate[data-winner]').count()).toBe(1);
    for (const item of await studio.locator('li.candidate').all()) {
      const score = Number((await item.locator('.score').textContent())!.match(/^\d+/)![0]);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(100);
      expect(await item.locator('[data-part="stand-out"]').textContent()).toContain('a reference set');
    }
    // Scored in the panel's own scorer frame (an extension document), not through the background.
    const scorer = studio.frames().find((frame) => frame.url().endsWith('/scorer.html'));
    expect(scorer, 'the scorer frame').toBeDefined();
    expect(await scorer!.evaluate(() => document.documentElement.dataset.scored)).toBe('3');
  });

  it('receives the deep score by push: the text read, faces, and no fake title match', async () => {
    await expect
      .poll(() => studio.locator('li.candidate[data-deep="done"]').count(), { timeout: 90_000 })
      .toBe(3);
    const deep = await candidate('big-text.png').locator('.deep').textContent();
    expect(deep).toMatch(/Text read: "LIFTOFF" \(adds to the title\)/);
    expect(deep).toMatch(/title match: unavailable \(CLIP's real weights are not installed/);
    expect(await candidate('big-text.png').locator('[data-part="focus"]').count()).toBe(1);
    expect(await candidate('face.jpg').locator('[data-part="faces"]').textContent()).toContain('expression:');
  });

  it('refuses a file that is not an image, with a visible notice', async () => {
    await studio.locator('input[name="files"]').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a picture'),
    });
    expect(await studio.locator('.veneer-lab .notice').first().textContent()).toBe(
      'notes.txt is not an image',
    );
    expect(await studio.locator('li.candidate').count()).toBe(3);
  });
});

describe('the lab page', () => {
  it('opens from the popup', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const opened = browser.context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Thumbnail lab' }).click();
    const lab = await opened;
    await lab.waitForLoadState();
    expect(lab.url()).toBe(`chrome-extension://${browser.extensionId}/lab.html`);
    await expect.poll(() => lab.locator('section.veneer-lab h2').textContent()).toBe('Thumbnail lab');
    expect(await lab.locator('input[name="channel"]').count()).toBe(1);
    await Promise.all([lab.close(), popup.close()]);
  });

  it('scores candidates in the page itself, from the picked files', async () => {
    const lab = await browser.context.newPage();
    await lab.goto(`chrome-extension://${browser.extensionId}/lab.html`);
    await lab.fill('input[name="title"]', TITLE);
    await lab.locator('input[name="files"]').setInputFiles([files.face!, files.smallText!]);
    await expect
      .poll(() => lab.locator('li.candidate[data-state="scored"]').count(), { timeout: 60_000 })
      .toBe(2);
    const item = (name: string) => lab.locator('li.candidate', { has: lab.locator(`img[alt="${name}"]`) });
    expect(await item('face.jpg').locator('[data-part="faces"]').textContent()).toMatch(/1 face/);
    expect(await item('face.jpg').locator('.box.face').count()).toBe(1);
    expect(await item('small-text.png').locator('.box.text').count()).toBeGreaterThan(0);
    expect(await item('small-text.png').locator('.advice').textContent()).toMatch(/text is unreadable/);
    expect(await item('face.jpg').locator('[data-part="stand-out"]').textContent()).toContain(
      'a reference set',
    );
    expect(await lab.locator('li.candidate[data-winner]').count()).toBe(1);
    // The file goes to the inference node only for the deep score, read from the same file.
    await expect.poll(() => item('face.jpg').getAttribute('data-deep'), { timeout: 60_000 }).toBe('done');
    await lab.close();
  });
});

describe('the instant score on this device', () => {
  it("reads the face's expression with Human's emotion model, and finds no face in a landscape", async () => {
    const lab = await browser.context.newPage();
    await lab.goto(`chrome-extension://${browser.extensionId}/lab.html`);
    const instant = async (file: string) => {
      const answer = await askExtension<{ signals: { faces: { count: number; expressions: string[] } } }>(
        lab,
        'thumbInstantScore',
        {
          title: 'x',
          image: { kind: 'bytes', mime: 'image/jpeg', data: fs.readFileSync(file).toString('base64') },
        },
      );
      if (!answer.ok) throw new Error(answer.message);
      return { ok: true, score: answer.res };
    };
    const face = await instant(files.face!);
    expect(face.ok).toBe(true);
    expect(face.score.signals.faces.count).toBe(1);
    expect(face.score.signals.faces.expressions).toHaveLength(1);
    expect(['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']).toContain(
      face.score.signals.faces.expressions[0],
    );
    const rocket = await instant(files.bigText!);
    expect(rocket.score.signals.faces).toEqual({ count: 0, largestArea: 0, expressions: [] });
    await lab.close();
  });
});

describe('preview inside youtube.com', () => {
  let youtube: Page;
  const copies = () => youtube.locator('[data-veneer-preview]');
  const bar = () => youtube.locator('veneer-preview-bar');

  beforeAll(async () => {
    youtube = await browser.context.newPage();
    await youtube.goto('https://www.youtube.com/');
  });

  it('shows a candidate in the home grid, in the first cell, dark theme and grid size kept', async () => {
    await expect.poll(() => youtube.locator('ytd-rich-item-renderer[data-veneer-state]').count()).toBe(8);
    const before = await youtube.locator('#contents').innerHTML();
    const opened = browser.context.waitForEvent('page');
    await studio.getByRole('button', { name: 'Preview on YouTube' }).click();
    await (await opened).close();
    await expect.poll(() => copies().count()).toBe(1);
    const copy = copies().first();
    expect(await copy.locator('.yt-lockup-metadata-view-model__title').textContent()).toBe(TITLE);
    expect(await copy.locator('.yt-content-metadata-view-model__metadata-text').textContent()).toBe(CHANNEL);
    expect(await copy.locator('img').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    expect(await youtube.locator('#contents > *').first().getAttribute('data-veneer-preview')).not.toBeNull();
    const [a, b] = await Promise.all([
      copy.boundingBox(),
      youtube.locator('ytd-rich-item-renderer').nth(1).boundingBox(),
    ]);
    expect(a!.width).toBe(b!.width);
    expect(await bar().getByText('Candidate 1 of 3: face.jpg').count()).toBe(1);

    // The switcher cycles the candidates in the same slot.
    await bar().getByRole('button', { name: 'Next candidate' }).click();
    await expect.poll(() => bar().locator('.label').textContent()).toBe('Candidate 2 of 3: big-text.png');
    expect(await copies().count()).toBe(1);

    // Side by side: every candidate in the grid at once.
    await bar().getByRole('button', { name: 'Side by side' }).click();
    await expect.poll(() => copies().count()).toBe(3);

    // Export: a PNG of the preview at twice its size.
    await bar().getByRole('button', { name: 'Side by side' }).click();
    const download = youtube.waitForEvent('download');
    await bar().getByRole('button', { name: 'Export PNG' }).click();
    const file = path.join(tmpDir, 'preview.png');
    await (await download).saveAs(file);
    const meta = await sharp(file).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBe(Math.round(a!.width * 2));

    await bar().getByRole('button', { name: 'Remove preview' }).click();
    await expect.poll(() => copies().count()).toBe(0);
    expect(await youtube.locator('#contents').innerHTML()).toBe(before);
    expect(await bar().count()).toBe(0);
  });

  it('shows it in search results and in the watch-page sidebar, light theme, and restores them exactly', async () => {
    for (const [url, container, item] of [
      ['https://www.youtube.com/results?search_query=shed', 'ytd-search #contents', 'ytd-video-renderer'],
      ['https://www.youtube.com/watch?v=IzFmNQGzApQ', '#related', 'ytd-compact-video-renderer'],
    ] as const) {
      await youtube.goto(url);
      await expect.poll(() => youtube.locator(`${item}[data-veneer-state]`).count()).toBeGreaterThan(2);
      const before = await youtube.locator(container).first().innerHTML();
      const opened = browser.context.waitForEvent('page');
      await studio.getByRole('button', { name: 'Preview on YouTube' }).click();
      await (await opened).close();
      await expect.poll(() => copies().count(), { timeout: 20_000 }).toBe(1);
      const copy = copies().first();
      expect(await copy.evaluate((element) => element.localName)).toBe(item);
      expect((await copy.locator('#video-title').textContent())?.trim()).toBe(TITLE);
      expect(await copy.locator('#video-title').getAttribute('aria-label')).toBe(
        item === 'ytd-compact-video-renderer' ? TITLE : null,
      );
      expect(await copy.locator('ytd-channel-name #text').first().textContent()).toBe(CHANNEL);
      const [shown, neighbour] = await Promise.all([
        copy.boundingBox(),
        youtube.locator(`${item}:not([data-veneer-preview])`).first().boundingBox(),
      ]);
      expect(shown!.width).toBe(neighbour!.width);
      // At a phone's width the copy still takes exactly its slot's size.
      await youtube.setViewportSize({ width: 412, height: 915 });
      const [narrow, narrowNeighbour] = await Promise.all([
        copy.boundingBox(),
        youtube.locator(`${item}:not([data-veneer-preview])`).first().boundingBox(),
      ]);
      expect(narrow!.width).toBe(narrowNeighbour!.width);
      expect(narrow!.width).toBeLessThanOrEqual(412);
      await youtube.setViewportSize({ width: 1000, height: 900 });
      await bar().getByRole('button', { name: 'Side by side' }).click();
      await expect.poll(() => copies().count()).toBe(3);
      await bar().getByRole('button', { name: 'Remove preview' }).click();
      await expect.poll(() => copies().count()).toBe(0);
      expect(await youtube.locator(container).first().innerHTML()).toBe(before);
    }
  });
});

describe('POST /v1/score through the real edge and inference node', () => {
  it('answers the winner and every score with its parts and advice, then the same from the cache', async () => {
    const body = {
      title: TITLE,
      thumbnails: [
        { id: 'portrait', url: `${stack.images.origin}/faces/2.jpg` },
        { id: 'hopper', url: `${stack.images.origin}/images/pillow_hopper.jpg` },
      ],
    };
    const ask = () =>
      fetch(`${stack.edge.url}/v1/score`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const response = await ask();
    expect(response.status, await response.clone().text()).toBe(200);
    const answer = (await response.json()) as {
      winner_id: string;
      scores: Array<{ id: string; score: number; advice: string[] }>;
    };
    expect(answer.scores.map((s) => s.id)).toEqual(['portrait', 'hopper']);
    const best = [...answer.scores].sort((a, b) => b.score - a.score)[0]!;
    expect(answer.winner_id).toBe(best.id);
    const again = await ask();
    expect(again.headers.get('x-veneer-cache')).toBe('hit');
    expect(await again.json()).toEqual(answer);
  });
});

describe("stand-out against the creator's own home feed", () => {
  it('remembers the home feed thumbnails and compares candidates with them instead of the reference set', async () => {
    const home = await browser.context.newPage();
    await serveHtml(browser, 'https://www.youtube.com/', () => youtubeHomeHtml({ thumbnails: true }));
    await home.goto('https://www.youtube.com/');
    const feed = await waitFor('the home feed thumbnails to be remembered', () =>
      browser.serviceWorker.evaluate(async () => {
        const stored = (await chrome.storage.local.get('veneer.thumbs.feed'))['veneer.thumbs.feed'] as
          | { urls: string[] }
          | undefined;
        return stored && stored.urls.length >= 8 ? stored.urls : null;
      }),
    );
    expect(feed.every((url) => url.startsWith('https://i.ytimg.com/images/'))).toBe(true);
    const lab = await browser.context.newPage();
    await lab.goto(`chrome-extension://${browser.extensionId}/lab.html`);
    const answer = await askExtension<{ signals: { standOut: { against: string; compared: number } } }>(
      lab,
      'thumbInstantScore',
      {
        title: 'x',
        image: { kind: 'bytes', mime: 'image/jpeg', data: fs.readFileSync(files.face!).toString('base64') },
      },
    );
    if (!answer.ok) throw new Error(answer.message);
    expect(answer.res.signals.standOut).toMatchObject({ against: 'your home feed', compared: 8 });
    // The lab page scores in itself and reads the same remembered feed.
    await lab.locator('input[name="files"]').setInputFiles(files.face!);
    await expect
      .poll(() => lab.locator('li.candidate [data-part="stand-out"]').textContent(), { timeout: 60_000 })
      .toContain('your home feed');
    await Promise.all([home.close(), lab.close()]);
  });
});

describe('YouTube Studio is a single-page app', () => {
  it('gives another video a fresh lab, and none to pages that are not a video', async () => {
    await studio.evaluate(() => history.pushState({}, '', '/video/another1/edit'));
    await expect.poll(() => studio.locator('li.candidate').count(), { timeout: 10_000 }).toBe(0);
    expect(await studio.getByRole('button', { name: 'Thumbnail lab' }).count()).toBe(1);
    await studio.evaluate(() => history.pushState({}, '', '/channel/UC123/videos'));
    await expect.poll(() => studio.locator('veneer-thumbnail-lab').count(), { timeout: 10_000 }).toBe(0);
  });
});
