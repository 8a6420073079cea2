import type { ValidationReport } from './ValidationReport.js';

/** What a refused write is refused for; each has one HTTP status (see PublishError.status). */
export type PublishErrorCode =
  | 'UNSUPPORTED_MEDIA_TYPE' // 415
  | 'TOO_LARGE' // 413
  | 'SYNTAX_ERROR' // 400: the body does not parse, or the loader refuses it (remote context, bad IRI, nesting, no triples)
  | 'BAD_REQUEST' // 400: anything else wrong with the request itself (a bad slug, a bad version number)
  | 'NOT_CONFORMING' // 422: a graph name other than the dataset's, SHACL, references, authority; `report` says what
  | 'PRECONDITION_FAILED' // 412: If-Match / If-None-Match
  | 'NOT_FOUND' // 404: no such dataset or version
  | 'GONE' // 410: a withdrawn dataset, or a version that is a withdrawal
  | 'CONFLICT' // 409
  | 'UNAVAILABLE'; // 503: the store failed; nothing was changed

const statusOf: Readonly<Record<PublishErrorCode, number>> = {
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_LARGE: 413,
  SYNTAX_ERROR: 400,
  BAD_REQUEST: 400,
  NOT_CONFORMING: 422,
  PRECONDITION_FAILED: 412,
  NOT_FOUND: 404,
  GONE: 410,
  CONFLICT: 409,
  UNAVAILABLE: 503,
};

const MAX_MESSAGE_LENGTH = 300;

/** A write or read of the publishing path refused, with a message for the client that names the problem. */
export class PublishError extends Error {
  override readonly name = 'PublishError';
  readonly status: number;

  constructor(
    readonly code: PublishErrorCode,
    message: string,
    readonly details: { report?: ValidationReport; line?: number; column?: number } = {},
  ) {
    super(message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…` : message);
    this.status = statusOf[code];
  }
}
