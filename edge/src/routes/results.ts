import { ApiFailure, parseJsonText, readBodyText, validate } from '@veneer/shared/http';
import { ResultCallbackSchema } from '@veneer/shared/protocol';
import { SIGNATURE_HEADER, verifyBodySignature } from '@veneer/shared/signing';
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { jobCoordinator } from '../stubs.ts';

const MAX_RESULT_BYTES = 1024 * 1024;

/**
 * `POST /v1/results`: an inference node's signed progress or outcome. The signature (timestamp,
 * nonce, body) is checked before anything is parsed; a nonce seen before is a replay and is
 * refused. The coordinator then delivers the frame to every user waiting for the job, on all their
 * sessions (through its fan-out tree when they are many).
 */
export const resultRoutes = new Hono<AppEnv>().post('/results', async (c) => {
  const text = await readBodyText(c, MAX_RESULT_BYTES);
  const check = await verifyBodySignature(c.env.NODE_SECRET, text, c.req.header(SIGNATURE_HEADER));
  if (!check.ok) throw new ApiFailure(401, 'bad_signature', check.reason);
  const callback = validate(ResultCallbackSchema, parseJsonText(text));
  const recorded = await jobCoordinator(c.env, callback.jobId).record(callback, check.nonce);
  if (recorded.replayed) throw new ApiFailure(409, 'replayed', 'this callback was already received');
  return c.json({ delivered: recorded.delivered });
});
