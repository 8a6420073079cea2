/**
 * Child process of the SPARQL comparison: loads one dataset folder with our
 * loader and answers the comparison's queries in-process with one engine,
 * the default graph being the union of the named graphs, as at /sparql:
 *
 * - `oxigraph`: Oxigraph loaded from N-Quads written from that store, as the
 *   endpoint's workers load it (the n3 Store is dropped before the queries),
 *   answering as SPARQL JSON, as for the endpoint: handing each term to
 *   JavaScript instead made 10,000 solutions take 8× as long;
 * - `comunica`: Comunica (`@comunica/query-sparql-rdfjs`) over the n3 Store.
 *
 * It prints each SparqlStep as a JSON line when the step ends, so that the
 * parent can stop it at a cap and keep what it printed (see streamScript).
 * Usage:
 * `node --expose-gc bench/measureSparqlEngine.js <oxigraph|comunica> <folder> '<EnginePlan JSON>'`.
 */
import { performance } from 'node:perf_hooks';
import { QueryEngine } from '@comunica/query-sparql-rdfjs';
import { Writer } from 'n3';
import oxigraph from 'oxigraph';
import { loadDataDirectory } from '../src/rdf/loadDataDirectory.js';
import { measureInProcess, type RepeatOptions } from './measureInProcess.js';
import { sparqlAnswer, type Solution } from './sparqlAnswer.js';
import { sparqlJsonSolutions } from './sparqlJsonSolutions.js';
import type { SparqlQuery } from './sparqlQueries.js';
import type { SparqlStep } from './sparqlStep.js';

/** The engines this script runs. */
export type InProcessEngine = 'oxigraph' | 'comunica';

/** What to answer, and how often. */
export interface EnginePlan {
  queries: SparqlQuery[];
  /** Absent: the first run of each query is its only one. */
  repeat?: RepeatOptions;
}

/** Runs a SELECT query to its last solution, and returns how to read them (afterwards, untimed). */
type Select = (sparql: string) => Promise<() => Solution[]>;

const [engineName, directory, planJson] = process.argv.slice(2);
if ((engineName !== 'oxigraph' && engineName !== 'comunica') || !directory || !planJson) {
  throw new Error(`usage: measureSparqlEngine.js <oxigraph|comunica> <folder> <EnginePlan JSON>, not: ${process.argv.slice(2).join(' ')}`);
}
const plan = JSON.parse(planJson) as EnginePlan;

const started = performance.now();
const { select, quads } = engineName === 'oxigraph' ? await loadOxigraph(directory) : await loadComunica(directory);
print({ setupMs: performance.now() - started, quads });
for (const query of plan.queries) {
  const before = performance.now();
  const solutions = await select(query.sparql);
  print({ query: query.key, firstMs: performance.now() - before, answer: sparqlAnswer(query, solutions()) });
  if (plan.repeat) {
    const { medianMs, runs } = await measureInProcess(() => select(query.sparql), plan.repeat);
    print({ query: query.key, medianMs, runs });
  }
}

function print(step: SparqlStep): void {
  console.log(JSON.stringify(step));
}

async function loadOxigraph(folder: string): Promise<{ select: Select; quads: number }> {
  const nQuads = await (async () => {
    const { store } = await loadDataDirectory(folder);
    return new Writer({ format: 'N-Quads' }).quadsToString(store.getQuads(null, null, null, null));
  })();
  (globalThis as { gc?: () => void }).gc?.();
  const store = new oxigraph.Store();
  store.load(nQuads, { format: 'application/n-quads' });
  return {
    quads: store.size,
    select: async (sparql) => {
      const body = store.query(sparql, { use_default_graph_as_union: true, results_format: 'application/sparql-results+json' }) as string;
      return () => sparqlJsonSolutions(body);
    },
  };
}

async function loadComunica(folder: string): Promise<{ select: Select; quads: number }> {
  const { store } = await loadDataDirectory(folder);
  const engine = new QueryEngine();
  return {
    quads: store.size,
    select: async (sparql) => {
      const bindings = await (await engine.queryBindings(sparql, { sources: [store], unionDefaultGraph: true })).toArray();
      return () => bindings.map((binding) => Array.from(binding, ([variable, value]) => [variable.value, value] as const));
    },
  };
}
