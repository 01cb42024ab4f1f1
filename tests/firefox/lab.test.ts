import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../e2e/wait.ts';
import { dataDir, tmpDir } from '../stack/paths.ts';
import { type FirefoxWithExtension, launchFirefoxWithExtension } from './firefox.ts';

/**
 * The thumbnail lab as a page of the extension in Firefox: candidates picked from files are scored
 * at once on the device (faces by YuNet, text by PaddleOCR's detector, onnxruntime-web in the page).
 */
let firefox: FirefoxWithExtension;
const dir = path.join(tmpDir, 'firefox-lab');
const face = path.join(dir, 'face.jpg');
const smallText = path.join(dir, 'small-text.png');

beforeAll(async () => {
  fs.mkdirSync(dir, { recursive: true });
  await sharp(path.join(dataDir, 'images/skimage_astronaut.png'))
    .resize(1280, 720, { fit: 'contain', background: '#102040' })
    .jpeg()
    .toFile(face);
  const caption = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720">
    <text x="60" y="230" font-family="DejaVu Sans" font-weight="bold" font-size="30" fill="#ffeb3b" stroke="black" stroke-width="2">a rocket on its launch pad at dawn, seen from the beach</text></svg>`;
  await sharp(path.join(dataDir, 'images/skimage_rocket.jpg'))
    .resize(1280, 720, { fit: 'cover' })
    .composite([{ input: Buffer.from(caption) }])
    .png()
    .toFile(smallText);
  firefox = await launchFirefoxWithExtension();
});

afterAll(async () => {
  await firefox?.close();
});

describe('the thumbnail lab in Firefox', () => {
  it('scores picked thumbnails on the device: a face found in one, small text in the other', async () => {
    const lab = await firefox.extensionPage('/lab.html');
    await lab.type('input[name="title"]', 'I launched a rocket from my backyard');
    const input = (await lab.$('input[name="files"]'))!;
    await input.uploadFile(face, smallText);
    await waitFor(
      'both candidates scored',
      async () =>
        (await lab.$$eval('li.candidate[data-state="scored"]', (items) => items.length)) === 2 ? true : null,
      90_000,
    );
    const part = (name: string, selector: string) =>
      lab.$eval(
        `li.candidate:has(img[alt="${name}"])`,
        (item, selector) => item.querySelectorAll(selector).length,
        selector,
      );
    expect(await part('face.jpg', '.box.face')).toBe(1);
    expect(await part('small-text.png', '.box.text')).toBeGreaterThan(0);
    expect(await lab.$$eval('li.candidate[data-winner]', (items) => items.length)).toBe(1);
    await lab.close();
  });
});
