/** The most UTF-8 bytes of N-Quads a worker hands Oxigraph at once (see linesInPieces). */
export const NQUADS_PIECE_BYTES = 16 * 1024 * 1024;

/**
 * N-Quads (UTF-8 bytes) as strings of whole lines, each from about
 * `maxBytes` bytes (a piece ends at the first line end at or after that
 * many; a line longer than that is a piece of its own). A line end is a
 * single byte that no multi-byte character contains, so no character is cut.
 *
 * Why the SPARQL workers load through this: Oxigraph's `load` and `parse`
 * read a `Uint8Array` through small JavaScript reads, and in a worker that
 * kept V8 collecting about a hundred times a second (measured at 1M triples:
 * 1,900 full collections for 64k quads with blank nodes, and both workers
 * loaded after 17.5 s); from strings of 16 MB they loaded after 7.8 s, with
 * a WebAssembly memory of 345 MB each instead of 505 MB.
 */
export function* linesInPieces(bytes: Uint8Array, maxBytes = NQUADS_PIECE_BYTES): Generator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + maxBytes, bytes.length);
    if (end < bytes.length && bytes[end - 1] !== 0x0a) {
      const lineEnd = bytes.indexOf(0x0a, end);
      end = lineEnd === -1 ? bytes.length : lineEnd + 1;
    }
    yield decoder.decode(bytes.subarray(start, end));
    start = end;
  }
}
