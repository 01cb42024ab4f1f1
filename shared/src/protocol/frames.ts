import { z } from 'zod';
import { JobFailureSchema, JobResultSchema } from './jobs.ts';

/** Frames the edge pushes down a user's WebSocket. */
export const ServerFrameSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hello'), userId: z.string() }),
  z.object({ kind: z.literal('done'), jobId: z.string(), result: JobResultSchema }),
  z.object({ kind: z.literal('failed'), jobId: z.string(), error: JobFailureSchema }),
]);
export type ServerFrame = z.infer<typeof ServerFrameSchema>;

/** Text frame the socket answers without waking a hibernated Durable Object. */
export const PING = 'ping';
export const PONG = 'pong';
