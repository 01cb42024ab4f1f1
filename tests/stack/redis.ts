import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
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

export interface RedisCluster {
  /** `host:port,host:port,host:port`, as the node's REDIS_CLUSTER_NODES takes it. */
  nodes: string;
  masters: RedisServer[];
  stop(): Promise<void>;
}

/**
 * A Redis Cluster of three masters (no replicas) from Debian's redis-server on free loopback
 * ports, their slots assigned by `redis-cli --cluster create`, ready when every master says
 * cluster_state:ok.
 */
export async function startRedisCluster(): Promise<RedisCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'veneer-redis-cluster-'));
  const masters: RedisServer[] = [];
  const stop = async () => {
    for (const master of masters) await master.stop().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const running = await startProcess({
        name: `redis-cluster-${port}`,
        command: 'redis-server',
        args: [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--dir',
          dir,
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          `nodes-${port}.conf`,
          '--save',
          '',
          '--appendonly',
          'no',
          '--maxmemory-policy',
          'noeviction',
        ],
        ready: () => ping(port),
        timeoutMs: 15_000,
      });
      masters.push(Object.assign(running, { url: `redis://127.0.0.1:${port}`, port }));
    }
    const nodes = masters.map((m) => `127.0.0.1:${m.port}`);
    execFileSync('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes'], {
      stdio: 'ignore',
      timeout: 30_000,
    });
    const deadline = Date.now() + 30_000;
    while (
      !masters.every((m) =>
        execFileSync('redis-cli', ['-p', String(m.port), 'cluster', 'info'], { encoding: 'utf8' }).includes(
          'cluster_state:ok',
        ),
      )
    ) {
      if (Date.now() > deadline) throw new Error('the Redis Cluster did not come up');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return { nodes: nodes.join(','), masters, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
