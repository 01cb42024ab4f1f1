import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { InstantScore } from '../lib/thumb-instant-score.ts';

/** Fakes of the two ways to score: the scorer frame and the background's offscreen document. */
const fakeFrame = { score: vi.fn<(file: Blob, title: string) => Promise<InstantScore>>() };
const fakeRuntime = { instantScore: vi.fn<(file: Blob, title: string) => Promise<InstantScore>>() };

vi.mock('./scorer-frame.ts', async (original) => ({
  ...(await original<typeof import('./scorer-frame.ts')>()),
  scorerFrame: () => fakeFrame,
}));
vi.mock('./runtime-backend.ts', () => ({
  runtimeBackend: () => ({
    instantScore: fakeRuntime.instantScore,
    requestDeepScore: vi.fn(),
    onFrame: vi.fn(),
    openPreview: vi.fn(),
  }),
}));

const { ScorerUnavailable } = await import('./scorer-frame.ts');
const { studioBackend } = await import('./studio-backend.ts');
const score = (ms: number) => ({ ms }) as InstantScore;
const file = new Blob(['x'], { type: 'image/png' });

describe('studioBackend', () => {
  beforeEach(() => {
    fakeFrame.score.mockReset();
    fakeRuntime.instantScore.mockReset();
  });

  it('scores in the scorer frame', async () => {
    fakeFrame.score.mockResolvedValue(score(1));
    expect(await studioBackend(document.body).instantScore(file, 't')).toEqual(score(1));
    expect(fakeRuntime.instantScore).not.toHaveBeenCalled();
  });

  it('goes through the background, from then on, where the frame cannot be used', async () => {
    fakeFrame.score.mockRejectedValue(new ScorerUnavailable('the scorer frame did not load'));
    fakeRuntime.instantScore.mockResolvedValue(score(2));
    const backend = studioBackend(document.body);
    expect(await backend.instantScore(file, 't')).toEqual(score(2));
    expect(await backend.instantScore(file, 't')).toEqual(score(2));
    expect(fakeFrame.score).toHaveBeenCalledTimes(1);
  });

  it('passes on the scorer’s own refusals (a file that is not an image) instead of asking again', async () => {
    fakeFrame.score.mockRejectedValue(new Error('the file is not an image this browser can read'));
    await expect(studioBackend(document.body).instantScore(file, 't')).rejects.toThrow('not an image');
    expect(fakeRuntime.instantScore).not.toHaveBeenCalled();
  });
});
