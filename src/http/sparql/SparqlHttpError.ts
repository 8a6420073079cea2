/** The HTTP statuses the SPARQL endpoint answers a request it does not serve with. */
export type SparqlErrorStatus = 400 | 405 | 406 | 413 | 415 | 500 | 503;

/**
 * A request the endpoint refuses or could not answer: `status` is the HTTP
 * status and `message` a sentence for the client that names the bad value or
 * the limit. Nothing else is sent to the client; `cause` stays in the log.
 */
export class SparqlHttpError extends Error {
  override readonly name = 'SparqlHttpError';
  /** Extra response headers, e.g. `Allow` for a 405 or `Retry-After` for a full queue. */
  readonly headers: Record<string, string>;

  constructor(
    readonly status: SparqlErrorStatus,
    message: string,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.headers = options?.headers ?? {};
  }
}
