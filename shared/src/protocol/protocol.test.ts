import { describe, expect, it } from 'vitest';
import {
  ACK_DELAY_MS,
  ACK_JITTER_MS,
  ackDelayMs,
  JobRequestSchema,
  ResultCallbackSchema,
  ServerMessageSchema,
} from './index.ts';

describe('JobRequestSchema', () => {
  it('accepts a URL job and a bytes job', () => {
    expect(
      JobRequestSchema.safeParse({ type: 'faces', image: { kind: 'url', url: 'https://i.redd.it/a.jpg' } })
        .success,
    ).toBe(true);
    expect(
      JobRequestSchema.safeParse({
        type: 'faces',
        image: { kind: 'bytes', mime: 'image/png', data: 'iVBORw0KGgo=' },
      }).success,
    ).toBe(true);
  });

  it('rejects unknown types, non-http URLs, bad base64 and non-image MIME types', () => {
    const bad = [
      { type: 'mine-bitcoin', image: { kind: 'url', url: 'https://a.b/c.jpg' } },
      { type: 'faces', image: { kind: 'url', url: 'file:///etc/passwd' } },
      { type: 'faces', image: { kind: 'url', url: 'not a url' } },
      { type: 'faces', image: { kind: 'bytes', mime: 'image/png', data: '###' } },
      { type: 'faces', image: { kind: 'bytes', mime: 'text/html', data: 'AAAA' } },
      { type: 'faces' },
    ];
    for (const job of bad) expect(JobRequestSchema.safeParse(job).success, JSON.stringify(job)).toBe(false);
  });
});

describe('frames and callbacks', () => {
  it('parses a done callback and a failed frame', () => {
    const done = {
      status: 'done',
      jobId: 'j',
      result: { type: 'faces', model: 'm', width: 10, height: 10, faces: [] },
    };
    expect(ResultCallbackSchema.parse(done)).toEqual(done);
    expect(ResultCallbackSchema.safeParse({ status: 'running', jobId: 'j', progress: 2 }).success).toBe(
      false,
    );
    const failed = { seq: 3, kind: 'failed', jobId: 'j', error: { code: 'not_an_image', message: 'x' } };
    expect(ServerMessageSchema.parse({ kind: 'frames', frames: [failed] })).toEqual({
      kind: 'frames',
      frames: [failed],
    });
    expect(ServerMessageSchema.safeParse({ kind: 'frames', frames: [{ ...failed, seq: 0 }] }).success).toBe(
      false,
    );
  });
});

describe('ackDelayMs', () => {
  it('waits at least ACK_DELAY_MS and spreads acks over the jitter window', () => {
    expect(ackDelayMs(() => 0)).toBe(ACK_DELAY_MS);
    expect(ackDelayMs(() => 0.5)).toBe(ACK_DELAY_MS + ACK_JITTER_MS / 2);
    expect(ackDelayMs(() => 0.999999)).toBeLessThan(ACK_DELAY_MS + ACK_JITTER_MS);
    const delays = new Set(Array.from({ length: 50 }, () => ackDelayMs()));
    expect(delays.size).toBeGreaterThan(40);
  });
});
