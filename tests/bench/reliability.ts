/**
 * `pnpm bench:reliability`: the reliability scenarios at full length (tests/reliability has the
 * short form that CI runs): 10,000 generated bad inputs per route of the edge and the node and
 * 10,000 socket messages, Redis restarted 5 times under load, 20 node kills, hostile images at the
 * node and in the extension, and every browser suite once for privacy on the wire. Prints the
 * table and writes bench-results/reliability.json.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runFuzz } from '../reliability/fuzz.ts';
import { hostileImages } from '../reliability/hostile-images.ts';
import { hostileImagesInExtension } from '../reliability/hostile-images-extension.ts';
import { killNodes, redisRestart } from '../reliability/node-faults.ts';
import { popularJob } from '../reliability/popular-job.ts';
import { socketStorm } from '../reliability/socket-storm.ts';
import { usersApart } from '../reliability/users-apart.ts';
import { repoRoot, tmpDir } from '../stack/index.ts';
import { type Row, report } from './bench-report.ts';

const arg = (name: string, fallback: number) => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.split('=')[1]) : fallback;
};

const rows: Row[] = [];
const fuzz = await runFuzz({ perRoute: arg('per-route', 10_000), perSocket: arg('per-socket', 10_000) });
for (const row of fuzz.rows) {
  rows.push({
    case: row.case,
    inputs: row.inputs,
    '5xx': row['5xx'],
    bad_shape: row.bad_shape,
    no_answer: row.no_answer,
    runtime_refusals: row.runtime_refusals,
    p50_ms: row.p50_ms,
  });
  if (row.examples.length) console.log(`${row.case}:\n  ${row.examples.join('\n  ')}`);
}
rows.push({ case: 'fuzz: processes down after', crashes: fuzz.crashes });
rows.push(await redisRestart({ jobs: arg('restart-jobs', 600), restarts: arg('restarts', 5) }));
rows.push(await killNodes({ kills: arg('kills', 20), jobsPerRound: 16 }));
rows.push(await socketStorm({ sessions: 10, jobs: arg('storm-results', 300), drops: arg('drops', 100) }));
// 1,000 waiters: more do not fit this machine's limit of 20,000 open files per process under
// wrangler dev. Measured (2026-12-05): 300 users with a socket each cost workerd 1,606 more files
// (each user's Durable Object holds its SQLite database, -wal and -shm open, each socket two) and
// wrangler's proxy workerd 1,233 more (four per socket); 10,000 waiters would need ~50,000 and
// ~40,000. 4,000 ran out.
rows.push(await popularJob({ waiters: arg('popular', 1000) }));
rows.push(await usersApart({ users: 50, jobsEach: 20 }));
rows.push(...(await hostileImages()));
rows.push(...(await hostileImagesInExtension()));
rows.push(...privacyOnTheWire());
report('reliability', rows);

/**
 * `privacy on the wire`: every browser suite (Chromium and Firefox) run once, each browser's traffic
 * checked by tests/e2e/privacy-guard.ts; a row per suite with what was checked and the problems.
 */
function privacyOnTheWire(): Row[] {
  const log = path.join(tmpDir, 'privacy-wire.jsonl');
  fs.rmSync(log, { force: true });
  const run = spawnSync('pnpm', ['exec', 'vitest', 'run', '--project', 'e2e', '--project', 'firefox'], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const suites = new Map<string, Row>();
  for (const line of fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : []) {
    const { suite, ...figures } = JSON.parse(line) as Record<string, number> & { suite: string };
    const row = suites.get(suite) ?? {
      case: `privacy on the wire: ${suite}`,
      browsers: 0,
      requests: 0,
      problems: 0,
    };
    row.browsers = Number(row.browsers) + 1;
    row.requests = Number(row.requests) + figures.requests!;
    row.page_texts = Math.max(Number(row.page_texts ?? 0), figures.page_texts!);
    row.image_addresses = Math.max(Number(row.image_addresses ?? 0), figures.image_addresses!);
    row.problems = Number(row.problems) + figures.problems!;
    suites.set(suite, row);
  }
  return [
    ...suites.values(),
    { case: 'privacy on the wire: the suites passed', failed: run.status === 0 ? 0 : 1 },
  ];
}
