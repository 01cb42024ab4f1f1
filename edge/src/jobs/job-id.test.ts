import { describe, expect, it } from 'vitest';
import { jobIdFor, normalizeImageUrl } from './job-id.ts';

const urlJob = (url: string) => ({ type: 'faces' as const, image: { kind: 'url' as const, url } });
const bytesJob = (text: string, mime = 'image/png') => ({
  type: 'faces' as const,
  image: { kind: 'bytes' as const, mime, data: btoa(text) },
});

describe('job ids', () => {
  it('are the same for the same content, however the URL is written', async () => {
    expect(normalizeImageUrl('HTTPS://I.Redd.it:443/a.jpg?b=2&a=1#x')).toBe(
      'https://i.redd.it/a.jpg?a=1&b=2',
    );
    expect(await jobIdFor(urlJob('https://i.redd.it/a.jpg?b=2&a=1'))).toBe(
      await jobIdFor(urlJob('https://I.REDD.IT/a.jpg?a=1&b=2#frag')),
    );
    expect(await jobIdFor(bytesJob('same bytes', 'image/png'))).toBe(
      await jobIdFor(bytesJob('same bytes', 'image/jpeg')),
    );
  });

  it('do not depend on priority', async () => {
    const job = urlJob('https://i.redd.it/a.jpg');
    expect(await jobIdFor({ ...job, priority: 'bulk' })).toBe(await jobIdFor(job));
  });

  it('differ for different content', async () => {
    expect(await jobIdFor(urlJob('https://i.redd.it/a.jpg'))).not.toBe(
      await jobIdFor(urlJob('https://i.redd.it/b.jpg')),
    );
    expect(await jobIdFor(bytesJob('one'))).not.toBe(await jobIdFor(bytesJob('two')));
    expect(await jobIdFor(urlJob('https://i.redd.it/a.jpg'))).toMatch(/^j1_[0-9a-f]{64}$/);
  });
});
