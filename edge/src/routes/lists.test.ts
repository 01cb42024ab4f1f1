import { SELF } from 'cloudflare:test';
import { FilterSchema } from '@veneer/shared/filters';
import { parseListDocument } from '@veneer/shared/lists';
import { describe, expect, it } from 'vitest';
import { call, register } from '../test-support/edge-client.ts';

const scams = { id: 'scams', words: 'crypto giveaway', action: 'hide' };
const spiders = { id: 'spiders', words: 'spiders', action: 'collapse' };

describe('shared filter lists', () => {
  it('publishes chosen filters at a short address anyone can subscribe to, with no user id in it', async () => {
    const owner = await register();
    const published = await call('POST', '/v1/lists', owner.token, {
      title: 'No crypto scams',
      homepage: 'https://example.org/lists',
      filters: [scams],
    });
    expect(published.status).toBe(201);
    const { id, version, url } = (await published.json()) as { id: string; version: number; url: string };
    expect(id).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(version).toBe(1);
    expect(url).toBe(`https://edge.test/v1/lists/${id}`);

    const read = await SELF.fetch(url);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(`"${id}-v1"`);
    const text = await read.text();
    expect(text).not.toContain(owner.userId);
    const parsed = parseListDocument(text);
    expect('list' in parsed && parsed.list).toMatchObject({
      title: 'No crypto scams',
      homepage: 'https://example.org/lists',
      version: 1,
      filters: [FilterSchema.parse(scams)],
    });
    const unchanged = await SELF.fetch(url, { headers: { 'if-none-match': `"${id}-v1"` } });
    expect(unchanged.status).toBe(304);
  });

  it('its owner publishes new versions at the same address; others may not; old versions stay as they were', async () => {
    const owner = await register();
    const other = await register();
    const { id } = (await (
      await call('POST', '/v1/lists', owner.token, { title: 'Mine', filters: [scams] })
    ).json()) as {
      id: string;
    };
    const second = await call('PUT', `/v1/lists/${id}`, owner.token, {
      title: 'Mine',
      filters: [scams, spiders],
    });
    expect(await second.json()).toMatchObject({ id, version: 2 });
    const stranger = await call('PUT', `/v1/lists/${id}`, other.token, {
      title: 'Hijacked',
      filters: [spiders],
    });
    expect(stranger.status).toBe(403);
    expect(((await stranger.json()) as { error: { message: string } }).error.message).toMatch(
      /only the person who shared/,
    );
    const latest = (await (await SELF.fetch(`https://edge.test/v1/lists/${id}`)).json()) as {
      version: number;
      filters: unknown[];
    };
    expect(latest.version).toBe(2);
    expect(latest.filters).toHaveLength(2);
    const first = await SELF.fetch(`https://edge.test/v1/lists/${id}/versions/1`);
    expect(first.headers.get('cache-control')).toContain('immutable');
    expect(((await first.json()) as { filters: unknown[] }).filters).toHaveLength(1);
    expect(
      (await call('PUT', '/v1/lists/AAAAAAAAAA', owner.token, { title: 'x', filters: [scams] })).status,
    ).toBe(404);
  });

  it('refuses bad lists with a 4xx that says why', async () => {
    const cases: Array<[unknown, number, RegExp]> = [
      [{ title: 'Empty', filters: [] }, 400, /at least one filter/],
      [{ title: '', filters: [scams] }, 400, /title/],
      [{ title: 'Bad', filters: [{ id: 'a', words: 'x', action: 'explode' }] }, 400, /action/],
      [{ title: 'Huge', filters: [{ ...scams, words: 'x'.repeat(300 * 1024) }] }, 413, /too large|larger/],
    ];
    for (const [body, status, why] of cases) {
      // A user of its own for each: publishing is limited to a few a minute per user.
      const answer = await call('POST', '/v1/lists', (await register()).token, body);
      expect(answer.status, JSON.stringify(body).slice(0, 60)).toBe(status);
      expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(why);
    }
    expect((await call('POST', '/v1/lists', 'not-a-token', { title: 'x', filters: [scams] })).status).toBe(
      401,
    );
    const busy = await register();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await call('POST', '/v1/lists', busy.token, { title: `n${i}`, filters: [scams] })).status,
      );
    expect(statuses).toContain(429);
    expect((await SELF.fetch('https://edge.test/v1/lists/nope')).status).toBe(404);
    expect((await SELF.fetch('https://edge.test/v1/lists/AAAAAAAAAA')).status).toBe(404);
  });
});
