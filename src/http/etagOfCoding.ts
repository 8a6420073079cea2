import type { ContentCoding } from './negotiateEncoding.js';

const suffixes: Record<ContentCoding, string> = { br: '-br', gzip: '-gz', identity: '' };

/**
 * The ETag of a representation sent with `coding`: the identity ETag with
 * `-br` or `-gz` added inside the quotes (`"abc"` → `"abc-gz"`, `W/"abc"` →
 * `W/"abc-gz"`), the identity ETag itself for identity. The encoded bytes
 * differ from the identity bytes, so a cache must not take one for the other
 * (RFC 9110 §8.8.3.3), and each still validates with `If-None-Match`.
 */
export function etagOfCoding(etag: string, coding: ContentCoding): string {
  const suffix = suffixes[coding];
  return suffix === '' ? etag : `${etag.slice(0, -1)}${suffix}"`;
}
