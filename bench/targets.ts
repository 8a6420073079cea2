import type { BenchmarkResults } from './resultsTable.js';
import { SPARQL_SIDE_NAMES } from './sparqlComparison.js';
import { JOIN_QUERY } from './sparqlQueries.js';

/** A 1-minute load average at start above which other work competed for the two cores. */
export const BUSY_LOAD_AVERAGE = 0.5;

/**
 * How one target fared: `unreliable` is a target the figures meet, measured on
 * a machine that was busy when the run started. A busy machine slows the
 * tiny `{ hello }` baseline more than our heavier questions, so it flatters
 * every ratio to it; such a run is repeated, not counted.
 */
export type TargetStatus = 'met' | 'not met' | 'unreliable';

/** One target, judged on one run's figures. */
export interface TargetCheck {
  target: string;
  size: string;
  measured: string;
  met: boolean;
  status: TargetStatus;
}

/**
 * Judges the targets this benchmark measures. Issue 13's: every question at
 * 1M ≥ 80% of the plain-JavaScript peer's throughput, the list page ≥ 40%
 * and the deep query ≥ 25% of `{ hello }`, single-entity p99 ≤ 10 ms, every
 * question keeping ≥ 90% of its throughput from 100k to 1M, and the server
 * ready (GraphQL and SPARQL) within 10 s at 1M. Issue 4's that still hold:
 * load time and heap at 1M, the ratio to GraphQL-LD, and our SPARQL
 * endpoint's time on the join at 1M against the faster engine. Targets whose
 * figures the run lacks (e.g. the 1M ones in quick mode) are left out. On a
 * machine busy at start, a target the figures meet is `unreliable`.
 */
export function checkTargets(results: BenchmarkResults): TargetCheck[] {
  const busy = results.machine.loadAverageAtStart > BUSY_LOAD_AVERAGE;
  const check = (target: string, size: string, measured: string, met: boolean): TargetCheck => ({ target, size, measured, met, status: met ? (busy ? 'unreliable' : 'met') : 'not met' });
  const checks: TargetCheck[] = [];
  const http = results.throughput.rows.filter((row) => row.dataset !== 'hello');
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  for (const row of http) {
    if (row.query === 'a') checks.push(check('single entity p99 ≤ 10 ms', row.dataset, `${row.p99Ms} ms`, row.p99Ms <= 10));
    if (row.query === 'c') checks.push(check('list page ≥ 40% of { hello }', row.dataset, percent(row.ratioToHello), row.ratioToHello >= 0.4));
    if (row.query === 'd') checks.push(check('deep query ≥ 25% of { hello }', row.dataset, percent(row.ratioToHello), row.ratioToHello >= 0.25));
    if (row.dataset === '1M' && row.ratioToPeer !== undefined) checks.push(check(`(${row.query}) ≥ 80% of the plain-JavaScript peer`, row.dataset, percent(row.ratioToPeer), row.ratioToPeer >= 0.8));
  }
  for (const large of http.filter((row) => row.dataset === '1M')) {
    const small = http.find((row) => row.dataset === '100k' && row.query === large.query);
    if (!small) continue;
    const kept = large.requestsPerSecond / small.requestsPerSecond;
    checks.push(check(`(${large.query}) 100k → 1M keeps ≥ 90%`, '1M', `keeps ${percent(kept)}`, kept >= 0.9));
  }
  const ready = results.sparql.find(({ dataset }) => dataset === '1M')?.setupMs.endpoint;
  if (ready !== undefined) checks.push(check('ready (GraphQL and SPARQL) ≤ 10 s from process start, a data folder', '1M', `${(ready / 1000).toFixed(1)} s`, ready <= 10_000));
  const started = results.startUp?.find(({ dataset }) => dataset === '1M')?.medianReadyMs;
  if (started !== undefined) checks.push(check('ready (GraphQL and SPARQL) ≤ 10 s from process start, npm start on a store', '1M', `${(started / 1000).toFixed(1)} s`, started <= 10_000));
  const load = (format: string) => results.loading.find((row) => row.dataset === '1M' && row.format === format);
  for (const format of ['nquads', 'turtle']) {
    const row = load(format);
    if (row) checks.push(check(`load ${format} ≤ 1.3× n3 parse-and-index`, '1M', `${row.timeRatio.toFixed(2)}×`, row.timeRatio <= 1.3));
  }
  const [jsonLd, nQuads] = [load('jsonld'), load('nquads')];
  if (jsonLd && nQuads) {
    const ratio = jsonLd.medianMs / nQuads.medianMs;
    checks.push(check('load JSON-LD ≤ 1.5× N-Quads', '1M', `${ratio.toFixed(2)}×`, ratio <= 1.5));
  }
  for (const row of results.loading.filter((row) => row.dataset === '1M' && row.format !== 'n3 N-Triples (baseline)')) {
    checks.push(check(`heap ≤ 1,000 B/triple (${row.format})`, '1M', `${Math.round(row.heapBytesPerQuad)} B`, row.heapBytesPerQuad <= 1000));
  }
  for (const row of results.graphqlLd) {
    checks.push(check(`(${row.query}) ≥ 50× GraphQL-LD`, row.dataset, `${Math.round(row.ratio)}×`, row.ratio >= 50));
  }
  for (const row of results.sparql.flatMap(({ rows }) => rows)) {
    if (row.dataset !== '1M' || row.query !== JOIN_QUERY) continue;
    const measured = `${row.endpointRatio.toFixed(2)}× ${SPARQL_SIDE_NAMES[row.fasterEngine]}`;
    checks.push(check('SPARQL join ≤ 1.5× the faster of Oxigraph and Comunica', '1M', measured, row.endpointRatio <= 1.5));
  }
  return checks;
}
