import { app } from './app.ts';
import type { Env } from './env.ts';

export { UserHub } from './hub/user-hub.ts';
export { JobCoordinator } from './jobs/job-coordinator.ts';
export { IpLimiter } from './limits/ip-limiter.ts';
export { ListStore } from './lists/list-store.ts';
export { NodeRegistry } from './nodes/node-registry.ts';
export { PackStore } from './packs/pack-store.ts';

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
