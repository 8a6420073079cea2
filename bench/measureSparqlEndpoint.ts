/**
 * Our endpoint as a side of the SPARQL comparison: the real server
 * (`serveGraph.ts`: startServer over a StoreGraph, whose /sparql runs
 * Oxigraph in worker threads) over a dataset's N-Quads folder, in its own
 * process, asked one query at a time by HTTP POST from this process. Each
 * request is timed end to end, until the whole response body has arrived.
 */
import { performance } from 'node:perf_hooks';
import { startScript } from './childProcess.js';
import { measureInProcess, type RepeatOptions } from './measureInProcess.js';
import type { PreparedDataset } from './prepareDataset.js';
import { sparqlAnswer } from './sparqlAnswer.js';
import { sparqlJsonSolutions } from './sparqlJsonSolutions.js';
import type { SparqlQuery } from './sparqlQueries.js';
import type { SparqlStep } from './sparqlStep.js';

/** The server's script: the one the GraphQL benchmark serves with, so both measure the same server. */
const SERVER_SCRIPT = 'serveGraph.ts';
/** How long the server may take to load 1M triples and start its query workers. */
const SERVER_START_MS = 300_000;

/**
 * Starts our server over `dataset`, then for each query: one request whose
 * answer it keeps, a warm-up and measured requests as `repeat` says. Throws
 * when a response is not a 200, or was cut at the endpoint's row cap (then
 * the endpoint would not do the work the engines do).
 */
export async function measureSparqlEndpoint(dataset: PreparedDataset, queries: readonly SparqlQuery[], repeat: RepeatOptions): Promise<SparqlStep[]> {
  const started = performance.now();
  const server = await startScript<{ url: string; quads: number }>(SERVER_SCRIPT, [dataset.directories.nquads], { timeoutMs: SERVER_START_MS });
  try {
    const steps: SparqlStep[] = [{ setupMs: performance.now() - started, quads: server.ready.quads }];
    const endpoint = `${server.ready.url}/sparql`;
    for (const query of queries) {
      const before = performance.now();
      const body = await post(endpoint, query);
      steps.push({ query: query.key, firstMs: performance.now() - before, answer: sparqlAnswer(query, sparqlJsonSolutions(body)) });
      const { medianMs, runs } = await measureInProcess(() => post(endpoint, query), repeat);
      steps.push({ query: query.key, medianMs, runs });
    }
    return steps;
  } finally {
    await server.stop();
  }
}

async function post(endpoint: string, query: SparqlQuery): Promise<string> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
    body: query.sparql,
  });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`/sparql answered "${query.key}" with HTTP ${response.status}: ${body.slice(0, 500)}`);
  if (response.headers.get('x-sparql-truncated') !== null) {
    throw new Error(`/sparql cut the answer to "${query.key}" at its row cap, so it did less work than the engines; the query must have fewer solutions`);
  }
  return body;
}
