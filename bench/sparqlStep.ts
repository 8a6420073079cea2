import type { SparqlAnswer } from './sparqlAnswer.js';

/** A side of the SPARQL comparison is ready to answer. */
export interface SetupStep {
  /** From the start until the first query could run: loading, and the server's start for the endpoint. */
  setupMs: number;
  /** Quads loaded. */
  quads: number;
}

/** A query's first run (no warm-up before it) and what it answered. */
export interface FirstRunStep {
  query: string;
  firstMs: number;
  answer: SparqlAnswer;
}

/** A query's repeats: the median of the runs measured after a warm-up. */
export interface RepeatsStep {
  query: string;
  medianMs: number;
  runs: number;
}

/**
 * What a side of the SPARQL comparison reports, step by step: a SetupStep,
 * then for each query a FirstRunStep and, when it repeats, a RepeatsStep. An
 * engine in a child process prints each step on a line as it ends, so that
 * the steps before a stop at the cap are kept.
 */
export type SparqlStep = SetupStep | FirstRunStep | RepeatsStep;
