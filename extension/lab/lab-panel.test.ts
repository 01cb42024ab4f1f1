import type { ImageRef, JobFrame, ThumbResult } from '@veneer/shared/protocol';
import { describe, expect, it } from 'vitest';
import type { InstantScore } from '../lib/thumb-instant-score.ts';
import type { LabBackend } from './lab-backend.ts';
import { mountLab } from './lab-panel.ts';

const legible = { recall: 1, tallestLinePx: 14, legible: true };

/** A fake backend: instant scores chosen per file name, deep frames pushed by the test. */
function fakeBackend(deepRefusal: string | null = null) {
  const listeners: Array<(clientRef: string, frame: JobFrame) => void> = [];
  const asked: Array<{ clientRef: string; image: ImageRef; title: string }> = [];
  const backend: LabBackend = {
    async instantScore(file, title): Promise<InstantScore> {
      const withFace = (await file.text()).includes('face');
      return {
        signals: {
          stats: { brightness: 0.5, contrast: 0.25, colourfulness: 60, clutter: 0.1 },
          faces: withFace ? { count: 1, largestArea: 0.1 } : { count: 0, largestArea: 0 },
          text: { area: 0, legibility: { mobile: legible, desktop: legible, sidebar: legible } },
          standOut: { ratio: 1.2, compared: 19, against: 'a reference set' },
          title: { length: title.length, clickbait: 0.1 },
        },
        faces: withFace ? [{ x: 0.4, y: 0.2, width: 0.2, height: 0.4 }] : [],
        text: [],
        width: 1280,
        height: 720,
        ms: 12,
        timings: {},
      };
    },
    async requestDeepScore(clientRef, image, title) {
      asked.push({ clientRef, image, title });
      return deepRefusal;
    },
    onFrame(next) {
      listeners.push(next);
    },
    async openPreview() {},
  };
  // Like runtime messages, a pushed frame reaches every panel that listens.
  const push = (clientRef: string, frame: JobFrame) => {
    for (const listener of listeners) listener(clientRef, frame);
  };
  return { backend, asked, push };
}

const file = (name: string, body: string, type = 'image/png') => new File([body], name, { type });

async function addFiles(root: HTMLElement, files: File[]) {
  const input = root.querySelector<HTMLInputElement>('input[name="files"]')!;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  input.dispatchEvent(new Event('change'));
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
};

const thumbResult: ThumbResult = {
  type: 'thumb',
  model: 'fake',
  width: 1280,
  height: 720,
  text: { content: 'SHED', lines: [], relation: 'repeats', overlap: 1 },
  faces: [],
  saliency: {
    width: 16,
    height: 9,
    values: new Array(144).fill(0.5),
    focus: { x: 0.5, y: 0.5 },
    concentration: 0.2,
  },
  titleMatch: { available: false, reason: 'stand-in' },
};

describe('thumbnail lab panel (with a fake backend)', () => {
  it('scores each candidate as it is added, explains it, and marks the winner', async () => {
    const root = document.createElement('div');
    const { backend } = fakeBackend();
    mountLab(root, { backend, title: 'I built a shed' });
    await addFiles(root, [file('a.png', 'plain'), file('b.png', 'face')]);
    await until(() => root.querySelectorAll('li.candidate[data-state="scored"]').length === 2);
    const [a, b] = root.querySelectorAll<HTMLLIElement>('li.candidate');
    expect(a!.querySelector('.advice')!.textContent).toContain('no face');
    expect(b!.querySelector('[data-part="faces"]')!.textContent).toContain('1 face');
    expect(b!.hasAttribute('data-winner')).toBe(true);
    expect(a!.hasAttribute('data-winner')).toBe(false);
    expect(b!.querySelectorAll('.box.face')).toHaveLength(1);
    expect(Number(a!.dataset.instantMs)).toBeGreaterThanOrEqual(0);
  });

  it('asks for the channel on the lab page only', () => {
    const page = document.createElement('div');
    mountLab(page, { backend: fakeBackend().backend, askChannel: true });
    expect(page.querySelector<HTMLLabelElement>('label[data-channel]')?.hidden).toBe(false);
    expect(page.querySelectorAll('input[name="channel"]')).toHaveLength(1);
    const studio = document.createElement('div');
    mountLab(studio, { backend: fakeBackend().backend, channel: 'Maker Mike' });
    expect(studio.querySelectorAll('input[name="channel"]')).toHaveLength(0);
    expect(studio.textContent).not.toContain('<label');
  });

  it("never takes another lab page's pushed deep score for its own candidate", async () => {
    const { backend, asked, push } = fakeBackend();
    const [first, second] = [document.createElement('div'), document.createElement('div')];
    mountLab(first, { backend, title: 'Shed build' });
    mountLab(second, { backend, title: 'Shed build' });
    await addFiles(first, [file('a.png', 'plain')]);
    await addFiles(second, [file('a.png', 'plain')]);
    await until(() => asked.length === 2);
    expect(asked[0]!.clientRef).not.toBe(asked[1]!.clientRef);
    push(asked[0]!.clientRef, { kind: 'done', jobId: 'j', result: thumbResult });
    expect(first.querySelector<HTMLLIElement>('li.candidate')!.dataset.deep).toBe('done');
    expect(second.querySelector<HTMLLIElement>('li.candidate')!.dataset.deep).toBe('waiting');
  });

  it('takes candidates dropped on the drop zone', async () => {
    const root = document.createElement('div');
    mountLab(root, { backend: fakeBackend().backend, title: 't' });
    const drop = root.querySelector<HTMLElement>('.drop')!;
    const dragOver = new Event('dragover', { cancelable: true });
    drop.dispatchEvent(dragOver);
    expect(dragOver.defaultPrevented).toBe(true);
    expect(drop.hasAttribute('data-over')).toBe(true);
    const dropped = new Event('drop', { cancelable: true });
    Object.defineProperty(dropped, 'dataTransfer', {
      value: { files: [file('a.png', 'x'), file('b.png', 'y')] },
    });
    drop.dispatchEvent(dropped);
    expect(dropped.defaultPrevented).toBe(true);
    expect(drop.hasAttribute('data-over')).toBe(false);
    await until(() => root.querySelectorAll('li.candidate[data-state="scored"]').length === 2);
  });

  it('refuses files that are not images, and more than six candidates, with a notice', async () => {
    const root = document.createElement('div');
    mountLab(root, { backend: fakeBackend().backend, title: 't' });
    await addFiles(root, [file('notes.txt', 'x', 'text/plain')]);
    expect(root.querySelector('.notice')!.textContent).toBe('notes.txt is not an image');
    await addFiles(
      root,
      Array.from({ length: 7 }, (_, i) => file(`${i}.png`, 'x')),
    );
    await until(() => root.querySelectorAll('li.candidate').length === 6);
    await until(
      () => root.querySelector('.notice')!.textContent === 'at most 6 candidates: 6.png was not added',
    );
  });

  it('shows the deep score as it is pushed, and why when it cannot run', async () => {
    const root = document.createElement('div');
    const { backend, asked, push } = fakeBackend();
    mountLab(root, { backend, title: 'Shed build' });
    await addFiles(root, [file('a.png', 'plain')]);
    await until(() => asked.length === 1);
    expect(asked[0]!.title).toBe('Shed build');
    const item = () => root.querySelector<HTMLLIElement>('li.candidate')!;
    push(asked[0]!.clientRef, { kind: 'queued', jobId: 'j' });
    expect(item().querySelector('.deep')!.textContent).toBe('Deep score: queued on the inference node');
    const before = Number(item().querySelector('.score')!.textContent!.match(/^\d+/)![0]);
    push(asked[0]!.clientRef, { kind: 'done', jobId: 'j', result: thumbResult });
    expect(item().dataset.deep).toBe('done');
    expect(item().querySelector('[data-part="focus"]')).not.toBeNull();
    expect(item().querySelector('.advice')!.textContent).toContain(
      'the text is too small to read in the feed',
    );
    expect(item().querySelector('.advice')!.textContent).toContain('repeats the title');
    expect(item().querySelector('.deep')!.textContent).toContain('title match: unavailable (stand-in)');
    expect(Number(item().querySelector('.score')!.textContent!.match(/^\d+/)![0])).toBeLessThan(before);
    // A frame for a request the panel no longer waits for changes nothing.
    push('someone-else', { kind: 'failed', jobId: 'j', error: { code: 'x', message: 'nope' } });
    expect(item().dataset.deep).toBe('done');

    const off = document.createElement('div');
    const refusing = fakeBackend('turn on cloud processing to get it');
    mountLab(off, { backend: refusing.backend, title: 'Shed build' });
    await addFiles(off, [file('a.png', 'plain')]);
    await until(() => off.querySelector('.deep')?.textContent?.includes('unavailable') ?? false);
    expect(off.querySelector('.deep')!.textContent).toBe(
      'Deep score: unavailable: turn on cloud processing to get it',
    );
  });
});
