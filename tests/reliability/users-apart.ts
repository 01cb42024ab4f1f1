import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { Row } from '../bench/bench-report.ts';
import { startStack } from '../stack/index.ts';
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
  socket: WebSocket;
  listId?: string;
}

/**
 * `users kept apart`: `users` users, each with a socket, ask for jobs at random (some images only
 * one user asks for, some shared by several: one job then serves them all), write their own
 * filters and share lists, at once. No frame reaches a user who did not ask for its job, no user
 * reads another's filters, and nobody publishes over another's list. (The node's embedding search
 * is reachable with the node's secret only; no route of the edge exposes it, so no user can query
 * another's images through it: see the closing note of this work for scoping it per user.)
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
      leaks: frameLeaks + filterLeaks + listLeaks,
      frame_leaks: frameLeaks,
      filter_leaks: filterLeaks,
      list_leaks: listLeaks,
      unsettled: all.filter((user) => !settled(user)).length,
      refused_wrongly: refusedWrongly,
    };
  } finally {
    await stack.stop();
  }
}
