import type { Env } from './env.ts';

/** The Durable Object holding a user's sockets, frames and state. */
export const userHub = (env: Env, userId: string) => env.USER_HUB.get(env.USER_HUB.idFromName(userId));

/** The Durable Object coordinating one job (by its content-derived id). */
export const jobCoordinator = (env: Env, jobId: string) => env.JOBS.get(env.JOBS.idFromName(jobId));

/** The one Durable Object holding the selector packs and the breakage counts. */
export const packStore = (env: Env) => env.PACKS.get(env.PACKS.idFromName('packs'));

/** One shared filter list (by its short id). */
export const listStore = (env: Env, id: string) => env.LISTS.get(env.LISTS.idFromName(id));
