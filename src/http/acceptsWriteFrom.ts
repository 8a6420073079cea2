import type { IncomingMessage } from 'node:http';

/**
 * Whether a write (a publishing request other than GET, HEAD or OPTIONS) may
 * go ahead as far as its `Origin` goes: yes without an `Origin` header (curl,
 * scripts and servers send none, and browsers send one on every cross-origin
 * write), from an origin in `writeOrigins` (see writeOriginsOf), or from the
 * server's own origin (its host as the request's `Host` names it); no from
 * any other page, even one whose browser let the request through.
 */
export function acceptsWriteFrom(request: IncomingMessage, writeOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (writeOrigins.includes(origin)) return true;
  try {
    const { host, protocol } = new URL(origin);
    return (protocol === 'http:' || protocol === 'https:') && host === request.headers.host;
  } catch {
    // "null" (a sandboxed page, a file) and anything malformed name no origin that could be listed.
    return false;
  }
}
