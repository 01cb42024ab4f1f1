import { FilterSchema } from '@veneer/shared/filters';
import { learnedFeatures, MAX_EXAMPLES, storeLearned } from '@veneer/shared/learning';
import { describe, expect, it } from 'vitest';
import { call, register } from '../test-support/edge-client.ts';

// As stored: the edge keeps filters as the schema reads them, defaults filled in.
const spiders = FilterSchema.parse({ id: 'spiders', words: 'spiders', action: 'collapse' });
const faces = FilterSchema.parse({ id: 'faces', words: '', action: 'blur-faces' });
/** A learned filter with as many examples as it keeps, each of a long post. */
const like = FilterSchema.parse({
  id: 'like',
  action: 'collapse',
  learned: storeLearned(
    Array.from({ length: MAX_EXAMPLES }, (_, i) => ({
      mark: i % 3 === 0 ? ('not' as const) : ('hide' as const),
      features: learnedFeatures(
        Array.from({ length: 60 }, (_, w) =>
          `word${w}x${i}`.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!),
        ).join(' '),
      ),
    })),
    { docs: 100, counts: {} },
  ),
});

describe('filter sync', () => {
  it('stores a versioned list and refuses a stale write with 409 and the current list', async () => {
    const user = await register();
    expect(await (await call('GET', '/v1/filters', user.token)).json()).toEqual({ version: 0, filters: [] });

    const laptop = await call('PUT', '/v1/filters', user.token, { version: 0, filters: [spiders] });
    expect(await laptop.json()).toEqual({ version: 1 });

    const phone = await call('PUT', '/v1/filters', user.token, { version: 0, filters: [faces] });
    expect(phone.status).toBe(409);
    const conflict = (await phone.json()) as { error: { code: string }; current: unknown };
    expect(conflict.error.code).toBe('conflict');
    expect(conflict.current).toEqual({ version: 1, filters: [spiders] });

    const merged = await call('PUT', '/v1/filters', user.token, { version: 1, filters: [spiders, faces] });
    expect(await merged.json()).toEqual({ version: 2 });
    expect(await (await call('GET', '/v1/filters', user.token)).json()).toEqual({
      version: 2,
      filters: [spiders, faces],
    });
  });

  it('keeps a learned filter at its largest (500 examples) as it was sent: hashed features, no text', async () => {
    const user = await register();
    const sent = await call('PUT', '/v1/filters', user.token, { version: 0, filters: [spiders, like] });
    expect(sent.status).toBe(200);
    const stored = (await (await call('GET', '/v1/filters', user.token)).json()) as { filters: unknown[] };
    expect(stored.filters).toEqual([spiders, like]);
  });

  it("never shows one user another user's filters", async () => {
    const alice = await register();
    const bob = await register();
    await call('PUT', '/v1/filters', alice.token, { version: 0, filters: [spiders] });
    expect(await (await call('GET', '/v1/filters', bob.token)).json()).toEqual({ version: 0, filters: [] });
  });

  it('refuses invalid lists, bad JSON, oversized bodies and missing tokens', async () => {
    const user = await register();
    const cases: Array<[unknown, number, string]> = [
      [{ version: 0, filters: [{ id: 'x', words: 'a', action: 'explode' }] }, 400, 'invalid_request'],
      [{ version: 0, filters: [spiders, spiders] }, 400, 'invalid_request'],
      [{ filters: [] }, 400, 'invalid_request'],
      ['{"version":', 400, 'bad_json'],
      [{ version: 0, filters: [{ ...spiders, words: 'x'.repeat(1_100_000) }] }, 413, 'body_too_large'],
      [
        { version: 0, filters: [{ ...like, learned: { ...like.learned, weights: 'gA==' } }] },
        400,
        'invalid_request',
      ],
    ];
    for (const [body, status, code] of cases) {
      const response = await call('PUT', '/v1/filters', user.token, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    expect((await call('GET', '/v1/filters', null)).status).toBe(401);
  });

  it('refuses a filter with a field it does not know, naming it, rather than keep it without', async () => {
    const user = await register();
    const response = await call('PUT', '/v1/filters', user.token, {
      version: 0,
      filters: [{ ...spiders, mood: 'grumpy' }],
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain(
      'it has \\"mood\\", which this version of Veneer does not know',
    );
    const stored = (await (await call('GET', '/v1/filters', user.token)).json()) as { filters: unknown[] };
    expect(stored.filters).toEqual([]);
  });
});
