import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env.ts';
import { configuredNodes, type NodeConfig, weightedOrder } from './node-list.ts';

/** How often every configured node's /ready is checked. */
export const HEALTH_CHECK_MS = 15_000;
const MAX_DOWN_MS = 60_000;

interface Health {
  failures: number;
  downUntil: number;
  checkedAt: number;
}

export type NodeChoice = { nodes: NodeConfig[] } | { nodes: []; retryAfterS: number };

/**
 * The one place that knows which inference nodes are healthy. A failed forward marks a node down
 * for a while (longer after each failure in a row); an alarm checks every node's /ready and
 * brings recovered nodes back.
 */
export class NodeRegistry extends DurableObject<Env> {
  private readonly health = new Map<string, Health>();

  /** Healthy nodes in weighted random order, or none and how long until one may be back. */
  async choose(now = Date.now()): Promise<NodeChoice> {
    await this.ensureChecks();
    const all = configuredNodes(this.env);
    const healthy = all.filter((node) => (this.health.get(node.url)?.downUntil ?? 0) <= now);
    if (healthy.length > 0) return { nodes: weightedOrder(healthy) };
    const soonest = Math.min(
      ...all.map((n) => this.health.get(n.url)?.downUntil ?? now),
      now + HEALTH_CHECK_MS,
    );
    return { nodes: [], retryAfterS: Math.max(1, Math.ceil((soonest - now) / 1000)) };
  }

  async reportFailure(url: string, now = Date.now()): Promise<void> {
    const current = this.health.get(url) ?? { failures: 0, downUntil: 0, checkedAt: 0 };
    const failures = current.failures + 1;
    this.health.set(url, {
      failures,
      downUntil: now + Math.min(MAX_DOWN_MS, 5000 * 2 ** (failures - 1)),
      checkedAt: now,
    });
  }

  async status(): Promise<Record<string, { healthy: boolean; failures: number }>> {
    const now = Date.now();
    return Object.fromEntries(
      configuredNodes(this.env).map((n) => {
        const health = this.health.get(n.url);
        return [n.url, { healthy: (health?.downUntil ?? 0) <= now, failures: health?.failures ?? 0 }];
      }),
    );
  }

  override async alarm(): Promise<void> {
    await Promise.all(
      configuredNodes(this.env).map(async (node) => {
        const ok = await fetch(new URL('/ready', node.url), { signal: AbortSignal.timeout(3000) })
          .then(async (response) => {
            await response.body?.cancel();
            return response.ok;
          })
          .catch(() => false);
        if (ok) this.health.delete(node.url);
        else await this.reportFailure(node.url);
      }),
    );
    await this.ctx.storage.setAlarm(Date.now() + HEALTH_CHECK_MS);
  }

  private async ensureChecks(): Promise<void> {
    if ((await this.ctx.storage.getAlarm()) === null)
      await this.ctx.storage.setAlarm(Date.now() + HEALTH_CHECK_MS);
  }
}
