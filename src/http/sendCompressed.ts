import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import { etagOfCoding } from './etagOfCoding.js';
import { ifNoneMatchNames } from './isNotModified.js';
import { negotiateEncoding, type ContentCoding } from './negotiateEncoding.js';

/**
 * Bodies smaller than this go out as they are (unless the client refuses
 * identity): compressing a few hundred bytes saves less than it costs.
 */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * Per-request settings, chosen for low CPU over the last few percent of size.
 * Measured on our answers (30 kB GraphQL, 277 kB JSON-LD, 467 kB N-Quads):
 * brotli quality 3 takes about half the time of gzip's default level 6 and
 * a third of brotli 5, and its output is no larger than gzip 6's; gzip level
 * 3 takes a third of level 6's time for output 5–10% larger. Brotli's window
 * is sized to the body: its 4 MB default, allocated per call, made an
 * asynchronous 23 kB compression take 1.9 ms instead of 0.3 ms.
 */
const brotliOptions = (size: number): zlib.BrotliOptions => ({
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 3,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
    [zlib.constants.BROTLI_PARAM_LGWIN]: Math.min(zlib.constants.BROTLI_MAX_WINDOW_BITS, Math.max(16, Math.ceil(Math.log2(size)))),
  },
});
const gzipOptions: zlib.ZlibOptions = { level: 3 };

/**
 * Bodies up to this size are compressed on the event loop, larger ones on
 * libuv's thread pool. Below it, compressing in place (0.15–0.2 ms for
 * 23 kB) costs less than handing the work to a thread and back (0.3 ms);
 * above it, the event loop would be held for a millisecond or more.
 */
const SYNCHRONOUS_LIMIT_BYTES = 64 * 1024;

/** An answer whose whole body is known, to be sent compressed where that pays. */
export interface CompressibleAnswer {
  status: number;
  /** Its headers; this sets Content-Length, Content-Encoding, ETag and Vary. */
  headers: OutgoingHttpHeaders;
  body: string | Uint8Array;
  /**
   * The ETag of the identity body, if the answer has one: sent with the
   * coding's suffix (see etagOfCoding), and a 200 whose ETag so suffixed is
   * named by `If-None-Match` becomes a 304 without a body.
   */
  etag?: string;
}

/**
 * Sends `answer` in the content coding `Accept-Encoding` prefers (see
 * negotiateEncoding): brotli or gzip when the body has at least
 * COMPRESSION_THRESHOLD_BYTES, else identity, unless the client refuses
 * identity. A header that accepts nothing offered is disregarded and
 * identity sent (RFC 9110 §12.1 allows either that or a 406; a caller that
 * wants the 406 checks negotiateEncoding first). Every answer says
 * `Vary: Accept-Encoding`, beside what the response already varies by.
 * Bodies over 64 kB are compressed on libuv's thread pool, not on the
 * event loop. HEAD gets the headers, Content-Length included, and no body.
 */
export function sendCompressed(request: IncomingMessage, response: ServerResponse, answer: CompressibleAnswer): void {
  const bytes = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
  const acceptEncoding = request.headers['accept-encoding'];
  const coding = codingFor(acceptEncoding, bytes.length);
  const headers = lowerCased(answer.headers);
  headers.vary = withAcceptEncoding([response.getHeader('vary'), headers.vary]);
  if (coding !== 'identity') headers['content-encoding'] = coding;
  if (answer.etag !== undefined) {
    const etag = etagOfCoding(answer.etag, coding);
    headers.etag = etag;
    const ifNoneMatch = request.headers['if-none-match'];
    if (answer.status === 200 && ifNoneMatch !== undefined && ifNoneMatchNames(ifNoneMatch, etag)) {
      // A 304 carries the validators and Vary, not the metadata of a body it does not have (RFC 9110 §15.4.5).
      delete headers['content-length'];
      delete headers['content-type'];
      response.writeHead(304, headers);
      response.end();
      return;
    }
  }
  const finish = (body: Uint8Array) => {
    headers['content-length'] = String(body.length);
    response.writeHead(answer.status, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
  };
  if (coding === 'identity') {
    finish(bytes);
    return;
  }
  const done = (error: Error | null, encoded?: Buffer) => {
    if (!error && encoded !== undefined) {
      finish(encoded);
      return;
    }
    // zlib fails only on exhausted memory; the identity body is still a correct answer.
    delete headers['content-encoding'];
    if (answer.etag !== undefined) headers.etag = answer.etag;
    finish(bytes);
  };
  if (bytes.length > SYNCHRONOUS_LIMIT_BYTES) {
    if (coding === 'br') zlib.brotliCompress(bytes, brotliOptions(bytes.length), done);
    else zlib.gzip(bytes, gzipOptions, done);
    return;
  }
  let encoded: Buffer;
  try {
    encoded = coding === 'br' ? zlib.brotliCompressSync(bytes, brotliOptions(bytes.length)) : zlib.gzipSync(bytes, gzipOptions);
  } catch (error) {
    done(error as Error);
    return;
  }
  done(null, encoded);
}

/** The coding for a body of `size` bytes: the negotiated one, but identity under the threshold when the client takes identity. */
function codingFor(acceptEncoding: string | undefined, size: number): ContentCoding {
  const negotiated = negotiateEncoding(acceptEncoding) ?? 'identity';
  if (negotiated === 'identity' || size >= COMPRESSION_THRESHOLD_BYTES) return negotiated;
  return negotiateEncoding(acceptEncoding, ['identity']) === 'identity' ? 'identity' : negotiated;
}

/** The headers with lower-case names, so that one set here replaces, not doubles, one set by the caller. */
function lowerCased(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  const result: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) result[name.toLowerCase()] = value;
  return result;
}

/** A Vary value naming everything in `values` once, and Accept-Encoding. */
function withAcceptEncoding(values: readonly (OutgoingHttpHeaders[string] | undefined)[]): string {
  const names = new Map<string, string>();
  for (const value of values) {
    const text = Array.isArray(value) ? value.join(',') : value === undefined ? '' : String(value);
    for (const name of text.split(',')) {
      const trimmed = name.trim();
      if (trimmed !== '' && !names.has(trimmed.toLowerCase())) names.set(trimmed.toLowerCase(), trimmed);
    }
  }
  if (!names.has('accept-encoding')) names.set('accept-encoding', 'Accept-Encoding');
  return [...names.values()].join(', ');
}
