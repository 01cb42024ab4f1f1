import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BASE } from './test-support/edge-client.ts';

describe('app', () => {
  it('answers unknown routes with a JSON 404', async () => {
    const response = await SELF.fetch(`${BASE}/v1/nope`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('allows CORS from extension origins only', async () => {
    const preflight = (origin: string) =>
      SELF.fetch(`${BASE}/v1/jobs`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const extension = await preflight('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(extension.headers.get('access-control-allow-origin')).toBe(
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    );
    const site = await preflight('https://evil.example');
    expect(site.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('tags every response with a request id', async () => {
    const response = await SELF.fetch(`${BASE}/health`);
    expect(response.headers.get('x-request-id')).toMatch(/.+/);
  });
});
