import { SELF } from 'cloudflare:test';
import type { RegisterResponse, ServerFrame } from '@veneer/shared/protocol';
import { signBody } from '@veneer/shared/signing';

export const BASE = 'https://edge.test';
export const NODE_SECRET = 'test-node-secret';

export async function register(): Promise<RegisterResponse> {
  const response = await SELF.fetch(`${BASE}/v1/register`, { method: 'POST' });
  return response.json();
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

/** Opens a socket the way the extension does and collects every frame it receives. */
export async function openSocket(token: string) {
  const response = await SELF.fetch(`${BASE}/v1/connect?token=${encodeURIComponent(token)}`, {
    headers: { upgrade: 'websocket' },
  });
  const socket = response.webSocket;
  if (!socket) throw new Error(`no socket: ${response.status} ${await response.text()}`);
  socket.accept();
  const frames: ServerFrame[] = [];
  const waiters: Array<() => void> = [];
  socket.addEventListener('message', (event) => {
    frames.push(JSON.parse(event.data as string));
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    socket,
    frames,
    /** Resolves once `count` frames have arrived (or rejects after `ms`). */
    async waitFor(count: number, ms = 2000) {
      const deadline = Date.now() + ms;
      while (frames.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} frames, got ${frames.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return frames;
    },
  };
}

export const facesResult = {
  type: 'faces',
  model: 'ultraface-rfb-320',
  width: 10,
  height: 10,
  faces: [],
} as const;
