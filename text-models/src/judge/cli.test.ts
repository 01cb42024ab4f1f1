import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = path.resolve(import.meta.dirname, 'cli.ts');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'veneer-judge-'));
const file = (name: string, content: string) => {
  const at = path.join(dir, name);
  fs.writeFileSync(at, content);
  return at;
};

/** Runs `pnpm judge`'s script with these arguments: its exit code and output. */
async function judge(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const filters = file(
  'filters.json',
  JSON.stringify({
    veneer: 1,
    filters: [
      { id: 'spiders', words: 'spiders', action: 'hide', sites: ['x'] },
      { id: 'bait', classifier: 'clickbait', action: 'collapse' },
    ],
  }),
);
const posts = file(
  'posts.csv',
  'id,text,author,site,kind\n' +
    'p1,"A spider, in the bath",@a,x,original\n' +
    'p2,17 Things Only 90s Kids Will Remember,@b,reddit,original\n' +
    'p3,City council approves the budget,@c,x,reply\n',
);

describe('pnpm judge', () => {
  it('prints one JSON line per post, in input order, with the real text classifiers', async () => {
    const { code, stdout } = await judge('--filters', filters, '--posts', posts, '--json');
    expect(code).toBe(0);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([
      { id: 'p1', matched: ['spiders'], action: 'hide', reasons: ['spiders'] },
      { id: 'p2', matched: ['bait'], action: 'collapse', reasons: ['clickbait'] },
      { id: 'p3', matched: [], action: null, reasons: [] },
    ]);
  });

  it('numbers posts without an id column, and prints a summary without --json', async () => {
    const bare = file('bare.csv', 'text\nspiders on x\nnothing here\n');
    const { code, stdout } = await judge('--filters', filters, '--posts', bare);
    expect(code).toBe(0);
    // No site column: the site is unknown, so filters limited to some sites apply too.
    expect(stdout).toContain('1\thide\tspiders [spiders]');
    expect(stdout).toContain('1 of 2 posts changed');
    const { stdout: json } = await judge('--filters', filters, '--posts', bare, '--json');
    expect(
      json
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(['1', '2']);
  });

  it('reads author, community and kind columns, and applies the allowlist', async () => {
    const who = file(
      'who.json',
      JSON.stringify([
        { id: 'reposts', kinds: ['repost'], action: 'hide' },
        { id: 'pics', from: ['r/pics'], words: 'spiders', action: 'collapse' },
      ]),
    );
    const rows = file(
      'who.csv',
      'id,text,author,community,site,kind\n' +
        'a,A sunset,@x,,x,repost\n' +
        'b,Spiders,u/y,r/pics,reddit,\n' +
        'c,A sunset,@friend,,x,repost\n' +
        'd,Spiders,u/y,r/news,reddit,original\n',
    );
    const { code, stdout } = await judge(
      '--filters',
      who,
      '--posts',
      rows,
      '--always-show',
      '@friend',
      '--json',
    );
    expect(code).toBe(0);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).action),
    ).toEqual(['hide', 'collapse', null, null]);
  });

  it('reads the verified column: a filter with a badge takes only the posts whose badge is known and as it asks', async () => {
    const badges = file(
      'badges.json',
      JSON.stringify([
        { id: 'blue-replies', kinds: ['reply'], badge: 'verified', action: 'hide' },
        { id: 'plain', badge: 'none', words: 'giveaway', action: 'collapse' },
      ]),
    );
    const rows = file(
      'badges.csv',
      'id,text,author,site,kind,verified\n' +
        'a,Great point,@blue,x,reply,true\n' +
        'b,Great point,@plain,x,reply,false\n' +
        'c,Great point,@unknown,x,reply,\n' +
        'd,A giveaway,@plain,x,original,no\n' +
        'e,A giveaway,@blue,x,original,yes\n' +
        'f,Great point,@blue,x,original,1\n',
    );
    const { code, stdout } = await judge('--filters', badges, '--posts', rows, '--json');
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.action)).toEqual(['hide', null, null, 'collapse', null, null]);
    expect(lines[0].reasons).toEqual(['reply from a verified account']);
    const bad = await judge(
      '--filters',
      badges,
      '--posts',
      file('badbadge.csv', 'text,verified\nhello,maybe\n'),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/says "maybe" in row 2's verified column \(true or false; empty: not known\)/);
  });

  it('refuses with a clear message and exit code 2: missing files, no text column, an invalid list, bad arguments', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['--filters', path.join(dir, 'none.json'), '--posts', posts],
        /filter list .*none\.json does not exist/,
      ],
      [
        ['--filters', filters, '--posts', path.join(dir, 'none.csv')],
        /posts file .*none\.csv does not exist/,
      ],
      [
        ['--filters', filters, '--posts', file('notext.csv', 'id,body\n1,hello\n')],
        /no "text" column \(its columns: id, body\)/,
      ],
      [
        ['--filters', file('bad.json', '[{"id":"x","action":"explode"}]'), '--posts', posts],
        /is not valid: 0\.action/,
      ],
      [
        ['--filters', file('regex.json', '[{"id":"x","words":"/(a+)+/","action":"hide"}]'), '--posts', posts],
        /freeze the page/,
      ],
      [['--filters', file('notjson.json', '{nope'), '--posts', posts], /is not JSON/],
      [
        ['--filters', filters, '--posts', file('badkind.csv', 'text,kind\nhello,retweet\n')],
        /unknown kind "retweet" in row 2 \(kinds: original, repost/,
      ],
      [['--posts', posts], /usage: pnpm judge/],
      [['--filters', filters, '--posts', posts, '--frobnicate'], /Unknown option/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await judge(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toMatch(message);
    }
  });
});
