/** Why the publishing routes refused a request before the write path saw it (PublishError covers what the write path refuses). */
export type HttpProblemCode =
  | 'UNAUTHORIZED' // 401
  | 'FORBIDDEN' // 403: a token for other datasets
  | 'PUBLISHING_DISABLED' // 403: the server has no tokens file
  | 'METHOD_NOT_ALLOWED' // 405
  | 'NOT_ACCEPTABLE' // 406
  | 'RATE_LIMITED' // 429
  | 'UNAVAILABLE'; // 503

/** A refusal with its status, a message naming the problem, and headers the status calls for (`WWW-Authenticate`, `Allow`, `Retry-After`). */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';

  constructor(
    readonly status: number,
    readonly code: HttpProblemCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}
