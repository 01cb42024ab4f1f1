import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import WebSocket from 'ws';
import type { Row } from '../bench/bench-report.ts';
import { startStack } from '../stack/index.ts';
import { dataDir } from '../stack/paths.ts';
import { RATE_LIMITS_FOR_LOAD } from './load-limits.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface User {
  n: number;
  token: string;
  words: string;
  /** Every frame its socket received, by kind and job id. */
  frames: Array<{ kind: string; jobId: string }>;
  /** The job ids it asked for. */
  asked: Set<string>;
  /** sha256 of the images it had embedded. */
  embedded: Set<string>;
  socket: WebSocket;
  listId?: string;
}

/**
 * `users kept apart`: `users` users, each with a socket, ask for jobs at random (some images only
 * one user asks for, some shared by several: one job then serves them all), write their own
 * filters and share lists, at once. No frame reaches a user who did not ask for its job, no user
 * reads another's filters, nobody publishes over another's list, and an embedding search ("images
 * like this") finds only the user's own embedded images: each user has two images embedded, one
 * of its own and one shared with other users, then searches by its image (every similarity let
 * through) and by another user's (refused).
 */
export async function usersApart({ users, jobsEach }: { users: number; jobsEach: number }): Promise<Row> {
  const stack = await startStack({ edgeVars: { RATE_LIMITS: JSON.stringify(RATE_LIMITS_FOR_LOAD) } });
  try {
    const all: User[] = await Promise.all(
      Array.from({ length: users }, async (_, n) => {
        const { token } = (await (
          await fetch(`${stack.edge.url}/v1/register`, { method: 'POST' })
        ).json()) as {
          token: string;
        };
        const socket = new WebSocket(
          `${stack.edge.url.replace('http', 'ws')}/v1/connect?token=${encodeURIComponent(token)}&session=${randomUUID()}`,
        );
        const user: User = {
          n,
          token,
          words: `secret-word-of-user-${n}`,
          frames: [],
          asked: new Set(),
          embedded: new Set(),
          socket,
        };
        socket.on('message', (data) => {
          const message = JSON.parse(String(data)) as { frames?: Array<{ kind: string; jobId: string }> };
          user.frames.push(...(message.frames ?? []));
        });
        await new Promise((resolve, reject) => {
          socket.on('open', resolve);
          socket.on('error', reject);
        });
        return user;
      }),
    );
    const headers = (user: User) => ({
      authorization: `Bearer ${user.token}`,
      'content-type': 'application/json',
    });
    let refusedWrongly = 0;
    await Promise.all(
      all.map(async (user) => {
        // Its own filters.
        const put = await fetch(`${stack.edge.url}/v1/filters`, {
          method: 'PUT',
          headers: headers(user),
          body: JSON.stringify({
            version: 0,
            filters: [{ id: `f${user.n}`, words: user.words, action: 'hide' }],
          }),
        });
        if (put.status !== 200) refusedWrongly++;
        // A shared list.
        const list = await fetch(`${stack.edge.url}/v1/lists`, {
          method: 'POST',
          headers: headers(user),
          body: JSON.stringify({
            title: `list of ${user.n}`,
            filters: [{ id: 'l', words: user.words, action: 'hide' }],
          }),
        });
        if (list.status === 201) user.listId = ((await list.json()) as { id: string }).id;
        else refusedWrongly++;
        // Two embeddings: an image of its own, and one of four images other users have too.
        for (const bytes of [await ownImage(user.n), await sharedImage(user.n % 4)]) {
          const response = await fetch(`${stack.edge.url}/v1/jobs`, {
            method: 'POST',
            headers: headers(user),
            body: JSON.stringify({
              type: 'embed',
              image: { kind: 'bytes', mime: 'image/png', data: bytes.toString('base64') },
            }),
          });
          const body = (await response.json()) as { jobId?: string };
          if (body.jobId) user.asked.add(body.jobId);
          else refusedWrongly++;
          user.embedded.add(createHash('sha256').update(bytes).digest('hex'));
        }
        // Jobs: half on images only this user asks for, half on 10 images many users share.
        for (let j = 0; j < jobsEach; j++) {
          const image = j % 2 === 0 ? `own-${user.n}-${j}` : `shared-${j % 10}`;
          const response = await fetch(`${stack.edge.url}/v1/jobs`, {
            method: 'POST',
            headers: headers(user),
            body: JSON.stringify({
              type: 'faces',
              image: { kind: 'url', url: `${stack.images.origin}/faces/2.jpg?${image}` },
            }),
          });
          const body = (await response.json()) as { jobId?: string };
          if (body.jobId) user.asked.add(body.jobId);
          else refusedWrongly++;
          await sleep(Math.random() * 50);
        }
      }),
    );
    // Results settle.
    const deadline = Date.now() + 90_000;
    const settled = (user: User) =>
      [...user.asked].every((jobId) =>
        user.frames.some((f) => f.jobId === jobId && (f.kind === 'done' || f.kind === 'failed')),
      );
    while (!all.every(settled) && Date.now() < deadline) await sleep(250);
    await sleep(2000);
    let frameLeaks = 0;
    let filterLeaks = 0;
    let listLeaks = 0;
    let searchLeaks = 0;
    let searches = 0;
    for (const user of all) {
      // Searching by its own image, every similarity let through: only its own images come back.
      const [own] = [...user.embedded];
      const found = await fetch(`${stack.edge.url}/v1/embeddings/search`, {
        method: 'POST',
        headers: headers(user),
        body: JSON.stringify({ sha256: own, limit: 100, minSimilarity: -1 }),
      });
      searches++;
      if (found.status !== 200) refusedWrongly++;
      else {
        const { matches } = (await found.json()) as { matches: Array<{ sha256: string }> };
        searchLeaks += matches.filter((m) => !user.embedded.has(m.sha256)).length;
        if (matches.length !== user.embedded.size) refusedWrongly++;
      }
      // Searching by another user's own image is refused as unknown.
      const [othersOwn] = [...all[(user.n + 1) % all.length]!.embedded];
      const other = await fetch(`${stack.edge.url}/v1/embeddings/search`, {
        method: 'POST',
        headers: headers(user),
        body: JSON.stringify({ sha256: othersOwn, minSimilarity: -1 }),
      });
      searches++;
      // Found: a leak; anything but "not found": a wrong refusal.
      if (other.status === 200) searchLeaks++;
      else if (other.status !== 404) refusedWrongly++;
      await other.body?.cancel();
    }
    for (const user of all) {
      frameLeaks += user.frames.filter((f) => !user.asked.has(f.jobId)).length;
      const mine = await (await fetch(`${stack.edge.url}/v1/filters`, { headers: headers(user) })).text();
      // Its own words, and nobody else's.
      if (!mine.includes(user.words)) refusedWrongly++;
      filterLeaks += all.filter((other) => other !== user && mine.includes(`${other.words}"`)).length;
      // Publishing over another user's list is refused, and the list stays as it was.
      const other = all[(user.n + 1) % all.length]!;
      if (other.listId) {
        const over = await fetch(`${stack.edge.url}/v1/lists/${other.listId}`, {
          method: 'PUT',
          headers: headers(user),
          body: JSON.stringify({ title: 'taken over', filters: [{ id: 'x', words: 'x', action: 'hide' }] }),
        });
        if (over.status !== 403) listLeaks++;
        const read = await (await fetch(`${stack.edge.url}/v1/lists/${other.listId}`)).text();
        if (read.includes('taken over')) listLeaks++;
      }
    }
    for (const user of all) user.socket.close(1000);
    return {
      case: 'users kept apart',
      users,
      jobs: all.reduce((sum, user) => sum + user.asked.size, 0),
      searches,
      leaks: frameLeaks + filterLeaks + listLeaks + searchLeaks,
      frame_leaks: frameLeaks,
      filter_leaks: filterLeaks,
      list_leaks: listLeaks,
      search_leaks: searchLeaks,
      unsettled: all.filter((user) => !settled(user)).length,
      refused_wrongly: refusedWrongly,
    };
  } finally {
    await stack.stop();
  }
}

/** A small picture only user `n` has: one of the data set's images, turned and tinted its own way. */
async function ownImage(n: number): Promise<Buffer> {
  const names = fs.readdirSync(path.join(dataDir, 'images')).sort();
  return sharp(path.join(dataDir, 'images', names[n % names.length]!))
    .resize(96, 96, { fit: 'cover' })
    .rotate((n * 37) % 360)
    .tint({ r: (n * 53) % 256, g: (n * 97) % 256, b: (n * 29) % 256 })
    .png()
    .toBuffer();
}

/** One of four pictures several users have. */
async function sharedImage(k: number): Promise<Buffer> {
  return sharp(path.join(dataDir, 'images', 'skimage_coffee.png'))
    .resize(96, 96, { fit: 'cover' })
    .modulate({ hue: k * 90 })
    .png()
    .toBuffer();
}
