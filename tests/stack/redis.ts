import net from 'node:net';
import { freePort } from './ports.ts';
import { type Running, startProcess } from './process.ts';

/** Sends PING over a raw socket; true on +PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(1000);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      resolve(data.toString().startsWith('+PONG'));
      socket.destroy();
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      resolve(false);
      socket.destroy();
    });
  });
}

export interface RedisServer extends Running {
  url: string;
  port: number;
}

/** Debian's redis-server on a free loopback port, without persistence, never evicting (BullMQ needs that). */
export async function startRedis(port?: number): Promise<RedisServer> {
  const chosen = port ?? (await freePort());
  const running = await startProcess({
    name: `redis-${chosen}`,
    command: 'redis-server',
    args: [
      '--port',
      String(chosen),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    ready: () => ping(chosen),
    timeoutMs: 15_000,
  });
  return Object.assign(running, { url: `redis://127.0.0.1:${chosen}`, port: chosen });
}
