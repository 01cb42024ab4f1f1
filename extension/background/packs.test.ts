import {
  generatePackKeys,
  importPrivateKey,
  importPublicKey,
  type SelectorPack,
  type SignedPack,
  signPack,
} from '@veneer/shared/packs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageReport } from '../content/page-report.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));
const { fakeBrowser } = await import('wxt/testing/fake-browser');
const { default: x } = await import('../content/adapters/x.ts');
const { brokenPollDelay, PackUpdater } = await import('./packs.ts');
const FIRST_POLL_MS = 5_000;

const keys = await generatePackKeys();
const privateKey = await importPrivateKey(keys.privateKey);
const publicKey = await importPublicKey(keys.publicKey);

/** A pack for X with its post selector renamed (as a fix for a site update would). */
const xPack = (version: number, post = 'article[data-qa="tweet"]'): SelectorPack => ({
  ...x.pack,
  version,
  selectors: { ...x.pack.selectors, post },
});

/** A fake edge: the signed pack it serves for X (none: 404), with an ETag; how often it was asked. */
function fakeEdge() {
  const edge = { served: null as SignedPack | null, asked: 0 };
  const fetch = vi.fn(async (url: URL | string, init?: RequestInit) => {
    edge.asked++;
    if (!String(url).endsWith('/v1/packs/x') || !edge.served) return new Response('{}', { status: 404 });
    const etag = `"${edge.served.payload.length}-${edge.served.signature.slice(0, 8)}"`;
    const headers = new Headers(init?.headers);
    if (headers.get('if-none-match') === etag) return new Response(null, { status: 304 });
    return Response.json(edge.served, { headers: { etag } });
  });
  return { edge, fetch };
}

function setup() {
  const { edge, fetch } = fakeEdge();
  const onChange = vi.fn();
  const packs = new PackUpdater({
    edgeUrl: async () => 'https://edge.test',
    publicKey: async () => publicKey,
    onChange,
    fetch: fetch as unknown as typeof globalThis.fetch,
  });
  return { packs, edge, onChange };
}

const report = (overrides: Partial<PageReport>): PageReport => ({
  site: 'x',
  adapter: 'x',
  packVersion: 1,
  reader: 'pack',
  packFoundNothing: null,
  url: 'https://x.com/home',
  enabled: true,
  health: 'ok',
  postsSeen: 10,
  emptyText: 0,
  emptyAuthor: 0,
  changed: [],
  hidden: 0,
  problems: [],
  ...overrides,
});

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.useRealTimers());

describe('PackUpdater', () => {
  it('takes a newer pack signed with the pinned key, and publishes it to the feed pages', async () => {
    const { packs, edge, onChange } = setup();
    expect(await packs.check(['x'])).toBe(false);
    edge.served = await signPack(xPack(2), privateKey);
    expect(await packs.check(['x'])).toBe(true);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect((await packs.packs()).x).toEqual(xPack(2));
    // Unchanged on the edge: a 304, nothing taken again.
    expect(await packs.check(['x'])).toBe(false);
  });

  it('refuses, with a logged reason, a pack signed by another key, one not newer, and one that does not fit the adapter', async () => {
    const { packs, edge } = setup();
    const stranger = await importPrivateKey((await generatePackKeys()).privateKey);
    edge.served = await signPack(xPack(3), stranger);
    await packs.check(['x']);
    edge.served = await signPack(xPack(1), privateKey);
    await packs.check(['x']);
    edge.served = await signPack({ ...xPack(4), selectors: { post: 'article' } }, privateKey);
    await packs.check(['x']);
    edge.served = await signPack({ ...xPack(5), rules: { permalink: 'run-script' } }, privateKey);
    await packs.check(['x']);
    expect(await packs.packs()).toEqual({});
    expect((await packs.log()).map((entry) => entry.message)).toEqual([
      expect.stringMatching(/^refused: rule permalink must be one of time-parent, time-ancestor/),
      expect.stringMatching(/^refused: selectors must be exactly/),
      'refused: version 1 is not newer than version 1 in use',
      'refused: the signature does not match the pinned key',
    ]);
  });

  it('keeps the built-in packs, saying why, in a browser that cannot verify Ed25519', async () => {
    const { edge, fetch } = fakeEdge();
    const packs = new PackUpdater({
      edgeUrl: async () => 'https://edge.test',
      publicKey: () => Promise.reject(new DOMException('Unrecognized name', 'NotSupportedError')),
      onChange: vi.fn(),
      fetch: fetch as unknown as typeof globalThis.fetch,
    });
    edge.served = await signPack(xPack(2), privateKey);
    expect(await packs.check(['x'])).toBe(false);
    expect(await packs.packs()).toEqual({});
    expect((await packs.log())[0]?.message).toBe('refused: this browser cannot verify Ed25519 signatures');
  });

  it('rolls a pack back when it finds no posts where the one before it found some, and never takes it again', async () => {
    const { packs, edge, onChange } = setup();
    await packs.pageReported(1, report({ packVersion: 1, postsSeen: 12 }));
    edge.served = await signPack(xPack(2, 'article[data-broken]'), privateKey);
    await packs.check(['x']);
    await packs.pageReported(1, report({ packVersion: 2, postsSeen: 0, health: 'no-posts' }));
    expect(await packs.packs()).toEqual({});
    expect(onChange).toHaveBeenCalledTimes(2);
    expect((await packs.log())[0]).toMatchObject({
      version: 2,
      message: 'rolled back: it found no posts where version 1 found some',
    });
    // The edge still serves it: refused, until a newer one comes.
    edge.served = { ...edge.served, signature: edge.served.signature };
    await packs.check(['x']);
    expect(await packs.packs()).toEqual({});
    edge.served = await signPack(xPack(3), privateKey);
    await packs.check(['x']);
    expect((await packs.packs()).x?.version).toBe(3);
  });

  it('rolls a pack back when a page kept the one before because the new one found nothing there', async () => {
    const { packs, edge, onChange } = setup();
    edge.served = await signPack(xPack(2), privateKey);
    await packs.check(['x']);
    await packs.pageReported(1, report({ packVersion: 2, postsSeen: 12 }));
    edge.served = await signPack(xPack(3, 'article[data-broken]'), privateKey);
    await packs.check(['x']);
    // The page, still reading with version 2, reports that version 3 would find nothing on it.
    await packs.pageReported(1, report({ packVersion: 2, postsSeen: 12, packFoundNothing: 3 }));
    expect((await packs.packs()).x?.version).toBe(2);
    expect(onChange).toHaveBeenCalledTimes(3);
    expect((await packs.log())[0]).toMatchObject({
      version: 3,
      message: 'rolled back: it found no posts where version 2 found some',
    });
    // A report about another version changes nothing.
    await packs.pageReported(1, report({ packVersion: 2, postsSeen: 12, packFoundNothing: 9 }));
    expect((await packs.packs()).x?.version).toBe(2);
  });

  it('asks the edge every 5 s while a site looks broken, and stops once it reads the site again', async () => {
    vi.useFakeTimers();
    const { packs, edge } = setup();
    await packs.pageReported(
      1,
      report({ packVersion: 1, postsSeen: 0, health: 'fallback', reader: 'fallback' }),
    );
    await vi.advanceTimersByTimeAsync(0);
    const afterFirst = edge.asked;
    expect(afterFirst).toBe(1);
    await vi.advanceTimersByTimeAsync(FIRST_POLL_MS * 3);
    expect(edge.asked).toBe(afterFirst + 3);
    edge.served = await signPack(xPack(2), privateKey);
    await vi.advanceTimersByTimeAsync(FIRST_POLL_MS);
    // Checking the signature is real work outside the fake clock: wait for it.
    await vi.waitFor(async () => expect((await packs.packs()).x?.version).toBe(2));
    await packs.pageReported(1, report({ packVersion: 2, postsSeen: 5 }));
    const asked = edge.asked;
    await vi.advanceTimersByTimeAsync(FIRST_POLL_MS * 3);
    expect(edge.asked).toBe(asked);
  });

  it('asks less often as a site stays broken, and stops after ten minutes', async () => {
    expect(brokenPollDelay(0)).toBe(5_000);
    expect(brokenPollDelay(119_000)).toBe(5_000);
    expect(brokenPollDelay(2 * 60_000)).toBe(30_000);
    expect(brokenPollDelay(10 * 60_000)).toBeNull();
    vi.useFakeTimers();
    const { packs, edge } = setup();
    await packs.pageReported(1, report({ packVersion: 1, postsSeen: 0, health: 'no-posts' }));
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    // At once, 24 times in the first two minutes, 16 times in the next eight.
    expect(edge.asked).toBeGreaterThanOrEqual(40);
    expect(edge.asked).toBeLessThanOrEqual(42);
    const asked = edge.asked;
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(edge.asked).toBe(asked);
  });

  it('counts pages and posts once per page, for the anonymous report', async () => {
    const { packs } = setup();
    await packs.pageReported(1, report({ postsSeen: 1, emptyAuthor: 0 }));
    await packs.pageReported(1, report({ postsSeen: 4, emptyAuthor: 1 }));
    // The same report again changes nothing, and writes nothing.
    const writes = vi.spyOn(fakeBrowser.storage.local, 'set');
    await packs.pageReported(1, report({ postsSeen: 4, emptyAuthor: 1 }));
    expect(writes).not.toHaveBeenCalled();
    writes.mockRestore();
    await packs.pageReported(2, report({ url: 'https://x.com/search', postsSeen: 0, health: 'no-posts' }));
    expect((await packs.state('x'))?.counts).toEqual({
      pages: 2,
      pagesWithoutPosts: 1,
      posts: 4,
      emptyText: 0,
      emptyAuthor: 1,
    });
  });
});
