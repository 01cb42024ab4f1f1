import { randomBytes } from 'node:crypto';
import { type Edge, startEdge } from './edge.ts';
import { type ImageHost, startImageHost } from './image-host.ts';
import { type InferenceNode, startInferenceNode } from './inference-node.ts';
import { freePort } from './ports.ts';
import { type RedisServer, startRedis } from './redis.ts';

export interface Stack {
  redis: RedisServer;
  node: InferenceNode;
  edge: Edge;
  images: ImageHost;
  nodeSecret: string;
  stop(): Promise<void>;
}

export interface StackOptions {
  edgePort?: number;
  nodePort?: number;
  redisPort?: number;
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
  try {
    const images = await startImageHost();
    started.push(images);
    const redis = await startRedis(options.redisPort);
    started.push(redis);
    const [node, edge] = await Promise.all([
      startInferenceNode({
        port: nodePort,
        redisUrl: redis.url,
        edgeUrl: `http://127.0.0.1:${edgePort}`,
        secret: nodeSecret,
        fetchAllow: [images.hostPort],
        extraCaFile: images.caFile,
      }).then((n) => {
        started.push(n);
        return n;
      }),
      startEdge({
        port: edgePort,
        inferenceNodeUrl: `http://127.0.0.1:${nodePort}`,
        nodeSecret,
        tokenSecret,
      }).then((e) => {
        started.push(e);
        return e;
      }),
    ]);
    return { redis, node, edge, images, nodeSecret, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
