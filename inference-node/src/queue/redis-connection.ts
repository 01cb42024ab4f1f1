import { Cluster, Redis } from 'ioredis';

/** One Redis server, or a Redis Cluster: the queues, the result cache and the embeddings use either. */
export type RedisConnection = Redis | Cluster;

/**
 * Connects as configured: `REDIS_CLUSTER_NODES` (`host:port,host:port`, some of the cluster's
 * masters) for a Redis Cluster, else `REDIS_URL`. Commands wait through a reconnect rather than
 * fail (`maxRetriesPerRequest: null`, as BullMQ's workers need); callers that must answer at once
 * check the connection's status first (JobQueues.enqueue).
 */
export function connectRedis(config: { REDIS_URL: string; REDIS_CLUSTER_NODES?: string }): RedisConnection {
  const nodes = clusterNodes(config.REDIS_CLUSTER_NODES);
  if (nodes.length === 0) return new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  return new Cluster(nodes, { redisOptions: { maxRetriesPerRequest: null } });
}

/** `host:port,host:port` as ioredis takes it. */
export function clusterNodes(list: string | undefined): Array<{ host: string; port: number }> {
  return (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.lastIndexOf(':');
      const port = Number(entry.slice(at + 1));
      if (at <= 0 || !Number.isInteger(port) || port < 1 || port > 65535)
        throw new Error(`invalid configuration:\n  REDIS_CLUSTER_NODES: "${entry}" is not host:port`);
      return { host: entry.slice(0, at), port };
    });
}

/**
 * The key prefix: on a cluster every key of Veneer's must hash to one slot (BullMQ's scripts and
 * the embedding scan read several keys at once), so the prefix becomes a hash tag: `{veneer}`.
 */
export function keyPrefix(prefix: string, cluster: boolean): string {
  return cluster && !/\{[^}]+\}/.test(prefix) ? `{${prefix}}` : prefix;
}
