import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, tmpDir } from './paths.ts';
import { freePort } from './ports.ts';
import { httpOk, type Running, startProcess } from './process.ts';

export interface EdgeOptions {
  inferenceNodeUrl: string;
  nodeSecret: string;
  tokenSecret: string;
  port?: number;
  /** More --var values (RATE_LIMITS, ...). */
  vars?: Record<string, string>;
}

export interface Edge extends Running {
  url: string;
  port: number;
}

/** The real edge: `wrangler dev` (workerd) offline on a loopback port, with its own state folder. */
export function startEdge(options: EdgeOptions): Promise<Edge> {
  return startWrangler({
    name: 'edge',
    port: options.port,
    vars: {
      INFERENCE_NODE_URL: options.inferenceNodeUrl,
      NODE_SECRET: options.nodeSecret,
      TOKEN_SECRET: options.tokenSecret,
      ...options.vars,
    },
  });
}

/**
 * pnpm bench:fanout's floor (edge/bench/fanout-floor.ts): a Durable Object that only sends, on
 * its own `wrangler dev`, to compare the real hub with on the same machine.
 */
export function startFanoutFloor(): Promise<Edge> {
  return startWrangler({ name: 'fanout-floor', config: 'wrangler.fanout-floor.jsonc' });
}

interface WranglerOptions {
  name: string;
  port?: number;
  /** A wrangler config in edge/ other than wrangler.jsonc. */
  config?: string;
  vars?: Record<string, string>;
}

/**
 * A port found free can be taken by another process before workerd binds it (workerd also binds
 * sockets of its own): then, unless the port was asked for, wrangler starts again on fresh ports.
 */
async function startWrangler(options: WranglerOptions): Promise<Edge> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startWranglerOnce(options);
    } catch (error) {
      const clash = /Address already in use/.test((error as Error).message);
      if (!clash || options.port !== undefined || attempt >= 3) throw error;
    }
  }
}

async function startWranglerOnce(options: WranglerOptions): Promise<Edge> {
  const port = options.port ?? (await freePort());
  const inspectorPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The state folder is named by port: an edge restarted on the same port keeps its Durable Objects.
  const state = path.join(tmpDir, `wrangler-${port}`);
  fs.mkdirSync(path.join(state, 'config'), { recursive: true });
  const edgeDir = path.join(repoRoot, 'edge');
  const running = await startProcess({
    name: `${options.name}-${port}`,
    command: path.join(edgeDir, 'node_modules/.bin/wrangler'),
    args: [
      'dev',
      ...(options.config ? ['--config', options.config] : []),
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspectorPort),
      '--persist-to',
      path.join(state, 'persist'),
      '--show-interactive-dev-session=false',
      ...Object.entries(options.vars ?? {}).flatMap(([key, value]) => ['--var', `${key}:${value}`]),
    ],
    cwd: edgeDir,
    env: {
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      WRANGLER_SEND_METRICS: 'false',
      XDG_CONFIG_HOME: path.join(state, 'config'),
      WRANGLER_LOG_PATH: path.join(state, 'logs'),
      CI: 'true',
    },
    ready: () => httpOk(`${url}/health`),
    timeoutMs: 90_000,
  });
  return Object.assign(running, { url, port });
}
