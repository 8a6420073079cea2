import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import { StreamWriter } from 'n3';
import type { Logger } from 'pino';
import type { Graph } from '../rdf/Graph.js';
import { bundledContexts } from '../rdf/bundledContexts.js';
import { streamJsonLd } from '../rdf/streamJsonLd.js';
import { CONTEXT_IRI } from '../rdf/vocabulary.js';
import { triplesOnce } from '../rdf/triplesOnce.js';
import { contextPrefixes, writeRdf } from '../rdf/writeRdf.js';
import { serveCachedDownloads } from './serveCachedDownloads.js';

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

/**
 * Serves the whole graph at /dump.nq, /dump.trig, /dump.ttl (triples only)
 * and /dump.jsonld (context inline), each produced once for the Graph and
 * compressed once per coding, with ETags, 304s, byte ranges and 503 on
 * failure as serveCachedDownloads says.
 *
 * Production is lazy rather than at start-up: at 100k quads the four formats
 * take 7 s of the event loop (JSON-LD alone 4.5 s), about ten times that at a
 * million, and a start-up that did it would spend that beside the first
 * traffic for dumps nobody may ask for; lazily, the first client of each
 * format waits, and those who ask meanwhile wait with it. A dump is kept in
 * memory up to 16 MB, else in a file, so a download costs about what any
 * small answer costs, not a serialisation of the graph.
 */
export function createDumpRouter({ graph, digest, lastModified, logger, memoryLimitBytes }: DumpOptions): Router & { close(): Promise<void> } {
  const router = Router();
  const close = serveCachedDownloads(
    router,
    dumps.map((dump) => {
      const extension = dump.path.slice(dump.path.lastIndexOf('.') + 1);
      return {
        path: dump.path,
        contentType: `${dump.mediaType}; charset=utf-8`,
        tag: extension,
        filename: `kulturskolegrafen.${extension}`,
        write: (output: Writable) => dump.write(graph, output),
      };
    }),
    { digest, lastModified, logger, ...(memoryLimitBytes !== undefined && { memoryLimitBytes }) },
  );
  // Closing gives back the files of the dumps kept on disk, once the graph is no longer served.
  return Object.assign(router, { close });
}
