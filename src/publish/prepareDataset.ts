/** A body to check, as a client sent it. */
export interface PrepareInput {
  /** lowercase letters, digits and hyphens, 2–64 characters */
  slug: string;
  /** The Content-Type header as sent (parameters included), or a file's media type. */
  mediaType: string;
  body: Uint8Array;
}

/** A body that passed every check, in the form the store keeps. */
export interface PreparedDataset {
  slug: string;
  triples: number;
  /** Canonical N-Triples: RDFC-1.0 blank node labels, lines sorted, each ending in a newline. */
  content: string;
  /** SHA-256 (hex) of `content`. */
  sha256: string;
}
