import type { Logger } from 'pino';

/** An error thrown while reading a request: body-parser's, or another middleware's. */
export interface RequestError {
  status?: number;
  type?: string;
  message?: string;
}

/** The JSON answer to a request that failed before GraphQL ran. */
export interface ClientErrorAnswer {
  status: number;
  body: { errors: [{ message: string; extensions: { code: 'BAD_REQUEST' | 'INTERNAL_SERVER_ERROR' } }] };
}

/**
 * The answer to an error from reading a request: its own 4xx status with a
 * message naming the problem (a body over the limit, malformed JSON, a
 * charset), or a masked 500 that only the log explains.
 */
export function clientErrorAnswer(error: RequestError, logger: Logger): ClientErrorAnswer {
  const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
  if (status === 500) logger.error({ err: error }, 'unexpected error in HTTP handling');
  const message =
    error.type === 'entity.too.large'
      ? 'Request body is larger than the limit of this endpoint'
      : error.type === 'entity.parse.failed'
        ? `Request body is not valid JSON: ${error.message}`
        : status === 500
          ? 'Internal server error'
          : (error.message ?? 'Bad request');
  return { status, body: { errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }] } };
}
