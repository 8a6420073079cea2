import { createHash } from 'node:crypto';

/** A strong ETag of a representation's bytes: 32 characters of its SHA-256, base64url, quoted. */
export function strongEtag(body: string | Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}
