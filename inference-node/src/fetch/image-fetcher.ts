import dns from 'node:dns';
import { isIP } from 'node:net';
import { Agent, type Dispatcher, fetch } from 'undici';
import { ImageRefusal } from '../images/image-refusal.ts';
import { nonPublicReason } from './address-policy.ts';

export type LookupAll = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export interface FetchPolicy {
  /** `host:port` pairs that may be non-public (test fixture hosts); empty in production. */
  allow: ReadonlySet<string>;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  /** DNS resolution; tests pass a fake resolver. */
  lookupAll?: LookupAll;
}

const systemLookupAll: LookupAll = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

class BlockedAtConnect extends Error {}

/**
 * Fetches images from public http(s) addresses only. Every hop (the first URL and each of at
 * most `maxRedirects` redirects) is checked before it is requested, and the connection itself
 * resolves through a guard that refuses non-public addresses, so a DNS answer that changes
 * between the check and the connection cannot reach a private host either.
 */
export function createImageFetcher(policy: FetchPolicy) {
  const lookupAll = policy.lookupAll ?? systemLookupAll;
  const maxRedirects = policy.maxRedirects ?? 3;

  const guardedAgent = new Agent({
    connect: {
      lookup(hostname, options, callback) {
        lookupAll(hostname).then(
          (addresses) => {
            const blocked = addresses.find((a) => nonPublicReason(a.address));
            if (blocked || addresses.length === 0) {
              callback(
                new BlockedAtConnect(`${hostname} resolves to ${blocked?.address ?? 'nothing'}`),
                '',
                0,
              );
            } else if ((options as { all?: boolean }).all) {
              (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
            } else {
              callback(null, addresses[0]!.address, addresses[0]!.family);
            }
          },
          (error: Error) => callback(error as NodeJS.ErrnoException, '', 0),
        );
      },
    },
  });
  const fixtureAgent = new Agent();

  /** Refuses a URL that is not http(s) or that points at a non-public address. */
  async function checkUrl(raw: string): Promise<{ url: URL; dispatcher: Dispatcher }> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ImageRefusal('unsupported_url', `not a valid URL: ${raw.slice(0, 200)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ImageRefusal(
        'unsupported_url',
        `only http and https images can be fetched, not ${url.protocol}`,
      );
    }
    if (url.username || url.password)
      throw new ImageRefusal('unsupported_url', 'URLs with credentials are refused');
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    if (policy.allow.has(`${hostname.toLowerCase()}:${port}`)) return { url, dispatcher: fixtureAgent };
    const addresses = isIP(hostname)
      ? [{ address: hostname }]
      : await lookupAll(hostname).catch(() => {
          throw new ImageRefusal('fetch_failed', `cannot resolve ${hostname}`);
        });
    for (const { address } of addresses) {
      const reason = nonPublicReason(address);
      if (reason) {
        throw new ImageRefusal(
          'blocked_address',
          `${url.host} resolves to ${address} (${reason}); only public addresses are fetched`,
        );
      }
    }
    return { url, dispatcher: guardedAgent };
  }

  async function fetchImage(raw: string): Promise<Uint8Array> {
    const signal = AbortSignal.timeout(policy.timeoutMs);
    let next = raw;
    for (let hop = 0; ; hop++) {
      const { url, dispatcher } = await checkUrl(next);
      let response: Awaited<ReturnType<typeof fetch>>;
      try {
        response = await fetch(url, {
          dispatcher,
          redirect: 'manual',
          signal,
          headers: {
            accept: 'image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8',
            'user-agent': 'VeneerImageFetcher/1',
          },
        });
      } catch (error) {
        throw describeFetchError(error, url);
      }
      if ([301, 302, 303, 307, 308].includes(response.status)) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (!location) throw new ImageRefusal('fetch_failed', `redirect from ${url.host} without a Location`);
        if (hop >= maxRedirects)
          throw new ImageRefusal('fetch_failed', `more than ${maxRedirects} redirects`);
        next = new URL(location, url).toString();
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new ImageRefusal('fetch_failed', `the image host answered ${response.status}`);
      }
      return readCapped(response, policy.maxBytes, signal);
    }
  }

  return {
    checkUrl,
    fetchImage,
    async close() {
      await Promise.all([guardedAgent.close(), fixtureAgent.close()]);
    },
  };
}

export type ImageFetcher = ReturnType<typeof createImageFetcher>;

async function readCapped(
  response: Response | Awaited<ReturnType<typeof fetch>>,
  maxBytes: number,
  signal: AbortSignal,
) {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new ImageRefusal(
      'image_too_large',
      `the image is ${declared} bytes; the limit is ${maxBytes}`,
      413,
    );
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        throw new ImageRefusal('image_too_large', `the image is over the ${maxBytes}-byte limit`, 413);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof ImageRefusal) throw error;
    throw signal.aborted
      ? new ImageRefusal('fetch_failed', 'the image download timed out')
      : new ImageRefusal('fetch_failed', `the image download broke off: ${(error as Error).message}`);
  }
  return Buffer.concat(chunks, size);
}

function describeFetchError(error: unknown, url: URL): ImageRefusal {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof BlockedAtConnect) {
      return new ImageRefusal('blocked_address', `${cause.message}; only public addresses are fetched`);
    }
    if ((cause as Error).name === 'TimeoutError' || (cause as Error).name === 'AbortError') {
      return new ImageRefusal('fetch_failed', 'the image download timed out');
    }
  }
  return new ImageRefusal('fetch_failed', `could not fetch the image from ${url.host}`);
}
