import { z } from 'zod';
import { JobFailureSchema, JobResultSchema } from './jobs.ts';

/** What happens to a job, as the user's sessions see it. */
export const JobFrameSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('queued'), jobId: z.string() }),
  z.object({ kind: z.literal('running'), jobId: z.string(), progress: z.number().min(0).max(1).optional() }),
  z.object({ kind: z.literal('done'), jobId: z.string(), result: JobResultSchema }),
  z.object({ kind: z.literal('failed'), jobId: z.string(), error: JobFailureSchema }),
]);
export type JobFrame = z.infer<typeof JobFrameSchema>;

/** A frame as kept for a user: numbered 1, 2, 3, ... per user, never reused. */
export const SequencedFrameSchema = z.intersection(
  JobFrameSchema,
  z.object({ seq: z.number().int().positive() }),
);
export type SequencedFrame = JobFrame & { seq: number };

/** Socket messages from the edge. Frames travel in batches (replay sends many in one message). */
export const ServerMessageSchema = z.discriminatedUnion('kind', [
  /** First message on a socket. `lastSeq` is the newest frame the edge holds for this user. */
  z.object({
    kind: z.literal('hello'),
    userId: z.string(),
    sessionId: z.string(),
    lastSeq: z.number().int().min(0),
  }),
  z.object({ kind: z.literal('frames'), frames: z.array(SequencedFrameSchema) }),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;

/**
 * How long a client waits after a frame before acknowledging everything it has handled. Acks only
 * let the edge prune frames (a reconnect names its own position), and every ack wakes the user's
 * hub, so clients send them seldom: a burst of frames costs one ack per session.
 */
export const ACK_DELAY_MS = 5000;
/**
 * Each ack waits ACK_DELAY_MS plus up to this much more, at random. Every session of a user gets a
 * frame at the same moment; acks at a fixed delay would all reach the hub at once too (1,000
 * sessions: 1,000 wake-ups in a few ms, holding up the next delivery by half a second in workerd
 * here). Spread over this window, they cost each delivery a few.
 */
export const ACK_JITTER_MS = 10_000;

/** How long to wait before acknowledging: ACK_DELAY_MS, plus a random share of ACK_JITTER_MS. */
export function ackDelayMs(random: () => number = Math.random): number {
  return ACK_DELAY_MS + Math.floor(random() * ACK_JITTER_MS);
}

/** Socket messages from a client: "I have processed every frame up to `seq`". */
export const ClientMessageSchema = z.object({ kind: z.literal('ack'), seq: z.number().int().min(0) });
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

/** Text frame the socket answers without waking a hibernated Durable Object. */
export const PING = 'ping';
export const PONG = 'pong';

/** Close codes the edge uses, so clients can tell why a socket ended. */
export const CLOSE_CODES = {
  /** The user's tokens were revoked: register or sign in again. */
  revoked: 4001,
  /** Too many messages per second on this socket. */
  flood: 4008,
  /** A client message over the size limit (RFC 6455's "message too big"). */
  tooBig: 1009,
} as const;

/** Session ids are chosen by clients: a UUID, or any 8-64 URL-safe characters. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
