import type { Logger } from 'pino';
import { describe, expect, it } from 'vitest';
import { clientErrorAnswer, type RequestError } from '../../src/http/clientErrorAnswer.js';

/** A logger that keeps what was logged at error level. */
function recordingLogger(): { logger: Logger; logged: unknown[][] } {
  const logged: unknown[][] = [];
  return { logger: { error: (...args: unknown[]) => void logged.push(args) } as unknown as Logger, logged };
}

describe('clientErrorAnswer', () => {
  it('answers a body over the limit with its 413 and a message naming the limit, logging nothing', () => {
    const { logger, logged } = recordingLogger();
    expect(clientErrorAnswer({ status: 413, type: 'entity.too.large', message: 'request entity too large' }, logger)).toEqual({
      status: 413,
      body: { errors: [{ message: 'Request body is larger than the limit of this endpoint', extensions: { code: 'BAD_REQUEST' } }] },
    });
    expect(logged).toEqual([]);
  });

  it("answers malformed JSON with its 400 and the parser's own words", () => {
    const { logger, logged } = recordingLogger();
    expect(clientErrorAnswer({ status: 400, type: 'entity.parse.failed', message: 'Unexpected token } in JSON at position 9' }, logger)).toEqual({
      status: 400,
      body: { errors: [{ message: 'Request body is not valid JSON: Unexpected token } in JSON at position 9', extensions: { code: 'BAD_REQUEST' } }] },
    });
    expect(logged).toEqual([]);
  });

  it("answers any other client error with its own status and message, or 'Bad request' when it has none", () => {
    const { logger, logged } = recordingLogger();
    expect(clientErrorAnswer({ status: 415, type: 'charset.unsupported', message: 'unsupported charset "LATIN1"' }, logger)).toEqual({
      status: 415,
      body: { errors: [{ message: 'unsupported charset "LATIN1"', extensions: { code: 'BAD_REQUEST' } }] },
    });
    expect(clientErrorAnswer({ status: 400 }, logger)).toEqual({ status: 400, body: { errors: [{ message: 'Bad request', extensions: { code: 'BAD_REQUEST' } }] } });
    expect(clientErrorAnswer({ status: 499, message: 'last of the 4xx' }, logger)).toEqual({
      status: 499,
      body: { errors: [{ message: 'last of the 4xx', extensions: { code: 'BAD_REQUEST' } }] },
    });
    expect(logged).toEqual([]);
  });

  it.each<[string, RequestError]>([
    ['a server error', { status: 500, message: 'secret detail' }],
    ['an unavailable service', { status: 503, message: 'secret detail' }],
    ['a status below 400', { status: 399, message: 'secret detail' }],
    ['a redirect', { status: 302, message: 'secret detail' }],
    ['a status that is no number', { status: '400' as unknown as number, message: 'secret detail' }],
    ['no status at all', { message: 'secret detail' }],
  ])('masks %s as a 500 and logs the error', (_name, error) => {
    const { logger, logged } = recordingLogger();
    expect(clientErrorAnswer(error, logger)).toEqual({
      status: 500,
      body: { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
    });
    expect(logged).toEqual([[{ err: error }, 'unexpected error in HTTP handling']]);
  });
});
