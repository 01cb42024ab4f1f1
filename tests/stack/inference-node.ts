import path from 'node:path';
import { modelsDir, repoRoot, tmpDir } from './paths.ts';
import { freePort } from './ports.ts';
import { httpOk, type Running, startProcess } from './process.ts';

export interface InferenceNodeOptions {
  redisUrl: string;
  edgeUrl: string;
  secret: string;
  port?: number;
  /** host:port pairs of fixture image hosts the node may fetch from (VENEER_FETCH_ALLOW). */
  fetchAllow?: string[];
  /** CA certificate file the node trusts besides the system's (the fixture host's). */
  extraCaFile?: string;
  env?: Record<string, string>;
}

export interface InferenceNode extends Running {
  url: string;
  port: number;
}

/** The operator secret test nodes run with (opens the queue dashboard). */
export const OPERATOR_SECRET_FOR_TESTS = 'operator-secret-for-tests-only';

/**
 * The real inference node (node src/main.ts), ready once /ready answers 200. A port found free can
 * still be taken before the node, loading its models first, binds it: then, unless the port was
 * asked for, it starts again on another.
 */
export async function startInferenceNode(options: InferenceNodeOptions): Promise<InferenceNode> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startInferenceNodeOnce(options);
    } catch (error) {
      const clash = /EADDRINUSE/.test((error as Error).message);
      if (!clash || options.port !== undefined || attempt >= 3) throw error;
    }
  }
}

async function startInferenceNodeOnce(options: InferenceNodeOptions): Promise<InferenceNode> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const running = await startProcess({
    name: `inference-node-${port}`,
    command: process.execPath,
    args: ['src/main.ts'],
    cwd: path.join(repoRoot, 'inference-node'),
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: options.redisUrl,
      EDGE_URL: options.edgeUrl,
      NODE_SECRET: options.secret,
      VENEER_MODELS_DIR: modelsDir,
      // CLIP's weights cannot be had here: tests run its generated stand-in, cached in .tmp.
      VENEER_MODELS_CACHE: path.join(tmpDir, 'models-cache'),
      EMBED_MODEL: 'clip-stand-in',
      OPERATOR_SECRET: OPERATOR_SECRET_FOR_TESTS,
      VENEER_FETCH_ALLOW: (options.fetchAllow ?? []).join(','),
      NODE_EXTRA_CA_CERTS: options.extraCaFile,
      ...options.env,
    },
    ready: () => httpOk(`${url}/ready`),
    timeoutMs: 60_000,
  });
  return Object.assign(running, { url, port });
}
