import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Request } from 'express';
import { StreamWriter } from 'n3';
import type { Logger } from 'pino';
import type { Graph } from '../rdf/Graph.js';
import { bundledContexts } from '../rdf/bundledContexts.js';
import { streamJsonLd } from '../rdf/streamJsonLd.js';
import { CONTEXT_IRI } from '../rdf/vocabulary.js';
import { triplesOnce } from '../rdf/triplesOnce.js';
import { contextPrefixes, writeRdf } from '../rdf/writeRdf.js';
import { DumpCache, type StoredDump } from './DumpCache.js';
import { etagOfCoding } from './etagOfCoding.js';
import { isNotModified } from './isNotModified.js';
import { negotiateEncoding, notAcceptableEncoding } from './negotiateEncoding.js';

/** One downloadable dump of the whole graph. */
export interface Dump {
  path: string;
  mediaType: string;
  /** Whether the format carries the named graphs. */
  keepsGraphs: boolean;
  /** Writes the dump of `graph` to `output`, without ending it. */
  write(graph: Graph, output: Writable): Promise<void>;
}

const context = (bundledContexts.get(CONTEXT_IRI) as { '@context': Record<string, unknown> })['@context'];

/** The dumps, in the order a catalogue lists them. */
export const dumps: readonly Dump[] = [
  { path: '/dump.nq', mediaType: 'application/n-quads', keepsGraphs: true, write: (graph, output) => writeRdf(graph.quads(), 'nquads', output) },
  { path: '/dump.trig', mediaType: 'application/trig', keepsGraphs: true, write: (graph, output) => writeRdf(graph.quads(), 'trig', output) },
  { path: '/dump.ttl', mediaType: 'text/turtle', keepsGraphs: false, write: writeTurtle },
  { path: '/dump.jsonld', mediaType: 'application/ld+json', keepsGraphs: true, write: (graph, output) => streamJsonLd(graph.quads(), context, output) },
];

/**
 * The graph's triples, each once, as Turtle with the context's prefixes.
 * Not writeRdf's `turtle`, which first copies every triple into a new store
 * to drop duplicates: see triplesOnce.
 */
async function writeTurtle(graph: Graph, output: Writable): Promise<void> {
  const writer = new StreamWriter({ format: 'text/turtle', prefixes: contextPrefixes() });
  await pipeline(Readable.from(triplesOnce(graph), { objectMode: true }), writer, output, { end: false });
}

/** What the dumps are made of and which version of the data that is. */
export interface DumpOptions {
  /** An immutable snapshot: each dump is produced from it once. */
  graph: Graph;
  /** Changes whenever the data changes; the ETag is made from it. */
  digest: string;
  lastModified: Date;
  logger: Logger;
  /** Dumps up to this many bytes are kept in memory, larger ones in files; see DumpCache. */
  memoryLimitBytes?: number;
}

/** How long a client should wait before asking again after a dump could not be produced. */
const RETRY_AFTER_SECONDS = '60';

/**
 * Serves the whole graph at /dump.nq, /dump.trig, /dump.ttl (triples only)
 * and /dump.jsonld (context inline).
 *
 * - Each dump is produced once for the Graph, on the first request for it,
 *   and compressed once per coding (see DumpCache); every later request is
 *   served from those bytes (in memory up to 16 MB, else from a file), so a
 *   download costs about what any small answer costs, not a serialisation
 *   of the graph. Production is lazy rather than at start-up: at 100k quads
 *   the four formats take 7 s of the event loop (JSON-LD alone 4.5 s), about
 *   ten times that at a million, and a start-up that did it would spend that
 *   beside the first traffic for dumps nobody may ask for; lazily, the first
 *   client of each format waits, and those who ask meanwhile wait with it. Requests that arrive while a dump is being
 *   produced wait for that one production.
 * - The coding follows `Accept-Encoding` (see negotiateEncoding): brotli,
 *   gzip, or identity when the header is missing; 406 when it accepts none
 *   of them. `Vary: Accept-Encoding` on every answer.
 * - `ETag` is made from the data version, the format and the coding
 *   (`"<digest>-nq"`, `"<digest>-nq-gz"`, `"<digest>-nq-br"`), with
 *   `Last-Modified`; `If-None-Match` or `If-Modified-Since` gets a 304, before
 *   any production.
 * - `Content-Length` is sent, and one byte range (`Range: bytes=…`, of the
 *   coded bytes, with `If-Range`) gets a 206; an unsatisfiable one a 416 and
 *   several ranges the whole dump. HEAD gets the headers only; other methods a 405 with `Allow: GET, HEAD`.
 * - A dump that cannot be produced gets a 503 with `Retry-After`, and is
 *   tried again on the next request.
 */
export function createDumpRouter({ graph, digest, lastModified, logger, memoryLimitBytes }: DumpOptions): Router & { close(): Promise<void> } {
  const router = Router();
  const writers = new Map(dumps.map((dump) => [dump.path, (output: Writable) => dump.write(graph, output)]));
  const cache = new DumpCache(writers, { memoryLimitBytes });
  const lastModifiedText = lastModified.toUTCString();
  for (const dump of dumps) {
    const extension = dump.path.slice(dump.path.lastIndexOf('.') + 1);
    const identityEtag = `"${digest.slice(0, 32)}-${extension}"`;
    router.get(dump.path, async (request, response) => {
      response.vary('Accept-Encoding');
      const acceptEncoding = request.get('accept-encoding');
      const coding = negotiateEncoding(acceptEncoding);
      if (coding === null) {
        response.status(406).type('text/plain; charset=utf-8').send(`${notAcceptableEncoding(acceptEncoding)}\n`);
        return;
      }
      const etag = etagOfCoding(identityEtag, coding);
      response.set({
        'Content-Type': `${dump.mediaType}; charset=utf-8`,
        ETag: etag,
        'Last-Modified': lastModifiedText,
        'Cache-Control': 'public, no-cache',
        'Content-Disposition': `inline; filename="kulturskolegrafen.${extension}"`,
        'Accept-Ranges': 'bytes',
      });
      if (isNotModified(request, etag, lastModified)) {
        response.status(304).end();
        return;
      }
      let stored: StoredDump;
      try {
        stored = await cache.get(dump.path, coding);
      } catch (error) {
        logger.error({ err: error, path: dump.path, coding }, 'dump could not be produced');
        response.removeHeader('Content-Disposition');
        response.status(503).set('Retry-After', RETRY_AFTER_SECONDS).type('text/plain; charset=utf-8');
        response.send(`The dump ${dump.path} could not be produced; try again in ${RETRY_AFTER_SECONDS} s.\n`);
        return;
      }
      if (coding !== 'identity') response.setHeader('Content-Encoding', coding);
      const range = byteRange(request, stored.size, etag, lastModifiedText);
      if (range === 'unsatisfiable') {
        response.status(416).set('Content-Range', `bytes */${stored.size}`).end();
        return;
      }
      if (range !== undefined) {
        response.status(206).set('Content-Range', `bytes ${range.start}-${range.end}/${stored.size}`);
      }
      const start = range?.start ?? 0;
      const end = range?.end ?? stored.size - 1;
      response.setHeader('Content-Length', String(end - start + 1));
      if (request.method === 'HEAD') {
        response.end();
        return;
      }
      if (stored.bytes !== undefined) {
        response.end(stored.bytes.subarray(start, end + 1));
        return;
      }
      try {
        await pipeline(stored.read(start, end), response);
      } catch (error) {
        // A client that hangs up halfway is no fault of ours; pipeline has closed both ends.
        logger.debug({ err: error, path: dump.path }, 'dump download interrupted');
      }
    });
    // The dump exists, so another method on it is a 405 (RFC 9110 §15.5.6), as on every resource.
    router.all(dump.path, (request, response) => {
      response.status(405).set('Allow', 'GET, HEAD').type('text/plain; charset=utf-8').send(`The method ${request.method} is not allowed on ${dump.path}; dumps answer GET and HEAD.\n`);
    });
  }
  // Closing gives back the files of the dumps kept on disk, once the graph is no longer served.
  return Object.assign(router, { close: () => cache.close() });
}

/**
 * The one byte range a GET asks for, if it asks for exactly one and its
 * `If-Range` (when present) still names this representation: by strong ETag
 * comparison, or the exact Last-Modified date (RFC 9110 §13.1.5, §14.2).
 * A malformed Range, several ranges or a stale If-Range mean the whole
 * representation (undefined); a range wholly past the end is unsatisfiable.
 */
function byteRange(request: Request, size: number, etag: string, lastModified: string): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (request.get('range') === undefined) return undefined;
  const ifRange = request.get('if-range');
  if (ifRange !== undefined && ifRange.trim() !== etag && ifRange.trim() !== lastModified) return undefined;
  const ranges = request.range(size, { combine: true });
  if (ranges === -1) return 'unsatisfiable';
  if (ranges === undefined || ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return undefined;
  return { start: ranges[0]!.start, end: ranges[0]!.end };
}
