import { Router, type Response } from 'express';
import type { Logger } from 'pino';
import type { Graph } from '../rdf/Graph.js';
import { bundledContexts } from '../rdf/bundledContexts.js';
import { streamJsonLd } from '../rdf/streamJsonLd.js';
import { CONTEXT_IRI } from '../rdf/vocabulary.js';
import { writeRdf } from '../rdf/writeRdf.js';
import { isNotModified } from './isNotModified.js';

/** One downloadable dump of the whole graph. */
export interface Dump {
  path: string;
  mediaType: string;
  /** Whether the format carries the named graphs. */
  keepsGraphs: boolean;
  write(graph: Graph, output: Response): Promise<void>;
}

const context = (bundledContexts.get(CONTEXT_IRI) as { '@context': Record<string, unknown> })['@context'];

/** The dumps, in the order a catalogue lists them. */
export const dumps: readonly Dump[] = [
  { path: '/dump.nq', mediaType: 'application/n-quads', keepsGraphs: true, write: (graph, output) => writeRdf(graph.quads(), 'nquads', output) },
  { path: '/dump.trig', mediaType: 'application/trig', keepsGraphs: true, write: (graph, output) => writeRdf(graph.quads(), 'trig', output) },
  { path: '/dump.ttl', mediaType: 'text/turtle', keepsGraphs: false, write: (graph, output) => writeRdf(graph.quads(), 'turtle', output) },
  { path: '/dump.jsonld', mediaType: 'application/ld+json', keepsGraphs: true, write: (graph, output) => streamJsonLd(graph.quads(), context, output) },
];

/** What the dumps are made of and which version of the data that is. */
export interface DumpOptions {
  graph: Graph;
  /** Changes whenever the data changes; the ETag is made from it. */
  digest: string;
  lastModified: Date;
  logger: Logger;
}

/**
 * Serves the whole graph at /dump.nq, /dump.trig, /dump.ttl (triples only)
 * and /dump.jsonld (context inline), streamed as it is written, with an ETag
 * and Last-Modified so that `If-None-Match` / `If-Modified-Since` get 304.
 */
export function createDumpRouter({ graph, digest, lastModified, logger }: DumpOptions): Router {
  const router = Router();
  for (const dump of dumps) {
    const extension = dump.path.slice(dump.path.lastIndexOf('.') + 1);
    const etag = `"${digest.slice(0, 32)}-${extension}"`;
    router.get(dump.path, async (request, response) => {
      response.set({
        'Content-Type': `${dump.mediaType}; charset=utf-8`,
        ETag: etag,
        'Last-Modified': lastModified.toUTCString(),
        'Cache-Control': 'public, no-cache',
        'Content-Disposition': `inline; filename="kulturskolegrafen.${extension}"`,
      });
      if (isNotModified(request, etag, lastModified)) {
        response.status(304).end();
        return;
      }
      if (request.method === 'HEAD') {
        response.end();
        return;
      }
      try {
        await dump.write(graph, response);
        response.end();
      } catch (error) {
        // The status line is gone; all that is left is to cut the stream so the client sees it incomplete.
        logger.warn({ err: error, path: dump.path }, 'dump interrupted');
        response.destroy();
      }
    });
  }
  return router;
}
