import type { IncomingMessage, ServerResponse } from 'node:http';

/** The methods a page on another origin may use; all of them only read. */
const ALLOWED_METHODS = 'GET, HEAD, POST';
/** The methods a page on an origin listed for writes may use: reads, and the publishing routes' writes. */
const WRITE_METHODS = 'GET, HEAD, POST, PUT, DELETE';

/** The request headers a preflight allows when it does not ask for others, or asks in a malformed way. */
export const DEFAULT_ALLOWED_HEADERS = 'content-type, accept, accept-language, apollo-require-preflight, x-apollo-operation-name, if-none-match, x-request-id';

/** What a page on an origin listed for writes may send beside DEFAULT_ALLOWED_HEADERS: its token and the publishing routes' precondition. */
const WRITE_HEADERS = 'authorization, if-match';

/** The response headers a script on another origin may read, beside the CORS-safelisted ones. */
export const EXPOSED_HEADERS = 'ETag, X-Request-Id, X-SPARQL-Truncated, X-SPARQL-MaxRows, X-SPARQL-MaxBytes, Content-Disposition, Content-Range, Accept-Ranges, Link, Retry-After, Data-Version, Location';

/** How long, in seconds, a browser may reuse a preflight's answer (browsers cap it lower: Chromium at two hours). */
const PREFLIGHT_MAX_AGE_SECONDS = '86400';

/** A comma-separated list of header names (RFC 9110 tokens), as browsers send in Access-Control-Request-Headers. */
const HEADER_NAME_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:[ \t]*,[ \t]*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;
const MAX_REQUESTED_HEADERS_LENGTH = 1024;

/**
 * Lets a script on any origin read the answer: `Access-Control-Allow-Origin: *`
 * and the headers it may read. The data is open and every route reads, so no
 * origin is singled out, and credentials are never allowed (no cookies or
 * HTTP authentication ride along). Call before the answer is written; a
 * handler's own `Access-Control-Expose-Headers` replaces this list.
 */
export function allowCrossOriginReads(response: ServerResponse): void {
  response.setHeader('Access-Control-Allow-Origin', '*');
  response.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
}

/**
 * Answers an OPTIONS request (a CORS preflight from any origin, or a plain
 * one) with 204, cacheable for a day:
 *
 * - from an origin in `writeOrigins` (see writeOriginsOf): that origin in
 *   `Access-Control-Allow-Origin`, GET, HEAD, POST, PUT and DELETE, and the
 *   request headers the preflight asks for (else the default list with
 *   `authorization` and `if-match`), so that its pages can publish;
 * - from any other origin: `*`, GET, HEAD and POST, and the request headers
 *   asked for but `authorization` (else the default list), so that a browser
 *   sends no write and no token from there.
 *
 * Asked-for headers are echoed only when they are well-formed header names.
 * This answers before GraphQL's CSRF guard sees the request: a preflight is
 * what that guard relies on, so allowing it keeps the guard meaningful, while
 * simple cross-origin POSTs still reach Apollo and are refused there.
 */
export function answerPreflight(request: IncomingMessage, response: ServerResponse, writeOrigins: readonly string[] = []): void {
  const origin = request.headers.origin;
  const writes = origin !== undefined && writeOrigins.includes(origin);
  const requested = request.headers['access-control-request-headers'];
  const wellFormed = requested !== undefined && requested.length <= MAX_REQUESTED_HEADERS_LENGTH && HEADER_NAME_LIST.test(requested.trim());
  let allowedHeaders: string;
  if (writes) allowedHeaders = wellFormed ? requested.trim().toLowerCase() : `${DEFAULT_ALLOWED_HEADERS}, ${WRITE_HEADERS}`;
  else allowedHeaders = (wellFormed && withoutAuthorization(requested.trim().toLowerCase())) || DEFAULT_ALLOWED_HEADERS;
  const methods = writes ? WRITE_METHODS : ALLOWED_METHODS;
  response.writeHead(204, {
    'Access-Control-Allow-Origin': writes ? origin : '*',
    'Access-Control-Allow-Methods': methods,
    'Access-Control-Allow-Headers': allowedHeaders,
    'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_SECONDS,
    Allow: `${methods}, OPTIONS`,
    // The answer differs by origin once some are listed for writes; caches must not hand one origin's answer to another.
    Vary: 'Origin, Access-Control-Request-Headers',
  });
  response.end();
}

/** The list of header names as the preflight asked for it (in lower case), but `authorization`; empty when nothing else was asked for. */
function withoutAuthorization(headers: string): string {
  const names = headers.split(',').map((name) => name.trim());
  return names.includes('authorization') ? names.filter((name) => name !== 'authorization').join(', ') : headers;
}
