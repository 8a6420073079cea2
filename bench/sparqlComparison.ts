/**
 * SPARQL: our endpoint against the two engines it could run on, on the same
 * queries over the same dataset. Oxigraph and Comunica each run in-process
 * in a child of their own (measureSparqlEngine.ts); our endpoint is the real
 * server, asked over HTTP (measureSparqlEndpoint.ts). All three must give the
 * same solutions.
 */
import { streamScript } from './childProcess.js';
import type { RepeatOptions } from './measureInProcess.js';
import type { EnginePlan, InProcessEngine } from './measureSparqlEngine.js';
import { measureSparqlEndpoint } from './measureSparqlEndpoint.js';
import type { PreparedDataset } from './prepareDataset.js';
import type { SparqlAnswer } from './sparqlAnswer.js';
import { sparqlQueries, type SparqlQuery } from './sparqlQueries.js';
import type { FirstRunStep, RepeatsStep, SetupStep, SparqlStep } from './sparqlStep.js';

/** An engine in-process, or our endpoint over HTTP. */
export type SparqlSide = InProcessEngine | 'endpoint';

/** How the table names each side. */
export const SPARQL_SIDE_NAMES: Readonly<Record<SparqlSide, string>> = { oxigraph: 'Oxigraph', comunica: 'Comunica', endpoint: 'our endpoint' };

/** A side's time for one query: the median of its runs, or that it did not answer within the cap. */
export type SparqlTiming = { medianMs: number; runs: number } | { cappedAtMs: number };

/** One query on one dataset, on every side. */
export interface SparqlRow {
  dataset: string;
  query: string;
  title: string;
  /** Solutions in the answer, the same on every side that answered. */
  solutions: number;
  /** For an aggregate over a join: the joined rows it counted. */
  joinedRows?: number;
  timings: Record<SparqlSide, SparqlTiming>;
  /** The sides whose solutions were compared and found equal: all three, unless an engine was stopped at the cap. */
  checked: SparqlSide[];
  /** The faster of the two engines in-process. */
  fasterEngine: InProcessEngine;
  /** The endpoint's median ÷ the faster engine's median. */
  endpointRatio: number;
}

/** The comparison on one dataset. */
export interface SparqlDatasetResult {
  dataset: string;
  quads: number;
  /** Per side, from its start until it could answer: the load (and for Oxigraph writing and loading N-Quads), or the server's start. */
  setupMs: Record<SparqlSide, number>;
  capMs: number;
  /** Per side stopped at the cap: the query it was answering (later ones did not run). */
  stoppedOn: Partial<Record<SparqlSide, string>>;
  rows: SparqlRow[];
}

/** How long each side runs each query. */
export interface SparqlOptions {
  /** Warm-up and measured runs of each query, after its first run. */
  repeat: RepeatOptions;
  /** False: Comunica's first run of each query is its only one (no warm-up), as at 1M, where one join takes minutes. */
  comunicaRepeats: boolean;
  /** How long an engine may take for a query's first run, or for its repeats; then it is stopped and its time is "> cap". */
  capMs: number;
}

/** One side's steps, by query. */
interface SideResult {
  setup: SetupStep;
  first: Map<string, FirstRunStep>;
  repeats: Map<string, RepeatsStep>;
  stoppedOn?: string;
}

/** How long loading 1M triples into an engine may take. */
const SETUP_MS = 300_000;
const SIDES = Object.keys(SPARQL_SIDE_NAMES) as SparqlSide[];

/**
 * Runs the comparison's queries (sparqlQueries) on `dataset`: Oxigraph, then
 * Comunica, then our endpoint. Throws when the sides load different numbers
 * of quads or disagree on any answer, or when neither engine answers a query
 * within the cap.
 */
export async function compareSparqlEngines(dataset: PreparedDataset, options: SparqlOptions): Promise<SparqlDatasetResult> {
  const queries = sparqlQueries(dataset.probes);
  const engine = async (name: InProcessEngine, plan: EnginePlan): Promise<SideResult> => {
    const run = await streamScript<SparqlStep>('measureSparqlEngine.ts', [name, dataset.directories.nquads, JSON.stringify(plan)], {
      firstLineMs: SETUP_MS,
      capMs: options.capMs,
    });
    return sideResult(run.lines, queries, { repeats: plan.repeat !== undefined, capped: run.capped });
  };
  const sides: Record<SparqlSide, SideResult> = {
    oxigraph: await engine('oxigraph', { queries, repeat: options.repeat }),
    comunica: await engine('comunica', { queries, ...(options.comunicaRepeats && { repeat: options.repeat }) }),
    endpoint: sideResult(await measureSparqlEndpoint(dataset, queries, options.repeat), queries, { repeats: true, capped: false }),
  };
  for (const side of SIDES) {
    if (sides[side].setup.quads !== dataset.expectedQuads) {
      throw new Error(`SPARQL on ${dataset.label}: ${side} loaded ${sides[side].setup.quads} quads, not the ${dataset.expectedQuads} the dataset has`);
    }
  }
  const stoppedOn: SparqlDatasetResult['stoppedOn'] = {};
  for (const side of SIDES) if (sides[side].stoppedOn !== undefined) stoppedOn[side] = sides[side].stoppedOn;
  return {
    dataset: dataset.label,
    quads: dataset.expectedQuads,
    setupMs: { oxigraph: sides.oxigraph.setup.setupMs, comunica: sides.comunica.setup.setupMs, endpoint: sides.endpoint.setup.setupMs },
    capMs: options.capMs,
    stoppedOn,
    rows: queries.map((query) => compareQuery(dataset.label, query, sides, options.capMs)),
  };
}

function sideResult(steps: readonly SparqlStep[], queries: readonly SparqlQuery[], { repeats, capped }: { repeats: boolean; capped: boolean }): SideResult {
  const [setup, ...rest] = steps;
  if (setup === undefined || !('setupMs' in setup)) throw new Error('a SPARQL side reported no setup step first');
  const result: SideResult = { setup, first: new Map(), repeats: new Map() };
  for (const step of rest) {
    if ('answer' in step) result.first.set(step.query, step);
    else if ('medianMs' in step) result.repeats.set(step.query, step);
  }
  if (capped) result.stoppedOn = queries.find(({ key }) => !result.first.has(key) || (repeats && !result.repeats.has(key)))?.key;
  return result;
}

function compareQuery(dataset: string, query: SparqlQuery, sides: Record<SparqlSide, SideResult>, capMs: number): SparqlRow {
  const answered = SIDES.filter((side) => sides[side].first.has(query.key));
  const answers = answered.map((side) => [side, sides[side].first.get(query.key)!.answer] as const);
  const [[firstSide, expected]] = answers as [readonly [SparqlSide, SparqlAnswer]];
  for (const [side, answer] of answers.slice(1)) {
    const difference = differenceOf(expected, answer);
    if (difference !== undefined) throw new Error(`SPARQL on ${dataset}, "${query.key}": ${firstSide} and ${side} disagree: ${difference}`);
  }
  const timing = (side: SparqlSide): SparqlTiming => {
    const first = sides[side].first.get(query.key);
    const repeats = sides[side].repeats.get(query.key);
    if (repeats !== undefined) return { medianMs: repeats.medianMs, runs: repeats.runs };
    return first !== undefined ? { medianMs: first.firstMs, runs: 1 } : { cappedAtMs: capMs };
  };
  const timings: Record<SparqlSide, SparqlTiming> = { oxigraph: timing('oxigraph'), comunica: timing('comunica'), endpoint: timing('endpoint') };
  const engines = (['oxigraph', 'comunica'] as const).filter((side) => 'medianMs' in timings[side]);
  if (engines.length === 0) throw new Error(`SPARQL on ${dataset}, "${query.key}": neither engine answered within ${capMs} ms`);
  const medianOf = (side: SparqlSide) => (timings[side] as { medianMs: number }).medianMs;
  const fasterEngine = engines.reduce((faster, side) => (medianOf(side) < medianOf(faster) ? side : faster));
  return {
    dataset,
    query: query.key,
    title: query.title,
    solutions: expected.solutions,
    ...(expected.counted !== undefined && { joinedRows: expected.counted }),
    timings,
    checked: answered,
    fasterEngine,
    endpointRatio: medianOf('endpoint') / medianOf(fasterEngine),
  };
}

/** What differs between two answers, in a sentence with a few example solutions; undefined when they agree. */
function differenceOf(expected: SparqlAnswer, actual: SparqlAnswer): string | undefined {
  if (expected.solutions !== actual.solutions) return `${expected.solutions} against ${actual.solutions} solutions`;
  if (expected.counted !== actual.counted) return `they count ${expected.counted} against ${actual.counted} joined rows`;
  if (expected.canonical === actual.canonical) return undefined;
  const [a, b] = [expected.canonical.split('\n'), actual.canonical.split('\n')];
  const onlyIn = (lines: string[], other: string[]) => lines.filter((line) => !other.includes(line)).slice(0, 3).join(' | ');
  return `only in the first: ${onlyIn(a, b)}; only in the second: ${onlyIn(b, a)}`;
}
