import { env, runDurableObjectAlarm, SELF } from 'cloudflare:test';
import type { JobFrame, RegisterResponse, SequencedFrame, ServerMessage } from '@veneer/shared/protocol';
import { signBody } from '@veneer/shared/signing';
import { vi } from 'vitest';

export const BASE = 'https://edge.test';
export const NODE_SECRET = 'test-node-secret';
export const FAKE_NODE = 'http://fake-inference-node.test';

/** A client address of its own for each new user, so tests do not share per-IP buckets. */
export const randomIp = () => `203.0.113.${Math.floor(Math.random() * 254) + 1}`;

export async function register(ip = randomIp()): Promise<RegisterResponse> {
  const response = await SELF.fetch(`${BASE}/v1/register`, {
    method: 'POST',
    headers: { 'cf-connecting-ip': ip },
  });
  if (response.status !== 201)
    throw new Error(`register answered ${response.status}: ${await response.text()}`);
  return response.json();
}

export function call(method: string, path: string, token: string | null, body?: unknown, ip = randomIp()) {
  return SELF.fetch(`${BASE}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      'cf-connecting-ip': ip,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function postJob(token: string | null, body: string, headers: Record<string, string> = {}) {
  return SELF.fetch(`${BASE}/v1/jobs`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body,
  });
}

export const urlJob = (url = `https://i.redd.it/${crypto.randomUUID()}.jpg`) =>
  JSON.stringify({ type: 'faces', image: { kind: 'url', url } });

export async function postResult(payload: unknown, signature?: string) {
  const body = JSON.stringify(payload);
  return SELF.fetch(`${BASE}/v1/results`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'veneer-signature': signature ?? (await signBody(NODE_SECRET, body)),
    },
    body,
  });
}

export const BACKUP_NODE = 'http://fake-inference-node-b.test';

type Answer = () => Response | Promise<Response>;
const accept: Answer = () => new Response(null, { status: 202 });

/**
 * Fake inference nodes (the primary and the backup): record what the edge forwards and answer
 * as told; `/ready` answers 200 unless `ready` says otherwise.
 */
export function fakeInferenceNode(answer: Answer = accept, backup: Answer = answer, ready = () => true) {
  const received: Array<{
    url: string;
    authorization: string | null;
    body: { jobId: string; job: unknown };
  }> = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const node = [FAKE_NODE, BACKUP_NODE].find((n) => request.url.startsWith(`${n}/`));
    if (!node) return realFetch(input, init);
    if (new URL(request.url).pathname === '/ready')
      return new Response(null, { status: ready() ? 200 : 503 });
    received.push({
      url: request.url,
      authorization: request.headers.get('authorization'),
      body: await request.json(),
    });
    return node === FAKE_NODE ? answer() : backup();
  });
  return received;
}

/** Runs the node registry's health check with every fake node answering /ready. */
export async function healNodes(): Promise<void> {
  vi.restoreAllMocks();
  fakeInferenceNode();
  await runDurableObjectAlarm(env.NODE_REGISTRY.get(env.NODE_REGISTRY.idFromName('nodes')));
  vi.restoreAllMocks();
}

/** Opens a socket the way the extension does and collects every message it receives. */
export async function openSocket(token: string, { session = crypto.randomUUID(), after = 0 } = {}) {
  const response = await SELF.fetch(
    `${BASE}/v1/connect?token=${encodeURIComponent(token)}&session=${session}&after=${after}`,
    { headers: { upgrade: 'websocket' } },
  );
  const socket = response.webSocket;
  if (!socket) throw new Error(`no socket: ${response.status} ${await response.text()}`);
  socket.accept();
  const messages: ServerMessage[] = [];
  const closed: { code?: number; reason?: string } = {};
  socket.addEventListener('message', (event) => {
    if (event.data !== 'pong') messages.push(JSON.parse(event.data as string));
  });
  socket.addEventListener('close', (event) => {
    closed.code = event.code;
    closed.reason = event.reason;
  });
  const frames = () => messages.flatMap((m) => (m.kind === 'frames' ? m.frames : []));
  return {
    socket,
    session,
    messages,
    closed,
    frames,
    /** Resolves once `count` frames have arrived (or rejects after `ms`). */
    async waitForFrames(count: number, ms = 3000): Promise<SequencedFrame[]> {
      const deadline = Date.now() + ms;
      while (frames().length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} frames, got ${JSON.stringify(frames())}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return frames();
    },
    ack(seq: number) {
      socket.send(JSON.stringify({ kind: 'ack', seq }));
    },
  };
}

export const settle = (ms = 100) => new Promise((resolve) => setTimeout(resolve, ms));

/** Frames without their sequence numbers, for comparing content. */
export const content = (frames: SequencedFrame[]): JobFrame[] =>
  frames.map(({ seq: _seq, ...frame }) => frame as JobFrame);

export const facesResult = {
  type: 'faces',
  model: 'ultraface-rfb-320',
  width: 10,
  height: 10,
  faces: [],
} as const;
