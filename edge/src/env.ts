import type { UserHub } from './hub/user-hub.ts';
import type { JobCoordinator } from './jobs/job-coordinator.ts';
import type { IpLimiter } from './limits/ip-limiter.ts';
import type { ListStore } from './lists/list-store.ts';
import type { NodeRegistry } from './nodes/node-registry.ts';
import type { PackStore } from './packs/pack-store.ts';

export interface Env {
  USER_HUB: DurableObjectNamespace<UserHub>;
  JOBS: DurableObjectNamespace<JobCoordinator>;
  IP_LIMITER: DurableObjectNamespace<IpLimiter>;
  NODE_REGISTRY: DurableObjectNamespace<NodeRegistry>;
  PACKS: DurableObjectNamespace<PackStore>;
  LISTS: DurableObjectNamespace<ListStore>;
  /** The Ed25519 public key (raw, base64) selector packs are signed with: the one the extension pins. */
  PACK_PUBLIC_KEY?: string;
  /** Secret: opens the operator routes (publishing packs, reading breakage reports). */
  OPERATOR_SECRET?: string;
  INFERENCE_NODE_URL: string;
  /** Several nodes with weights: JSON `[{"url","weight"}]` or comma-separated URLs. */
  INFERENCE_NODES?: string;
  TOKEN_TTL_S: string;
  ALLOWED_ORIGINS: string;
  /** JSON overrides of the default rate limits (see limits/rate-limits.ts). */
  RATE_LIMITS?: string;
  /** How many others one invocation calls while fanning a frame out (default FANOUT_WIDTH, 250). */
  FANOUT_WIDTH?: string;
  /** Secret: signs user tokens. */
  TOKEN_SECRET: string;
  /** Secret shared with inference nodes: forwarding and signed result callbacks. */
  NODE_SECRET: string;
}

export interface AppEnv {
  Bindings: Env;
  Variables: { userId: string; tokenGen: number; requestId: string };
}

type EdgeEnv = Env;

declare global {
  namespace Cloudflare {
    // Types `env` from cloudflare:test in the Worker tests.
    interface Env extends EdgeEnv {}
  }
}
