import { randomBytes } from 'node:crypto';
import { type Edge, startEdge } from './edge.ts';
import { type ImageHost, startImageHost } from './image-host.ts';
import { type InferenceNode, startInferenceNode } from './inference-node.ts';
import { freePort } from './ports.ts';
import { type RedisOptions, type RedisServer, startRedis } from './redis.ts';

export interface Stack {
  redis: RedisServer;
  node: InferenceNode;
  edge: Edge;
  images: ImageHost;
  nodeSecret: string;
  /** Stops the edge and starts it again on the same port with the same state (a restart). */
  restartEdge(): Promise<Edge>;
  stop(): Promise<void>;
}

export interface StackOptions {
  edgePort?: number;
  nodePort?: number;
  redisPort?: number;
  edgeVars?: Record<string, string>;
  /** More environment for the inference node (JOB_CONCURRENCY, LOCK_DURATION_MS, ...). */
  nodeEnv?: Record<string, string>;
  /** Redis's options (an append-only file for restart tests). */
  redis?: RedisOptions;
}

/** Redis, the inference node, the edge and a fixture image host, wired together on loopback ports. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const nodeSecret = randomBytes(24).toString('hex');
  const tokenSecret = randomBytes(24).toString('hex');
  const edgePort = options.edgePort ?? (await freePort());
  const nodePort = options.nodePort ?? (await freePort());
  const started: Array<{ stop(): Promise<void> }> = [];
  const stop = async () => {
    for (const part of started.reverse()) await part.stop().catch(() => {});
  };
  const edgeOptions = {
    port: edgePort,
    inferenceNodeUrl: `http://127.0.0.1:${nodePort}`,
    nodeSecret,
    tokenSecret,
    vars: options.edgeVars,
  };
  try {
    const images = await startImageHost();
    started.push(images);
    const redis = await startRedis(options.redisPort, options.redis);
    started.push(redis);
    // Both start at once; whichever fails, the other one is still stopped.
    const [nodeStart, edgeStart] = await Promise.allSettled([
      startInferenceNode({
        port: nodePort,
        redisUrl: redis.url,
        edgeUrl: `http://127.0.0.1:${edgePort}`,
        secret: nodeSecret,
        fetchAllow: [images.hostPort],
        extraCaFile: images.caFile,
        env: options.nodeEnv,
      }),
      startEdge(edgeOptions),
    ]);
    for (const part of [nodeStart, edgeStart]) if (part.status === 'fulfilled') started.push(part.value);
    if (nodeStart.status === 'rejected') throw nodeStart.reason;
    if (edgeStart.status === 'rejected') throw edgeStart.reason;
    const [node, edge] = [nodeStart.value, edgeStart.value];
    const stack: Stack = {
      redis,
      node,
      edge,
      images,
      nodeSecret,
      async restartEdge() {
        await stack.edge.stop();
        started.splice(started.indexOf(stack.edge), 1);
        stack.edge = await startEdge(edgeOptions);
        started.push(stack.edge);
        return stack.edge;
      },
      stop,
    };
    return stack;
  } catch (error) {
    await stop();
    throw error;
  }
}
