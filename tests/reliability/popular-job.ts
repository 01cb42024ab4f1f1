import { randomUUID } from 'node:crypto';
import { signBody } from '@veneer/shared/signing';
import WebSocket from 'ws';
import { type Row, round } from '../bench/bench-report.ts';
import { startStack } from '../stack/index.ts';
import { RATE_LIMITS_FOR_LOAD } from './load-limits.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `task` over `items`, `concurrency` at a time. */
async function pool<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

/**
 * `popular job`: the same job (one image, a viral one) awaited by `waiters` users, each with a
 * socket. Its result is posted to the edge as a node posts it (signed), and `deliver_s` is the time
 * until every socket has it; `lost` counts sockets without it, `duplicated` sockets that got it
 * twice. The coordinator hands the frame down its fan-out tree (FANOUT_WIDTH 250: no invocation
 * calls more than 250 others).
 */
export async function popularJob({ waiters }: { waiters: number }): Promise<Row> {
  const stack = await startStack({ edgeVars: { RATE_LIMITS: JSON.stringify(RATE_LIMITS_FOR_LOAD) } });
  const sockets: WebSocket[] = [];
  try {
    const ws = stack.edge.url.replace('http', 'ws');
    const got = new Map<number, number>();
    const users: Array<{ n: number; token: string }> = [];
    await pool(
      Array.from({ length: waiters }, (_, n) => n),
      64,
      async (n) => {
        const { token } = (await (
          await fetch(`${stack.edge.url}/v1/register`, { method: 'POST' })
        ).json()) as {
          token: string;
        };
        const socket = new WebSocket(
          `${ws}/v1/connect?token=${encodeURIComponent(token)}&session=${randomUUID()}`,
        );
        socket.on('message', (data) => {
          const text = String(data);
          if (text.includes('"done"')) got.set(n, (got.get(n) ?? 0) + 1);
        });
        socket.on('error', () => {});
        await new Promise((resolve, reject) => {
          socket.once('open', resolve);
          socket.once('error', reject);
        });
        sockets.push(socket);
        users.push({ n, token });
      },
    );
    // Everyone asks for the same picture (it takes the node two minutes to fetch: the result this
    // test posts comes first).
    let jobId = '';
    await pool(users, 64, async ({ token }) => {
      const response = await fetch(`${stack.edge.url}/v1/jobs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'faces',
          image: { kind: 'url', url: `${stack.images.origin}/slow/120000/faces/2.jpg` },
        }),
      });
      jobId = ((await response.json()) as { jobId: string }).jobId;
    });
    const body = JSON.stringify({
      status: 'done',
      jobId,
      result: { type: 'faces', model: 'yunet', width: 10, height: 10, faces: [] },
    });
    const started = performance.now();
    const response = await fetch(`${stack.edge.url}/v1/results`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'veneer-signature': await signBody(stack.nodeSecret, body),
      },
      body,
    });
    const answer = (await response.json()) as { delivered?: number };
    const deadline = Date.now() + 300_000;
    while (got.size < waiters && Date.now() < deadline) await sleep(20);
    const deliverS = (performance.now() - started) / 1000;
    await sleep(1000);
    return {
      case: `popular job: ${waiters} waiters`,
      waiters,
      delivered: answer.delivered ?? 0,
      lost: waiters - got.size,
      duplicated: [...got.values()].filter((count) => count > 1).length,
      deliver_s: round(deliverS, 2),
    };
  } finally {
    for (const socket of sockets) socket.terminate();
    await stack.stop();
  }
}
