import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));
const { fakeBrowser } = await import('wxt/testing/fake-browser');
const { Subscriptions, subscribedFilters } = await import('./subscriptions.ts');

const LIST = 'https://lists.example.org/no-crypto.json';
const document = (filters: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ veneer: 1, title: 'No crypto', filters, ...extra });

/** A fake list server: what each address answers, and the requests it saw. */
function fakeServer() {
  const answers = new Map<string, (redirect: RequestRedirect | undefined) => Response>();
  const requests: Array<{ url: string; headers: Record<string, string> }> = [];
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    requests.push({ url, headers: (init?.headers ?? {}) as Record<string, string> });
    const answer = answers.get(url);
    if (!answer) throw new TypeError('Failed to fetch');
    return answer(init?.redirect);
  });
  return { answers, requests, fetch };
}

/**
 * An address that redirects to `landed`: unreadable when not followed (as a browser answers a
 * manual redirect), `body` from `landed` when followed; followed into nothing when `body` is null.
 */
function redirectsTo(landed: string, body: string | null) {
  return (redirect: RequestRedirect | undefined) => {
    if (redirect === 'manual') {
      const opaque = new Response(null, { status: 200 });
      Object.defineProperty(opaque, 'type', { value: 'opaqueredirect' });
      return opaque;
    }
    if (body === null) throw new TypeError('Failed to fetch');
    const response = new Response(body, { status: 200 });
    Object.defineProperty(response, 'redirected', { value: true });
    Object.defineProperty(response, 'url', { value: landed });
    return response;
  };
}

function setup() {
  const server = fakeServer();
  const onChange = vi.fn();
  const subscriptions = new Subscriptions({
    edgeUrl: async () => 'http://127.0.0.1:8787',
    onChange,
    fetch: server.fetch as unknown as typeof fetch,
  });
  return { server, onChange, subscriptions };
}

beforeEach(() => fakeBrowser.reset());

describe('Subscriptions', () => {
  it('subscribes to a list: its title, its filters (read-only, each switchable), published to the pages', async () => {
    const { server, onChange, subscriptions } = setup();
    server.answers.set(
      LIST,
      () =>
        new Response(
          document([{ id: 'scams', words: 'crypto giveaway', action: 'hide' }], { updated: '2026-12-01' }),
          {
            headers: { etag: '"v1"' },
          },
        ),
    );
    const subscription = await subscriptions.subscribe(` ${LIST} `);
    expect(subscription).toMatchObject({
      url: LIST,
      title: 'No crypto',
      updated: '2026-12-01',
      etag: '"v1"',
      off: [],
    });
    expect(onChange).toHaveBeenCalled();
    expect(subscribedFilters(await subscriptions.list()).map((f) => f.id)).toEqual(['list:0:scams']);
    await subscriptions.setFilter(LIST, 'scams', false);
    expect(subscribedFilters(await subscriptions.list())).toEqual([]);
  });

  it('refreshes with a conditional request, takes a new version, keeps the switches', async () => {
    const { server, subscriptions } = setup();
    server.answers.set(
      LIST,
      () => new Response(document([{ id: 'a', words: 'x', action: 'hide' }]), { headers: { etag: '"v1"' } }),
    );
    await subscriptions.subscribe(LIST);
    await subscriptions.setFilter(LIST, 'a', false);
    server.answers.set(LIST, () => new Response(null, { status: 304 }));
    await subscriptions.refresh();
    expect(server.requests.at(-1)!.headers['if-none-match']).toBe('"v1"');
    server.answers.set(
      LIST,
      () =>
        new Response(
          document([
            { id: 'a', words: 'x', action: 'hide' },
            { id: 'b', words: 'y', action: 'collapse' },
          ]),
          { headers: { etag: '"v2"' } },
        ),
    );
    const [refreshed] = await subscriptions.refresh();
    expect(refreshed).toMatchObject({ etag: '"v2"', off: ['a'] });
    expect(subscribedFilters(await subscriptions.list()).map((f) => f.id)).toEqual(['list:0:b']);
  });

  it('keeps a list as it was when a refresh fails, saying why', async () => {
    const { server, subscriptions } = setup();
    server.answers.set(LIST, () => new Response(document([{ id: 'a', words: 'x', action: 'hide' }])));
    await subscriptions.subscribe(LIST);
    server.answers.set(LIST, () => new Response('not json at all'));
    const [kept] = await subscriptions.refresh();
    expect(kept!.filters.map((f) => f.id)).toEqual(['a']);
    expect(kept!.problem).toMatch(/^the list is not JSON/);
    server.answers.set(LIST, () => new Response('', { status: 503 }));
    expect((await subscriptions.refresh())[0]!.problem).toBe("the list's server answered 503");
  });

  it('refuses bad lists with a clear reason and changes nothing', async () => {
    const { server, subscriptions, onChange } = setup();
    const big = `${document([])}${' '.repeat(1024 * 1024)}`;
    server.answers.set('https://lists.example.org/big.json', () => new Response(big));
    server.answers.set(
      'https://lists.example.org/declared.json',
      () => new Response('{}', { headers: { 'content-length': String(2 * 1024 * 1024) } }),
    );
    server.answers.set('https://lists.example.org/page.html', () => new Response('<!doctype html><p>hello'));
    server.answers.set(
      'https://lists.example.org/invalid.json',
      () => new Response(document([{ id: 'a', words: 'x', action: 'explode' }])),
    );
    // A learned filter ("Hide posts like this") whose stored model is cut short.
    server.answers.set(
      'https://lists.example.org/learned.json',
      () =>
        new Response(
          document([
            { id: 'like', action: 'collapse', learned: { examples: [], weights: 'gA==', spared: '' } },
          ]),
        ),
    );
    server.answers.set(
      'https://lists.example.org/moved.json',
      redirectsTo('https://192.168.1.10/list.json', document([])),
    );
    server.answers.set(
      'https://lists.example.org/gone.json',
      redirectsTo('https://10.0.0.1/list.json', null),
    );
    for (const [url, why] of [
      ['https://lists.example.org/big.json', /larger than 1 MB/],
      ['https://lists.example.org/declared.json', /larger than 1 MB/],
      ['https://lists.example.org/page.html', /not JSON/],
      ['https://lists.example.org/invalid.json', /not valid: filters\.0\.action/],
      ['https://lists.example.org/learned.json', /the learned filter "like" cannot be read \(cut short\)/],
      ['http://lists.example.org/a.json', /https only/],
      ['https://10.0.0.1/a.json', /private/],
      ['https://lists.example.org/moved.json', /redirects elsewhere: 192\.168\.1\.10 is a private address/],
      ['https://lists.example.org/gone.json', /redirects to another, which could not be fetched/],
      ['https://lists.example.org/missing.json', /could not be fetched/],
    ] as const)
      await expect(subscriptions.subscribe(url), url).rejects.toThrow(why);
    expect(await subscriptions.list()).toEqual([]);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('follows a redirect to a public address', async () => {
    const { server, subscriptions } = setup();
    server.answers.set(
      'https://lists.example.org/old.json',
      redirectsTo('https://cdn.example.net/list.json', document([{ id: 'a', words: 'x', action: 'hide' }])),
    );
    expect((await subscriptions.subscribe('https://lists.example.org/old.json')).filters).toHaveLength(1);
  });

  it("lets lists on the person's own Veneer server through, local as it may be", async () => {
    const { server, subscriptions } = setup();
    server.answers.set(
      'http://127.0.0.1:8787/v1/lists/abc',
      () => new Response(document([], { version: 3 })),
    );
    expect((await subscriptions.subscribe('http://127.0.0.1:8787/v1/lists/abc')).version).toBe(3);
  });
});
