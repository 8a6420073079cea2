import type { QueryComplexityLimits } from './prepareQuery.js';

/** The RDF dataset that the protocol's `default-graph-uri` and `named-graph-uri` parameters describe. */
export interface ProtocolDataset {
  defaultGraphs: string[];
  namedGraphs: string[];
}

/** What the endpoint sends a query worker: the query as the client sent it and how to answer it. */
export interface QueryJob {
  query: string;
  /** The request's Accept header, if any. */
  accept?: string;
  /** The `format` parameter, if any: it overrides Accept. */
  format?: string;
  maxRows: number;
  /** The most UTF-8 bytes an answer's body may have; past them it is cut at a solution (or statement) boundary. */
  maxResultBytes: number;
  complexity: QueryComplexityLimits;
  /** Absent: the default graph is the union of all named graphs (unless the query has FROM). */
  dataset?: ProtocolDataset;
}

/** A worker's answer to a QueryJob. */
export type QueryReply = (
  | { ok: true; mediaType: string; body: string; truncated: false | 'rows' | 'bytes' }
  | {
      ok: false;
      /** 500 only for a fault of the endpoint's own code, never for what the engine does with a query. */
      status: 400 | 406 | 500;
      message: string;
      /** For the log only, with an engine failure or a 500: what went wrong inside. */
      detail?: string;
      /** The engine failed on the query (a WebAssembly trap, a stack overflow), as opposed to refusing it. */
      engineFailure?: boolean;
    }
) & {
  /**
   * The pool must replace the worker after this reply: its engine may be
   * broken (a trap leaves Oxigraph's state undefined), or holds memory that
   * WebAssembly never gives back.
   */
  replaceWorker?: boolean;
  /** Which version of the data answered (see SparqlWorkerData.dataVersion). */
  dataVersion?: string;
};
