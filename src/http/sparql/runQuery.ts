import type Oxigraph from 'oxigraph';
import { capResults } from './capResults.js';
import { chooseResultFormat } from './chooseResultFormat.js';
import type { OxigraphEngine } from './loadOxigraph.js';
import { kg } from '../../rdf/vocabulary.js';
import { prepareQuery } from './prepareQuery.js';
import type { QueryJob, QueryReply } from './QueryJob.js';
import { SparqlHttpError } from './SparqlHttpError.js';

/** How much of an engine message a client gets back. */
const MAX_MESSAGE_LENGTH = 300;

/** A trap inside Oxigraph's WebAssembly code (a failed allocation, a Rust panic, its own stack overflowing). */
const WasmRuntimeError = (globalThis as unknown as { WebAssembly: { RuntimeError: new () => Error } }).WebAssembly.RuntimeError;

type QueryOptions = NonNullable<Parameters<Oxigraph.Store['query']>[1]>;

/**
 * Answers one job against `store`, synchronously (it runs in a worker, where
 * blocking is the point): parses and checks the query, chooses the result
 * format, runs it with Oxigraph and applies the row and byte caps. The
 * default graph is the union of the named graphs unless the job or the
 * query names a dataset. Never throws: every failure is a reply with a
 * status and a message. When the engine fails on the query (it traps,
 * overflows its stack or runs out of its memory) the reply is a 400 that
 * says the query is too complex and why, and asks for a fresh worker; so
 * does any answer after which the engine holds more than half its memory,
 * since WebAssembly memory never shrinks.
 */
export function runQuery(engine: OxigraphEngine, store: Oxigraph.Store, job: QueryJob): QueryReply {
  const memoryBefore = engine.memory.buffer.byteLength;
  try {
    const reply = answer(engine.oxigraph, store, job);
    return engine.memory.buffer.byteLength > engine.maxMemoryBytes / 2 ? { ...reply, replaceWorker: true } : reply;
  } catch (error) {
    if (error instanceof SparqlHttpError) return { ok: false, status: error.status as 400 | 406, message: error.message };
    return { ...engineFailure(error, engine, memoryBefore), replaceWorker: true };
  }
}

function answer(oxigraph: typeof Oxigraph, store: Oxigraph.Store, job: QueryJob): QueryReply {
  const prepared = prepareQuery(job.query, job.maxRows, job.complexity);
  const offer = chooseResultFormat(prepared.kind, job.accept, job.format);
  const options: QueryOptions = job.dataset
    ? {
        default_graph: job.dataset.defaultGraphs.map((iri) => graphNamed(oxigraph, iri, 'default-graph-uri')),
        named_graphs: job.dataset.namedGraphs.map((iri) => graphNamed(oxigraph, iri, 'named-graph-uri')),
      }
    : prepared.hasOwnDataset
      ? {}
      : { use_default_graph_as_union: true };
  // The same base as prepareQuery's parser, for the client's own text.
  const body = evaluate(() => store.query(prepared.text, { ...options, base_iri: kg.sparqlEndpoint.value, results_format: offer.format }) as string);
  if (offer.format === 'rdf') refuseUnwritableRdfXml(body);
  const { cap } = prepared;
  // The row cap of a SELECT counts solutions in the body; that of a graph asks the engine once more.
  const maxRows = cap?.kind === 'extraRow' ? cap.maxRows : Number.POSITIVE_INFINITY;
  const capped = capResults(body, offer.format, { maxRows, maxBytes: job.maxResultBytes });
  if (capped.truncated !== false || cap?.kind !== 'checkQuery') return { ok: true, mediaType: offer.mediaType, ...capped };
  const more = evaluate(() => store.query(cap.check, options) as unknown[]);
  return { ok: true, mediaType: offer.mediaType, body: capped.body, truncated: more.length > 0 ? 'rows' : false };
}

/**
 * Oxigraph 0.5 writes a predicate (or a class of a typed node) whose IRI does
 * not end in an XML name, such as `…/123` or `…#`, as an element with an empty
 * local name (`<oxprefix: xmlns:oxprefix="…/123">`), which is not XML: no
 * client could read the answer. Throws a 406 naming the IRI and the formats
 * that can carry it. Only markup can hold `<oxprefix:`: literals and
 * attribute values escape `<`.
 */
function refuseUnwritableRdfXml(body: string): void {
  const unwritable = /<oxprefix: xmlns:oxprefix="([^"]*)"/.exec(body);
  if (unwritable === null) return;
  const iri = unwritable[1]!.replace(/&(lt|gt|quot|apos|amp);/g, (_entity, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name]!);
  throw new SparqlHttpError(
    406,
    `These results cannot be written as RDF/XML: the IRI <${iri}> does not end in an XML name, which RDF/XML needs for a predicate or a class; ask for Turtle (text/turtle), N-Triples (application/n-triples) or JSON-LD (application/ld+json)`,
  );
}

/**
 * The engine's term for a graph IRI from the protocol's `parameter`. The
 * endpoint checks these IRIs by the engine's rules before a job is sent, but
 * should the engine refuse one all the same, that is the client's bad value:
 * a 400 naming the parameter and the value, and the worker is kept.
 */
function graphNamed(oxigraph: typeof Oxigraph, iri: string, parameter: string): Oxigraph.NamedNode {
  try {
    return oxigraph.namedNode(iri);
  } catch (error) {
    if (error instanceof WasmRuntimeError || error instanceof RangeError) throw error;
    throw new SparqlHttpError(
      400,
      `The ${parameter} parameter must be an absolute IRI, but got: ${JSON.stringify(iri.slice(0, 200))}; the query engine refused it: ${shorten(String((error as Error)?.message ?? error))}`,
    );
  }
}

/**
 * Runs the engine; what it throws for the query (a construct it does not
 * support, a bad IRI, too deep a nesting for its parser) becomes a 400. Its
 * own failures (a WebAssembly trap, a stack overflow) pass through.
 */
function evaluate<Result>(run: () => Result): Result {
  try {
    return run();
  } catch (error) {
    if (error instanceof WasmRuntimeError || error instanceof RangeError) throw error;
    throw new SparqlHttpError(400, `The query engine refused the query: ${shorten(String((error as Error)?.message ?? error))}`);
  }
}

/** The reply to a failure of the engine (or, should one happen, of this code), naming why as well as it can be told. */
function engineFailure(error: unknown, engine: OxigraphEngine, memoryBefore: number): QueryReply {
  const message = String((error as Error)?.message ?? error);
  const detail = String((error as Error)?.stack ?? error);
  const tooComplex = (why: string): QueryReply => ({ ok: false, status: 400, message: `The query is too complex for the engine: ${why}`, detail, engineFailure: true });
  if (error instanceof RangeError) {
    if (/call stack/i.test(message)) return tooComplex('it ran out of stack (its expressions, paths or patterns nest too deep)');
    return tooComplex(`its answer is larger than the engine can hand over (${shorten(message)})`);
  }
  if (error instanceof WasmRuntimeError) {
    // The engine keeps its own stack in its memory, below its data: overflowing it reads out of bounds.
    if (/out of bounds/i.test(message)) return tooComplex('it ran out of stack (its expressions, paths or patterns nest too deep)');
    // A failed allocation aborts (a trap) after the memory grew as far as it could.
    const memory = engine.memory.buffer.byteLength;
    if (memory > memoryBefore || memory >= engine.maxMemoryBytes * 0.9) {
      return tooComplex(`it needed more memory than the engine's limit of ${Math.round(engine.maxMemoryBytes / 1_048_576)} MB`);
    }
    return tooComplex(`the engine stopped on it with an internal error (${shorten(message)})`);
  }
  return { ok: false, status: 500, message: 'The query engine failed on this query', detail };
}

function shorten(message: string): string {
  return message.length <= MAX_MESSAGE_LENGTH ? message : `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…`;
}
