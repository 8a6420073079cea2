import oxigraph from 'oxigraph';
import { capSolutions } from './capSolutions.js';
import { chooseResultFormat } from './chooseResultFormat.js';
import { prepareQuery } from './prepareQuery.js';
import type { QueryJob, QueryReply } from './QueryJob.js';
import { SparqlHttpError } from './SparqlHttpError.js';

/** How much of an engine message a client gets back. */
const MAX_MESSAGE_LENGTH = 300;

/** A trap inside Oxigraph's WASM code (a Rust panic): the engine's own failure, after which its state is suspect. */
const WasmRuntimeError = (globalThis as unknown as { WebAssembly: { RuntimeError: new () => Error } }).WebAssembly.RuntimeError;

type QueryOptions = NonNullable<Parameters<oxigraph.Store['query']>[1]>;

/**
 * Answers one job against `store`, synchronously (it runs in a worker, where
 * blocking is the point): parses and checks the query, chooses the result
 * format, runs it with Oxigraph and applies the row cap. The default graph is
 * the union of the named graphs unless the job or the query names a dataset.
 * Never throws: every failure is a reply with a status and a message.
 */
export function runQuery(store: oxigraph.Store, job: QueryJob): QueryReply {
  try {
    const prepared = prepareQuery(job.query, job.maxRows);
    const offer = chooseResultFormat(prepared.kind, job.accept, job.format);
    const options: QueryOptions = job.dataset
      ? { default_graph: job.dataset.defaultGraphs.map(oxigraph.namedNode), named_graphs: job.dataset.namedGraphs.map(oxigraph.namedNode) }
      : prepared.hasOwnDataset
        ? {}
        : { use_default_graph_as_union: true };
    const body = evaluate(() => store.query(prepared.text, { ...options, results_format: offer.format }) as string);
    const { cap } = prepared;
    if (cap === undefined) return { ok: true, mediaType: offer.mediaType, body, truncated: false };
    if (cap.kind === 'extraRow') return { ok: true, mediaType: offer.mediaType, ...capSolutions(body, offer.format, cap.maxRows) };
    const more = evaluate(() => store.query(cap.check, options) as unknown[]);
    return { ok: true, mediaType: offer.mediaType, body, truncated: more.length > 0 };
  } catch (error) {
    if (error instanceof SparqlHttpError) return { ok: false, status: error.status as 400 | 406, message: error.message };
    return {
      ok: false,
      status: 500,
      message: 'The query engine failed on this query',
      detail: String((error as Error)?.stack ?? error),
      replaceWorker: error instanceof WasmRuntimeError,
    };
  }
}

/**
 * Runs the engine; what it throws for the query (a construct it does not
 * support, a bad IRI, too deep a nesting for its parser) becomes a 400. A
 * WASM trap is the engine's own failure and passes through.
 */
function evaluate<Result>(run: () => Result): Result {
  try {
    return run();
  } catch (error) {
    if (error instanceof WasmRuntimeError) throw error;
    const message = String((error as Error)?.message ?? error);
    throw new SparqlHttpError(400, `The query engine refused the query: ${message.length <= MAX_MESSAGE_LENGTH ? message : `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…`}`);
  }
}
