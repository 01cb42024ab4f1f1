import { describe, expect, it } from 'vitest';
import { runFuzz } from './fuzz.ts';
import { hostileImages } from './hostile-images.ts';
import { hostileImagesInExtension } from './hostile-images-extension.ts';
import { killNodes, redisRestart } from './node-faults.ts';
import { popularJob } from './popular-job.ts';
import { socketStorm } from './socket-storm.ts';
import { usersApart } from './users-apart.ts';

/**
 * The short form of `pnpm bench:reliability` (which runs the same scenarios longer and writes
 * bench-results/reliability.json): each scenario once, with fewer inputs, and its goal as a test.
 */
describe('reliability (short form)', () => {
  it('fuzz: generated bad input to every route and socket gets no 5xx, no crash, the documented refusals', async () => {
    const { rows, crashes } = await runFuzz({ perRoute: 300, perSocket: 600 });
    console.log(rows.map((r) => `${r.case}: ${JSON.stringify(r.statuses)}`).join('\n'));
    expect(crashes).toBe(0);
    for (const row of rows) {
      expect(row.inputs, row.case).toBeGreaterThan(0);
      expect({
        case: row.case,
        '5xx': row['5xx'],
        bad_shape: row.bad_shape,
        no_answer: row.no_answer,
        examples: row.examples,
      }).toEqual({
        case: row.case,
        '5xx': 0,
        bad_shape: 0,
        no_answer: 0,
        examples: [],
      });
    }
  });

  it('redis restart: while jobs flow, Redis (append-only file on) killed and started again loses no accepted job', async () => {
    const row = await redisRestart({ jobs: 120, restarts: 1 });
    console.log(row);
    expect(row).toMatchObject({ lost: 0, duplicated: 0, bad_answers: 0, crashes: 0 });
    expect(row.accepted).toBe(120);
    expect(row.refusals_503).toBeGreaterThan(0);
  });

  it('kill -9: nodes killed at random moments beside a second one lose no job', async () => {
    const row = await killNodes({ kills: 3, jobsPerRound: 16 });
    console.log(row);
    expect(row).toMatchObject({ lost: 0, bad_answers: 0, crashes: 0 });
    expect(row.pickup_p99_s).toBeLessThan(15);
  });

  it('hostile images: decoder bombs and broken files are refused or fail as jobs, the node stays up and bounded', async () => {
    const rows = await hostileImages();
    console.log(rows);
    for (const row of rows)
      expect({ case: row.case, bad: row.bad, crashes: row.crashes ?? 0 }).toEqual({
        case: row.case,
        bad: 0,
        crashes: 0,
      });
    // Headers claiming billions of pixels are refused before any pixel is decoded.
    expect(rows.find((r) => r.case.includes('100,000 x 100,000'))?.outcome).toBe('413 image_too_large');
    // The node's peak stays within what the 40 MP limit allows for (decoded RGB plus the models).
    expect(Math.max(...rows.map((r) => Number(r.peak_mb)))).toBeLessThan(2048);
  });

  it('hostile images in the extension: the on-device hash, classifier and face detector refuse or read each, bounded', async () => {
    const rows = await hostileImagesInExtension();
    console.table(rows);
    for (const row of rows) expect({ case: row.case, bad: row.bad }).toEqual({ case: row.case, bad: 0 });
    // Headers claiming billions of pixels are refused, with the reason, before any decoding.
    for (const claim of ['100,000 x 100,000', '2^31-1 x 1', '65,500 x 65,500', '16,384 x 16,384']) {
      const row = rows.find((r) => r.case.includes(claim))!;
      expect({ claim, hash: row.hash, faces: row.faces }).toMatchObject({
        claim,
        hash: 'refused',
        faces: expect.stringMatching(/pixels\); the limit is 40000000/),
      });
    }
    expect(rows.find((r) => r.case.includes('empty file'))?.faces).toBe('refused: the image is empty');
    expect(rows.find((r) => r.case.includes('never stops sending'))?.faces).toMatch(
      /the limit of 10485760 bytes/,
    );
    // The whole browser stays within what the 40 MP limit allows for.
    expect(Math.max(...rows.map((r) => Number(r.peak_mb)))).toBeLessThan(3072);
  });

  it('socket storm: sessions cut at random moments and the edge restarted lose, repeat and reorder no result', async () => {
    const row = await socketStorm({ sessions: 5, jobs: 40, drops: 20 });
    console.log(row);
    expect(row).toMatchObject({ lost: 0, duplicated: 0, out_of_order: 0, not_accepted: 0 });
    expect(row.results).toBe(40);
  });

  it('users kept apart: 20 users at once, no frame, filter, list or embedding search hit reaches another', async () => {
    const row = await usersApart({ users: 20, jobsEach: 6 });
    console.log(row);
    expect(row).toMatchObject({ leaks: 0, search_leaks: 0, unsettled: 0, refused_wrongly: 0 });
    expect(row.searches).toBe(40);
  });

  it('a popular job: one result reaches 1,000 waiting users, each once, through the fan-out tree', async () => {
    const row = await popularJob({ waiters: 1000 });
    console.log(row);
    expect(row).toMatchObject({ delivered: 1000, lost: 0, duplicated: 0 });
  });
});
