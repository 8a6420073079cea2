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
  /** Absent: the default graph is the union of all named graphs (unless the query has FROM). */
  dataset?: ProtocolDataset;
}

/** A worker's answer to a QueryJob. */
export type QueryReply =
  | { ok: true; mediaType: string; body: string; truncated: boolean }
  | {
      ok: false;
      status: 400 | 406 | 500;
      message: string;
      /** For the log only, with a 500: what went wrong inside. */
      detail?: string;
      /** The worker's engine may be broken (a WASM trap): the pool must replace the worker. */
      replaceWorker?: boolean;
    };
