import { ApiFailure, parseJsonText, readBodyText, validate } from '@veneer/shared/http';
import { ResultCallbackSchema, type ServerFrame } from '@veneer/shared/protocol';
import { SIGNATURE_HEADER, verifyBodySignature } from '@veneer/shared/signing';
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';

const MAX_RESULT_BYTES = 1024 * 1024;

/**
 * `POST /v1/results`: an inference node's signed result. The signature is checked over the raw
 * body before anything is parsed; the result then goes to every socket of the job's user.
 */
export const resultRoutes = new Hono<AppEnv>().post('/results', async (c) => {
  const text = await readBodyText(c, MAX_RESULT_BYTES);
  const check = await verifyBodySignature(c.env.NODE_SECRET, text, c.req.header(SIGNATURE_HEADER));
  if (!check.ok) throw new ApiFailure(401, 'bad_signature', check.reason);
  const callback = validate(ResultCallbackSchema, parseJsonText(text));
  const frame: ServerFrame =
    callback.status === 'done'
      ? { kind: 'done', jobId: callback.jobId, result: callback.result }
      : { kind: 'failed', jobId: callback.jobId, error: callback.error };
  const hub = c.env.USER_HUB.get(c.env.USER_HUB.idFromName(callback.userId));
  const delivered = await hub.deliver(frame);
  return c.json({ delivered });
});
