import type { Request } from 'express';

/**
 * Whether a GET or HEAD request's preconditions say the client already has
 * this representation (RFC 9110 §13.2.2): `If-None-Match` when present
 * (weak comparison, lists and `*`), otherwise `If-Modified-Since` at or after
 * `lastModified`. Unlike Express's `req.fresh`, a `Cache-Control: no-cache`
 * request header does not turn this off: that directive speaks to caches, and
 * fetch() sends it with every conditional request.
 */
export function isNotModified(request: Request, etag: string, lastModified: Date): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const ifNoneMatch = request.get('if-none-match');
  if (ifNoneMatch !== undefined) return ifNoneMatchNames(ifNoneMatch, etag);
  const ifModifiedSince = request.get('if-modified-since');
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

/** Whether an If-None-Match header names the ETag: `*`, or a list compared weakly (RFC 9110 §13.1.2). */
export function ifNoneMatchNames(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}
