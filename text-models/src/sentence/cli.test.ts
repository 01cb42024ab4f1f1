import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { FilterListSchema } from '@veneer/shared/filters';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = path.resolve(import.meta.dirname, 'cli.ts');

/** Runs `pnpm parse:filter`'s script: its exit code and output. */
async function parse(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], {
      env: { ...process.env, TZ: 'UTC' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('pnpm parse:filter', () => {
  it('prints the filter as JSON, valid under the schema, with times resolved against now', async () => {
    const { code, stdout } = await parse(
      'blur spider pictures on reddit for a week',
      '--json',
      '--now',
      '2026-12-05T10:00:00Z',
    );
    expect(code).toBe(0);
    const filter = JSON.parse(stdout);
    expect(filter).toMatchObject({ action: 'blur', words: 'spider', sites: ['reddit'] });
    expect(filter.expiresAt).toBe(Date.parse('2026-12-12T10:00:00Z'));
    expect(filter.id).toBeUndefined();
    expect(FilterListSchema.safeParse([{ id: 'a', ...filter }]).success).toBe(true);
  });

  it('resolves "for a day" against the current time when no --now is given', async () => {
    const before = Date.now();
    const { stdout } = await parse('hide crypto for a day', '--json');
    expect(JSON.parse(stdout).expiresAt).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(JSON.parse(stdout).expiresAt).toBeLessThanOrEqual(Date.now() + 86_400_000);
  });

  it('answers {"error"} and exit code 2 for what it cannot read', async () => {
    for (const sentence of ['', 'spiders', 'x'.repeat(10_000)]) {
      const { code, stdout } = await parse(sentence, '--json');
      expect(code).toBe(2);
      expect(JSON.parse(stdout)).toEqual({ error: expect.any(String) });
    }
  });

  it('without --json says the filter in words', async () => {
    const { code, stdout } = await parse('collapse rude replies, be strict');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Collapse offensive language reply posts on every site \(strict\)\n/);
  });
});
