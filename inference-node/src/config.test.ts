import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const base = { NODE_SECRET: 'x'.repeat(16), EDGE_URL: 'http://127.0.0.1:8787' };

describe('loadConfig', () => {
  it('reads defaults, the fetch allow-list and per-type concurrency', () => {
    const config = loadConfig({
      ...base,
      VENEER_FETCH_ALLOW: '127.0.0.1:8443, Fixture.Test:443',
      JOB_CONCURRENCY_BY_TYPE: 'faces=4,ocr=2',
    });
    expect(config.PORT).toBe(8788);
    expect([...config.fetchAllow]).toEqual(['127.0.0.1:8443', 'fixture.test:443']);
    expect(config.concurrencyByType).toEqual(
      new Map([
        ['faces', 4],
        ['ocr', 2],
      ]),
    );
  });

  it('explains what is wrong', () => {
    expect(() => loadConfig({ EDGE_URL: 'http://x' })).toThrow(/NODE_SECRET/);
    expect(() => loadConfig({ ...base, EDGE_URL: 'not a url' })).toThrow(/EDGE_URL/);
    expect(() => loadConfig({ ...base, JOB_CONCURRENCY_BY_TYPE: 'faces=lots' })).toThrow(/faces=lots/);
  });
});
