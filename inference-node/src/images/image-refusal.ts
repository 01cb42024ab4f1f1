import type { ErrorCode } from '@veneer/shared/protocol';

/**
 * A job's image can never be processed (wrong scheme, blocked address, not an image, too big).
 * Permanent: such a job is answered with a failure, never retried.
 */
export class ImageRefusal extends Error {
  readonly code: ErrorCode;
  readonly status: 400 | 413 | 422;

  constructor(code: ErrorCode, message: string, status: 400 | 413 | 422 = 400) {
    super(message);
    this.name = 'ImageRefusal';
    this.code = code;
    this.status = status;
  }
}
