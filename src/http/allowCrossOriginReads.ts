import type { IncomingMessage, ServerResponse } from 'node:http';

/** The methods a page on another origin may use; all of them only read. */
const ALLOWED_METHODS = 'GET, HEAD, POST';

/** The request headers a preflight allows when it does not ask for others, or asks in a malformed way. */
export const DEFAULT_ALLOWED_HEADERS = 'content-type, accept, accept-language, apollo-require-preflight, x-apollo-operation-name, if-none-match, x-request-id';

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
 * one) with 204: GET, HEAD and POST allowed, the request headers the
 * preflight asks for (when they are well-formed header names, else the
 * default list), cacheable for a day. This answers before GraphQL's CSRF
 * guard sees the request: a preflight is what that guard relies on, so
 * allowing it keeps the guard meaningful, while simple cross-origin POSTs
 * still reach Apollo and are refused there.
 */
export function answerPreflight(request: IncomingMessage, response: ServerResponse): void {
  const requested = request.headers['access-control-request-headers'];
  const allowedHeaders =
    requested !== undefined && requested.length <= MAX_REQUESTED_HEADERS_LENGTH && HEADER_NAME_LIST.test(requested.trim())
      ? requested.trim().toLowerCase()
      : DEFAULT_ALLOWED_HEADERS;
  response.writeHead(204, {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': ALLOWED_METHODS,
    'Access-Control-Allow-Headers': allowedHeaders,
    'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_SECONDS,
    Allow: `${ALLOWED_METHODS}, OPTIONS`,
    Vary: 'Access-Control-Request-Headers',
  });
  response.end();
}
