import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../stack/paths.ts';

const run = promisify(execFile);
const extension = path.join(repoRoot, 'extension');
const version = JSON.parse(fs.readFileSync(path.join(extension, 'package.json'), 'utf8')).version as string;

/** Each file under `dir` with its sha256. */
function digests(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return out;
}

const unzip = (zip: string, into: string) => run('unzip', ['-q', '-o', zip, '-d', into]);

/**
 * The packages for the stores (`pnpm package`), and the source package addons.mozilla.org asks
 * for: built again from the source package alone, as SOURCES.md tells a reviewer to, it gives the
 * Firefox package file for file.
 */
describe('pnpm package', () => {
  it('writes the Chrome and Firefox zips and a source package that rebuilds the Firefox one', async () => {
    await run('pnpm', ['run', 'package'], { cwd: extension, maxBuffer: 64 * 1024 * 1024 });
    const output = path.join(extension, '.output');
    for (const name of ['chrome', 'firefox', 'sources'])
      expect(fs.existsSync(path.join(output, `veneer-${version}-${name}.zip`)), name).toBe(true);

    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'veneer-amo-'));
    try {
      const packaged = path.join(work, 'firefox');
      await unzip(path.join(output, `veneer-${version}-firefox.zip`), packaged);
      // The store packages hold exactly what the build wrote (the Firefox build is what
      // web-ext-lint.test.ts lints, so the package passes it too).
      expect(digests(packaged)).toEqual(digests(path.join(output, 'firefox-mv2')));
      const chrome = path.join(work, 'chrome');
      await unzip(path.join(output, `veneer-${version}-chrome.zip`), chrome);
      expect(digests(chrome)).toEqual(digests(path.join(output, 'chrome-mv3')));
      const sources = path.join(work, 'sources');
      await unzip(path.join(output, `veneer-${version}-sources.zip`), sources);
      expect(fs.existsSync(path.join(sources, 'SOURCES.md'))).toBe(true);
      await run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], {
        cwd: sources,
        maxBuffer: 64 * 1024 * 1024,
      });
      await run('pnpm', ['-F', '@veneer/extension', 'exec', 'wxt', 'build', '-b', 'firefox'], {
        cwd: sources,
        maxBuffer: 64 * 1024 * 1024,
      });
      const rebuilt = digests(path.join(sources, 'extension/.output/firefox-mv2'));
      expect(Object.keys(rebuilt).length).toBeGreaterThan(10);
      expect(rebuilt).toEqual(digests(packaged));
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 300_000);
});
