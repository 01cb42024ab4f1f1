import { SELF } from 'cloudflare:test';
import { generatePackKeys, importPrivateKey, type SelectorPack, signPack } from '@veneer/shared/packs';
import { describe, expect, it } from 'vitest';
import { TEST_PACK_KEYS } from '../test-support/test-pack-key.ts';

const pack = (version: number, adapter = 'x'): SelectorPack => ({
  format: 1,
  adapter,
  version,
  selectors: { post: 'article[data-qa="tweet"]' },
  attributes: {},
  rules: {},
});
const signed = async (p: SelectorPack, key = TEST_PACK_KEYS.privateKey) =>
  signPack(p, await importPrivateKey(key));
const put = (adapter: string, body: unknown, secret = 'test-operator-secret') =>
  SELF.fetch(`https://edge.test/v1/packs/${adapter}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('selector packs', () => {
  it('serves the newest signed pack with an ETag, and 304 when it did not change', async () => {
    expect((await SELF.fetch('https://edge.test/v1/packs/youtube')).status).toBe(404);
    const first = await signed(pack(2, 'youtube'));
    expect((await put('youtube', first)).status).toBe(201);
    const got = await SELF.fetch('https://edge.test/v1/packs/youtube');
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual(first);
    const etag = got.headers.get('etag')!;
    expect(etag).toMatch(/^"2-[0-9a-f]{16}"$/);
    const again = await SELF.fetch('https://edge.test/v1/packs/youtube', {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('refuses a pack at or below the published version, one signed by another key, and one for another adapter', async () => {
    expect((await put('x', await signed(pack(5)))).status).toBe(201);
    const older = await put('x', await signed(pack(5)));
    expect(older.status).toBe(409);
    expect(((await older.json()) as { error: { message: string } }).error.message).toMatch(
      'not newer than the published version 5',
    );
    const stranger = await generatePackKeys();
    const forged = await put('x', await signed(pack(6), stranger.privateKey));
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('bad_signature');
    const elsewhere = await put('x', await signed(pack(7, 'bluesky')));
    expect(elsewhere.status).toBe(400);
  });

  it('takes packs from operators only, and anonymous breakage reports as counts operators can read', async () => {
    expect((await put('x', await signed(pack(9)), 'wrong')).status).toBe(401);
    const report = await SELF.fetch('https://edge.test/v1/breakage', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        adapter: 'x',
        packVersion: 1,
        counts: { pages: 3, pagesWithoutPosts: 3, posts: 0, emptyText: 0, emptyAuthor: 0 },
      }),
    });
    expect(report.status).toBe(202);
    const bad = await SELF.fetch('https://edge.test/v1/breakage', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ adapter: 'x', packVersion: -1 }),
    });
    expect(bad.status).toBe(400);
    expect((await SELF.fetch('https://edge.test/v1/admin/breakage')).status).toBe(401);
    const read = await SELF.fetch('https://edge.test/v1/admin/breakage', {
      headers: { authorization: 'Bearer test-operator-secret' },
    });
    expect(await read.json()).toMatchObject({
      reports: [{ adapter: 'x', version: 1, reports: 1, pages: 3, pagesWithoutPosts: 3 }],
    });
  });
});
