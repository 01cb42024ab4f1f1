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

export interface RedisOptions {
  /**
   * Keep an append-only file in this folder, written to disk before each write is answered
   * (`appendfsync always`), as README "Running Redis" tells operators: a restart loses no
   * accepted job. Without it, nothing is persisted.
   */
  aofDir?: string;
}

/** Debian's redis-server on a free loopback port, never evicting (BullMQ needs that). */
export async function startRedis(port?: number, options: RedisOptions = {}): Promise<RedisServer> {
  const chosen = port ?? (await freePort());
  const persistence = options.aofDir
    ? ['--dir', options.aofDir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '']
    : ['--save', '', '--appendonly', 'no'];
  const running = await startProcess({
    name: `redis-${chosen}`,
    command: 'redis-server',
    args: [
      '--port',
      String(chosen),
      '--bind',
      '127.0.0.1',
      ...persistence,
      '--maxmemory-policy',
      'noeviction',
    ],
    ready: () => ping(chosen),
    timeoutMs: 15_000,
  });
  return Object.assign(running, { url: `redis://127.0.0.1:${chosen}`, port: chosen });
}
