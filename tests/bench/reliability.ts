/**
 * `pnpm bench:reliability`: the reliability scenarios at full length (tests/reliability has the
 * short form that CI runs): 10,000 generated bad inputs per route of the edge and the node and
 * 10,000 socket messages, Redis restarted 5 times under load, 20 node kills. Prints the table and
 * writes bench-results/reliability.json.
 */
import { runFuzz } from '../reliability/fuzz.ts';
import { hostileImages } from '../reliability/hostile-images.ts';
import { killNodes, redisRestart } from '../reliability/node-faults.ts';
import { popularJob } from '../reliability/popular-job.ts';
import { socketStorm } from '../reliability/socket-storm.ts';
import { usersApart } from '../reliability/users-apart.ts';
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
// 1,000 waiters: more do not fit this machine's limit of 20,000 open files under wrangler dev (each
// user's Durable Object keeps its SQLite files open, each socket is held twice): 4,000 ran out.
rows.push(await popularJob({ waiters: arg('popular', 1000) }));
rows.push(await usersApart({ users: 50, jobsEach: 20 }));
rows.push(...(await hostileImages()));
report('reliability', rows);
