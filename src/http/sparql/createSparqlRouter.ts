import type * as RDF from '@rdfjs/types';
import express, { type Request, type Response, type Router } from 'express';
import { Writer } from 'n3';
import type { Logger } from 'pino';
import { findIriProblem } from './findIriProblem.js';
import { defaultQueryComplexityLimits, type QueryComplexityLimits } from './prepareQuery.js';
import { refuseDeclaredOversizeBody } from '../refuseDeclaredOversizeBody.js';
import { maxProtocolBodyBytes, readProtocolRequest } from './readProtocolRequest.js';
import { SparqlHttpError } from './SparqlHttpError.js';
import { SparqlWorkerPool, type GraphReplacement, type SparqlPoolStats } from './SparqlWorkerPool.js';

/**
 * What the endpoint serves: every quad in its named graph, written here as
 * N-Quads for the workers (copied once, so later changes to the source are
 * not seen); or stored dataset versions (see StoredGraphContent), which the
 * workers write as N-Quads themselves, in their threads, as they do a
 * published change (nothing is written on this thread).
 */
export type SparqlData = { quads: Iterable<RDF.Quad> } | { contents: readonly StoredGraphContent[] };

/** A named graph's content as a stored dataset version keeps it: canonical N-Triples, with the dataset's slug (see nquadsOfContent). */
export interface StoredGraphContent {
  graph: string;
  slug: string;
  ntriples: string;
}

/** What the endpoint serves and its limits. */
export type SparqlRouterOptions = SparqlData & SparqlRouterLimits;

/** The endpoint's limits and what it needs besides its data. */
export interface SparqlRouterLimits {
  logger: Logger;
  /** How long one query may run before it is stopped and answered with 503. Default 10,000 ms. */
  timeoutMs?: number;
  /** The most solutions one answer carries; more are cut off and the answer says so. Default 10,000. */
  maxRows?: number;
  /**
   * The most bytes one answer's body carries; past them it is cut after the
   * last whole solution (or statement of a graph) and says so. Default 16 MiB.
   */
  maxResultBytes?: number;
  /**
   * The most memory each worker's Oxigraph may use, its copy of the data
   * included; a query that needs more is answered with a 400. Default 256 MB
   * of working memory plus four times the size of the data as N-Quads (what
   * loading it was measured to take).
   */
  engineMemoryMb?: number;
  /** How deep expressions nest, how long property paths are and how much strings grow; see QueryComplexityLimits. */
  complexity?: Partial<QueryComplexityLimits>;
  /** A named seam for tests: the worker that gets exactly this query crashes. */
  crashOnQuery?: string;
  /** Which version of the data `quads` are; every answer carries it in a `Data-Version` header. */
  dataVersion?: string;
  /** The longest query accepted, in UTF-8 bytes; a longer one is a 413. Default 65,536. */
  maxQueryBytes?: number;
  /** Queries that run at once, each in its own worker thread with its own copy of the data. Default 2. */
  workers?: number;
  /** Queries that may wait for a worker; one more is a 503. Default 16. */
  maxQueued?: number;
}

/** The endpoint's router and how to stop its workers. */
export interface SparqlRouter {
  /** Handles GET and POST on `/sparql`; mount it at the application's root. */
  router: Router;
  /** Answers waiting queries with 503, lets running ones finish, then ends the worker threads. */
  close(): Promise<void>;
  /** Whether the endpoint can answer, its queue, and its counters of timeouts, worker restarts and engine failures since it started. */
  stats(): SparqlPoolStats;
  /**
   * Replaces one named graph's quads in every worker, between queries, and
   * answers as `dataVersion` from then on. The quads are N-Quads text in
   * that graph, those with a blank node apart (both empty: the graph is
   * gone), or a stored dataset version's canonical N-Triples with its slug,
   * which each worker writes as N-Quads (see nquadsOfContent). Resolves
   * once every worker has it. One call at a time. Rejects, changing
   * nothing, when `graph` is no absolute IRI.
   */
  replaceGraph(graph: string, content: { plain: string; withBlankNodes: string } | { slug: string; ntriples: string }, dataVersion: string): Promise<void>;
  /**
   * Tells the workers what one named graph's content may become (a stored
   * dataset version's canonical N-Triples with its slug), while a write is
   * still being checked, or (null) that the write has ended: each writes it
   * as N-Quads ahead, so that replaceGraph with the same content then only
   * loads them. Nothing told here is served. A graph that is no absolute
   * IRI is ignored (replaceGraph refuses it).
   */
  stageGraph(graph: string, content: { slug: string; ntriples: string } | null): void;
}

/**
 * The limits' defaults, from docs/limits.md of the product brief. The byte
 * cap leaves room for 10,000 solutions of about 1.6 kB each, far more than
 * the data's largest answers (the whole dataset as N-Quads is under 1 MB),
 * while two workers' answers in flight stay a small part of the memory.
 */
const defaultSparqlLimits = { timeoutMs: 10_000, maxRows: 10_000, maxResultBytes: 16 * 1_048_576, maxQueryBytes: 65_536, workers: 2, maxQueued: 16 } as const;

/** What the engine needs beyond its copy of the data, and that copy per MB of N-Quads (measured: 100,000 quads, 18.7 MB, took 65 MB). */
const ENGINE_WORKING_MEMORY_MB = 256;
const ENGINE_MEMORY_PER_NQUADS_MB = 4;

/**
 * A read-only SPARQL 1.1 endpoint at `/sparql` (SPARQL 1.1 Protocol query
 * operation: GET, POST of a form, POST of `application/sparql-query`).
 *
 * Dataset: without `default-graph-uri`/`named-graph-uri` (or FROM in the
 * query), the default graph is the union of all named graphs, as Fuseki's
 * `unionDefaultGraph`, and `GRAPH ?g { … }` reaches each named graph. With
 * them, the dataset is exactly the graphs they name.
 *
 * Results: SELECT and ASK as SPARQL JSON (the default), SPARQL XML, CSV or
 * TSV; CONSTRUCT and DESCRIBE as Turtle (the default), N-Triples, JSON-LD or
 * RDF/XML; chosen by Accept with q-values and a `format` parameter (`json`,
 * `xml`, `csv`, `tsv`, `ttl`, `nt`, `jsonld`, `rdf`, SPARQLWrapper's names
 * such as `turtle`, `n3`, `rdf+xml`, `json-ld`, or a media type), Accept
 * winning when they disagree (see chooseResultFormat). Every answer varies
 * on Accept.
 *
 * Relative IRIs in a query resolve against the endpoint's persistent IRI,
 * `kg.sparqlEndpoint` (`https://w3id.org/kulturskola/sparql`).
 *
 * Limits: at most `maxRows` solutions and `maxResultBytes` bytes per
 * answer; an answer that was cut carries the headers `X-SPARQL-Truncated:
 * true` and `X-SPARQL-MaxRows` or `X-SPARQL-MaxBytes` (the cap that cut it),
 * and SPARQL JSON results also a top-level `"truncated": true`. A query runs
 * in a worker thread and is stopped after `timeoutMs` (503). Updates,
 * SERVICE, syntax errors, invalid UTF-8 (or UTF-16) and queries beyond
 * `complexity` or the engine's memory are 400, too long a query 413, a body
 * in another charset 415, an unsupported Accept (or results that RDF/XML
 * cannot write) 406, a full queue or a crashed engine 503; every error is text/plain with a
 * sentence that names the bad value or the limit, and none is logged at
 * error level unless the endpoint's own code failed.
 *
 * Resolves once the workers have loaded the data; rejects if they cannot.
 */
export async function createSparqlRouter(options: SparqlRouterOptions): Promise<SparqlRouter> {
  const { logger } = options;
  const limits = {
    timeoutMs: positiveInteger(options.timeoutMs ?? defaultSparqlLimits.timeoutMs, 'timeoutMs'),
    maxRows: positiveInteger(options.maxRows ?? defaultSparqlLimits.maxRows, 'maxRows'),
    maxResultBytes: positiveInteger(options.maxResultBytes ?? defaultSparqlLimits.maxResultBytes, 'maxResultBytes'),
    maxQueryBytes: positiveInteger(options.maxQueryBytes ?? defaultSparqlLimits.maxQueryBytes, 'maxQueryBytes'),
    workers: positiveInteger(options.workers ?? defaultSparqlLimits.workers, 'workers'),
    maxQueued: positiveInteger(options.maxQueued ?? defaultSparqlLimits.maxQueued, 'maxQueued'),
  };
  const complexity: QueryComplexityLimits = {
    maxExpressionDepth: positiveInteger(options.complexity?.maxExpressionDepth ?? defaultQueryComplexityLimits.maxExpressionDepth, 'complexity.maxExpressionDepth'),
    maxPathSteps: positiveInteger(options.complexity?.maxPathSteps ?? defaultQueryComplexityLimits.maxPathSteps, 'complexity.maxPathSteps'),
    maxStringGrowth: positiveInteger(options.complexity?.maxStringGrowth ?? defaultQueryComplexityLimits.maxStringGrowth, 'complexity.maxStringGrowth'),
  };
  const data = 'quads' in options ? sharedNQuads(options.quads) : { plainQuads: new Uint8Array(0), blankNodeQuads: new Uint8Array(0) };
  // The data as loaded plus each replaced graph's current version (a graph's first version stays counted once it is
  // replaced: an upper bound), so a fresh worker always has room for the data, and publishing one dataset again and
  // again does not raise the engine's memory past what its last version needs.
  const loadedMb = megabytes(data);
  const replacedMb = new Map<string, number>();
  // Stored contents are loaded as the first replacements of an empty store, each a graph's current version.
  const replacements: GraphReplacement[] = [];
  for (const { graph, slug, ntriples } of 'contents' in options ? options.contents : []) {
    const problem = findIriProblem(graph);
    if (problem !== undefined) throw new Error(`createSparqlRouter: a graph must be an absolute IRI, but got ${JSON.stringify(graph)}: ${problem}`);
    const bytes = shared(ntriples);
    replacements.push({ graph, slug, ntriples: bytes });
    replacedMb.set(graph, contentMb(graph, slug, bytes, ntriples));
  }
  const dataMb = () => loadedMb + [...replacedMb.values()].reduce((sum, mb) => sum + mb, 0);
  // What each graph's content may become, as told to the workers (see stageGraph): replaceGraph hands them the same bytes.
  const staged = new Map<string, { ntriples: string; bytes: Uint8Array }>();
  const memoryFor = (mb: number) => positiveInteger(options.engineMemoryMb ?? ENGINE_WORKING_MEMORY_MB + Math.ceil(ENGINE_MEMORY_PER_NQUADS_MB * mb), 'engineMemoryMb');
  const pool = await SparqlWorkerPool.start({
    ...data,
    engineMemoryMb: memoryFor(dataMb()),
    ...(replacements.length > 0 && { replacements }),
    ...(options.crashOnQuery !== undefined && { crashOnQuery: options.crashOnQuery }),
    ...(options.dataVersion !== undefined && { dataVersion: options.dataVersion }),
    logger,
    ...limits,
  });

  const router = express.Router();
  router.all('/sparql', async (request: Request, response: Response) => {
    if (refuseDeclaredOversizeBody(request, response, maxProtocolBodyBytes(limits.maxQueryBytes), 'text')) return;
    response.vary('Accept');
    const stopped = new AbortController();
    response.once('close', () => stopped.abort());
    try {
      const { query, dataset, format } = await readProtocolRequest(request, response, limits.maxQueryBytes);
      const reply = await pool.run(
        {
          query,
          maxRows: limits.maxRows,
          maxResultBytes: limits.maxResultBytes,
          complexity,
          ...(request.headers.accept !== undefined && { accept: request.headers.accept }),
          ...(format !== undefined && { format }),
          ...(dataset !== undefined && { dataset }),
        },
        stopped.signal,
      );
      // Every answer tells which version of the data it comes from, a refusal by the engine too.
      if (reply.dataVersion !== undefined) response.set('Data-Version', reply.dataVersion);
      if (!reply.ok) {
        // An engine failure is the query's doing, so it stays below error level; a 500 is a fault of this code.
        if (reply.status === 500) logger.error({ detail: reply.detail }, 'the SPARQL endpoint failed on a query');
        else if (reply.engineFailure === true) logger.warn({ detail: reply.detail, queryBytes: Buffer.byteLength(query) }, 'the SPARQL engine failed on a query; its worker is replaced');
        throw new SparqlHttpError(reply.status, reply.message);
      }
      if (reply.truncated === 'rows') response.set({ 'X-SPARQL-Truncated': 'true', 'X-SPARQL-MaxRows': String(limits.maxRows) });
      if (reply.truncated === 'bytes') response.set({ 'X-SPARQL-Truncated': 'true', 'X-SPARQL-MaxBytes': String(limits.maxResultBytes) });
      response.status(200).type(`${reply.mediaType}; charset=utf-8`).send(reply.body);
    } catch (error) {
      sendError(response, error, logger);
    }
  });
  return {
    router,
    close: () => pool.close(),
    stats: () => pool.stats(),
    replaceGraph: (graph, content, dataVersion) => {
      // The worker names the graph in an update (DROP GRAPH <…>): nothing but an IRI may reach it.
      const problem = findIriProblem(graph);
      if (problem !== undefined) return Promise.reject(new Error(`replaceGraph: the graph must be an absolute IRI, but got ${JSON.stringify(graph)}: ${problem}`));
      let replacement: GraphReplacement;
      if ('ntriples' in content) {
        const ahead = staged.get(graph);
        staged.delete(graph);
        replacement = { graph, slug: content.slug, ntriples: ahead?.ntriples === content.ntriples ? ahead.bytes : shared(content.ntriples) };
        replacedMb.set(graph, contentMb(graph, content.slug, replacement.ntriples, content.ntriples));
      } else {
        replacement = { graph, plainQuads: shared(content.plain), blankNodeQuads: shared(content.withBlankNodes) };
        replacedMb.set(graph, megabytes(replacement));
      }
      return pool.replaceGraph(replacement, dataVersion, memoryFor(dataMb()));
    },
    stageGraph: (graph, content) => {
      if (findIriProblem(graph) !== undefined) return;
      if (content === null) {
        staged.delete(graph);
        return pool.stageGraph(graph);
      }
      const bytes = shared(content.ntriples);
      staged.set(graph, { ntriples: content.ntriples, bytes });
      pool.stageGraph(graph, { slug: content.slug, ntriples: bytes });
    },
  };
}

function megabytes({ plainQuads, blankNodeQuads }: { plainQuads: Uint8Array; blankNodeQuads: Uint8Array }): number {
  return (plainQuads.length + blankNodeQuads.length) / 1_048_576;
}

/** A stored content's size as N-Quads (`bytes`, its UTF-8, and `text`): each line gains the graph's IRI (and a blank node its slug prefix), so the engine's memory stays an upper bound. */
function contentMb(graph: string, slug: string, bytes: Uint8Array, text: string): number {
  return (bytes.length + lineCount(text) * (graph.length + slug.length + 8)) / 1_048_576;
}

function lineCount(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

/** Answers with the error's status and message as text/plain; anything unexpected is a logged 500. */
function sendError(response: Response, error: unknown, logger: Logger): void {
  if (response.headersSent) return;
  const known = error instanceof SparqlHttpError ? error : undefined;
  if (known === undefined) logger.error({ err: error }, 'unexpected error in the SPARQL endpoint');
  response
    .status(known?.status ?? 500)
    .set(known?.headers ?? {})
    .type('text/plain; charset=utf-8')
    .send(`${known?.message ?? 'Internal server error'}\n`);
}

/**
 * The quads as N-Quads on shared memory, so that every worker, however often
 * replaced, reads the same bytes without a copy; those with a blank node apart.
 */
function sharedNQuads(quads: Iterable<RDF.Quad>): { plainQuads: Uint8Array; blankNodeQuads: Uint8Array } {
  const writer = new Writer({ format: 'N-Quads' });
  const plain: string[] = [];
  const withBlankNodes: string[] = [];
  for (const quad of quads) {
    const line = writer.quadToString(quad.subject, quad.predicate, quad.object, quad.graph);
    const hasBlankNode = [quad.subject, quad.object, quad.graph].some((term) => term.termType === 'BlankNode');
    (hasBlankNode ? withBlankNodes : plain).push(line);
  }
  return { plainQuads: shared(plain.join('')), blankNodeQuads: shared(withBlankNodes.join('')) };
}

function shared(text: string): Uint8Array {
  const bytes = new Uint8Array(new SharedArrayBuffer(Buffer.byteLength(text)));
  new TextEncoder().encodeInto(text, bytes);
  return bytes;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`createSparqlRouter: ${name} must be a positive integer but got: ${value}`);
  return value;
}
