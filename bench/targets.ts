import type { BenchmarkResults } from './resultsTable.js';
import { SPARQL_SIDE_NAMES } from './sparqlComparison.js';
import { JOIN_QUERY } from './sparqlQueries.js';

/** One target of issue 4, judged on one run's figures. */
export interface TargetCheck {
  target: string;
  size: string;
  measured: string;
  met: boolean;
}

/**
 * Judges the targets of issue 4 that this benchmark measures: throughput and
 * latency ratios at each served size, the 100k → 1M loss, load time and heap
 * at 1M, the ratio to GraphQL-LD, and our SPARQL endpoint's time on the join
 * at 1M against the faster engine. Targets whose figures the run lacks (e.g.
 * the 1M ones in quick mode) are left out.
 */
export function checkTargets(results: BenchmarkResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const http = results.throughput.rows.filter((row) => row.dataset !== 'hello');
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  for (const row of http) {
    if (row.query === 'a') {
      checks.push({ target: 'single entity ≥ 60% of { hello }', size: row.dataset, measured: percent(row.ratioToHello), met: row.ratioToHello >= 0.6 });
      checks.push({ target: 'single entity p99 ≤ 10 ms', size: row.dataset, measured: `${row.p99Ms} ms`, met: row.p99Ms <= 10 });
    }
    if (row.query === 'c') {
      checks.push({ target: 'list page ≥ 25% of { hello }', size: row.dataset, measured: percent(row.ratioToHello), met: row.ratioToHello >= 0.25 });
      checks.push({ target: 'list page p99 ≤ 50 ms', size: row.dataset, measured: `${row.p99Ms} ms`, met: row.p99Ms <= 50 });
    }
  }
  for (const large of http.filter((row) => row.dataset === '1M')) {
    const small = http.find((row) => row.dataset === '100k' && row.query === large.query);
    if (!small) continue;
    const kept = large.requestsPerSecond / small.requestsPerSecond;
    checks.push({ target: `(${large.query}) 100k → 1M loses ≤ 20%`, size: '1M', measured: `keeps ${percent(kept)}`, met: kept >= 0.8 });
  }
  const load = (format: string) => results.loading.find((row) => row.dataset === '1M' && row.format === format);
  for (const format of ['nquads', 'turtle']) {
    const row = load(format);
    if (row) checks.push({ target: `load ${format} ≤ 1.3× n3 parse-and-index`, size: '1M', measured: `${row.timeRatio.toFixed(2)}×`, met: row.timeRatio <= 1.3 });
  }
  const [jsonLd, nQuads] = [load('jsonld'), load('nquads')];
  if (jsonLd && nQuads) {
    const ratio = jsonLd.medianMs / nQuads.medianMs;
    checks.push({ target: 'load JSON-LD ≤ 1.5× N-Quads', size: '1M', measured: `${ratio.toFixed(2)}×`, met: ratio <= 1.5 });
  }
  for (const row of results.loading.filter((row) => row.dataset === '1M' && row.format !== 'n3 N-Triples (baseline)')) {
    checks.push({ target: `heap ≤ 1,000 B/triple (${row.format})`, size: '1M', measured: `${Math.round(row.heapBytesPerQuad)} B`, met: row.heapBytesPerQuad <= 1000 });
  }
  for (const row of results.graphqlLd) {
    checks.push({ target: `(${row.query}) ≥ 50× GraphQL-LD`, size: row.dataset, measured: `${Math.round(row.ratio)}×`, met: row.ratio >= 50 });
  }
  for (const row of results.sparql.flatMap(({ rows }) => rows)) {
    if (row.dataset !== '1M' || row.query !== JOIN_QUERY) continue;
    const measured = `${row.endpointRatio.toFixed(2)}× ${SPARQL_SIDE_NAMES[row.fasterEngine]}`;
    checks.push({ target: 'SPARQL join ≤ 1.5× the faster of Oxigraph and Comunica', size: '1M', measured, met: row.endpointRatio <= 1.5 });
  }
  return checks;
}
