import type { Env } from '../env.ts';

export interface NodeConfig {
  url: string;
  weight: number;
}

/**
 * The inference nodes jobs may go to: INFERENCE_NODES as JSON (`[{"url":"https://a","weight":2}]`)
 * or comma-separated URLs, else the single INFERENCE_NODE_URL.
 */
export function configuredNodes(env: Pick<Env, 'INFERENCE_NODES' | 'INFERENCE_NODE_URL'>): NodeConfig[] {
  const raw = env.INFERENCE_NODES?.trim();
  if (!raw) return env.INFERENCE_NODE_URL ? [{ url: env.INFERENCE_NODE_URL, weight: 1 }] : [];
  if (raw.startsWith('[')) {
    return (JSON.parse(raw) as Array<{ url: string; weight?: number }>).map((n) => ({
      url: n.url,
      weight: n.weight && n.weight > 0 ? n.weight : 1,
    }));
  }
  return raw
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)
    .map((url) => ({ url, weight: 1 }));
}

/** Weighted random order without repetition (each node's key is random^(1/weight)). */
export function weightedOrder<T extends { weight: number }>(
  items: T[],
  random: () => number = Math.random,
): T[] {
  return items
    .map((item) => ({ item, key: random() ** (1 / item.weight) }))
    .sort((a, b) => b.key - a.key)
    .map(({ item }) => item);
}
