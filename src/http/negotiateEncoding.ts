import Negotiator from 'negotiator';

/** A content coding this server sends: brotli, gzip, or the bytes as they are. */
export type ContentCoding = 'br' | 'gzip' | 'identity';

/** Every coding offered, in the order the server prefers them when the client's q-values tie. */
export const contentCodings: readonly ContentCoding[] = ['br', 'gzip', 'identity'];

/**
 * The coding of `offered` that an `Accept-Encoding` header prefers (RFC 9110
 * §12.5.3), read by negotiator: the highest q-value wins, ties go to the
 * first of `offered` (brotli before gzip, as it is smaller), `*` stands for
 * every coding the header does not name, and `identity` is acceptable unless
 * `identity;q=0`, or `*;q=0` without a word on identity, excludes it.
 * A missing or empty header means identity: a client that says nothing, such
 * as curl without `--compressed`, may not be able to decode anything else.
 * Returns null when nothing offered is acceptable (`identity;q=0, *;q=0`).
 */
export function negotiateEncoding(acceptEncoding: string | undefined, offered: readonly ContentCoding[] = contentCodings): ContentCoding | null {
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding ?? '' } }) as EncodingNegotiator;
  const [best] = negotiator.encodings(offered, { preferred: offered });
  return (best as ContentCoding | undefined) ?? null;
}

/** Negotiator 1.1 takes the server's order for ties; its type definitions predate that option. */
type EncodingNegotiator = Negotiator & { encodings(available: readonly string[], options: { preferred: readonly string[] }): string[] };

/** A short text listing what a 406 for `Accept-Encoding` is answering to, and what is offered. */
export function notAcceptableEncoding(acceptEncoding: string | undefined): string {
  const header = acceptEncoding ?? '';
  const shown = header.length > 200 ? `${header.slice(0, 200)}…` : header;
  return `None of the content codings in Accept-Encoding: ${JSON.stringify(shown)} is offered here; offered: ${contentCodings.join(', ')}.`;
}
