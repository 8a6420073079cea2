import type { GraphReadsRow } from './graphReads.js';
import type { ThroughputResult, ThroughputRow } from './graphqlThroughput.js';
import type { PeerRow } from './graphqlLdPeer.js';
import { BASELINE, type LoadingRow } from './loading.js';
import { machineLine, type MachineInfo } from './machineInfo.js';
import type { StartUpRow } from './measureStartUp.js';
import { SPARQL_SIDE_NAMES, type SparqlDatasetResult, type SparqlSide, type SparqlTiming } from './sparqlComparison.js';
import { BUSY_LOAD_AVERAGE, checkTargets } from './targets.js';

/** Everything one `npm run bench` measured, as written to bench/results/latest.json. */
export interface BenchmarkResults {
  machine: MachineInfo;
  quick: boolean;
  seed: number;
  datasets: Array<{ label: string; syntheticTriples: number; quads: number; counts: Record<string, number>; probes: Record<string, string> }>;
  loading: LoadingRow[];
  throughput: ThroughputResult;
  /** Store lookups per query, in-process. */
  graphReads: GraphReadsRow[];
  graphqlLd: PeerRow[];
  /** Our SPARQL endpoint against Oxigraph and Comunica, per served dataset. */
  sparql: SparqlDatasetResult[];
  /** `npm start` on a store, process start to /ready (results from before it was measured have none). */
  startUp?: StartUpRow[];
  elapsedSeconds: number;
}

const formatLabels: Record<string, string> = { nquads: 'N-Quads', turtle: 'Turtle', jsonld: 'JSON-LD', [BASELINE]: BASELINE };

/** The results as one Markdown table, headed by the machine line. */
export function resultsTable(results: BenchmarkResults): string {
  const rows: string[][] = [];
  for (const row of results.loading) {
    const nQuads = results.loading.find((other) => other.dataset === row.dataset && other.format === 'nquads');
    const notes = [`${row.runs.length} run${row.runs.length === 1 ? '' : 's'}`, `${megabytes(row.fileBytes)} file`, `peak RSS ${megabytes(row.maxRssBytes)}`];
    if (row.format === 'jsonld' && nQuads) notes.push(`${(row.medianMs / nQuads.medianMs).toFixed(2)}× N-Quads time`);
    rows.push([
      'load',
      row.dataset,
      formatLabels[row.format]!,
      `${integer(row.medianMs)} ms · ${((row.medianMs * 1000) / row.quads).toFixed(2)} µs/quad · heap ${integer(row.heapBytesPerQuad)} B/quad`,
      row.format === BASELINE ? 'baseline' : `${row.timeRatio.toFixed(2)}× time · ${row.heapRatio.toFixed(2)}× heap`,
      notes.join(' · '),
    ]);
  }
  for (const row of results.throughput.rows) {
    const smaller = results.throughput.rows.find((other) => other.query === row.query && other.dataset !== row.dataset && other.dataset !== 'hello' && sizeOf(other.dataset) < sizeOf(row.dataset));
    const reads = results.graphReads.find((other) => other.dataset === row.dataset && other.query === row.query);
    const notes = [`${row.fields} fields`, `${integer(row.responseBytes)} B`];
    if (reads) notes.push(`${integer(reads.reads)} graph reads`);
    notes.push(`runs ${row.runs.map(rate).join('/')} req/s`);
    notes.push(gcNote(row));
    if (smaller) notes.push(`${(row.requestsPerSecond / smaller.requestsPerSecond).toFixed(2)}× the ${smaller.dataset} req/s`);
    rows.push([
      'GraphQL HTTP',
      row.dataset === 'hello' ? '–' : row.dataset,
      row.query === 'hello' ? row.title : `(${row.query}) ${row.title}`,
      `${rate(row.requestsPerSecond)} req/s · p50 ${row.p50Ms} ms · p99 ${row.p99Ms} ms`,
      row.query === 'hello' ? 'baseline' : `${(row.ratioToHello * 100).toFixed(1)}% of { hello }`,
      notes.join(' · '),
    ]);
  }
  // The plain-JavaScript peer: the same questions answered from plain objects (bench/plainObjects), its bytes checked to equal ours.
  // Results written before the peer existed have no such rows.
  for (const row of results.throughput.plainPeer ?? []) {
    const ratio = results.throughput.rows.find((other) => other.dataset === row.dataset && other.query === row.query)?.ratioToPeer;
    rows.push([
      'GraphQL HTTP',
      row.dataset,
      `plain JS peer: (${row.query}) ${row.title}`,
      `${rate(row.requestsPerSecond)} req/s · p50 ${row.p50Ms} ms · p99 ${row.p99Ms} ms`,
      ratio === undefined ? '–' : `ours ${(ratio * 100).toFixed(1)}% of the peer`,
      [`${(row.ratioToHello * 100).toFixed(1)}% of { hello }`, `same ${integer(row.responseBytes)} B as ours`, `runs ${row.runs.map(rate).join('/')} req/s`, gcNote(row)].join(' · '),
    ]);
  }
  for (const row of results.graphqlLd) {
    const http = results.throughput.rows.find((other) => other.dataset === row.dataset && other.query === row.query);
    const notes = ['in-process, one at a time', `${row.graphqlLdQueries} GraphQL-LD quer${row.graphqlLdQueries === 1 ? 'y' : 'ies'}`];
    if (http) notes.push(`ours over HTTP ${rate(http.requestsPerSecond)} req/s = ${rate(http.requestsPerSecond / row.graphqlLdPerSecond)}×`);
    rows.push([
      'vs GraphQL-LD',
      row.dataset,
      `(${row.query}) ${row.title}`,
      `ours ${rate(row.oursPerSecond)}/s (${row.oursMedianMs.toFixed(2)} ms) · GraphQL-LD ${rate(row.graphqlLdPerSecond)}/s (${integer(row.graphqlLdMedianMs)} ms)`,
      `${rate(row.ratio)}× GraphQL-LD`,
      notes.join(' · '),
    ]);
  }
  rows.push(...sparqlRows(results.sparql));
  for (const row of results.startUp ?? []) {
    const rss = row.runs.map(({ rssBytes }) => megabytes(rssBytes));
    rows.push([
      'start-up',
      row.dataset,
      `npm start on a store (${integer(row.storeTriples)} triples beside the shipped data): process start → /ready`,
      tenths(row.medianReadyMs),
      '–',
      `runs ${row.runs.map(({ readyMs }) => tenths(readyMs)).join('/')} · RSS when ready ${rss.join('/')}`,
    ]);
  }
  for (const check of checkTargets(results)) {
    rows.push(['target', check.size, check.target, check.measured, check.status === 'met' ? 'met' : `**${check.status}**`, check.status === 'unreliable' ? 'machine busy at start: run again on a quiet one' : '']);
  }

  const header = ['benchmark', 'size', 'case', 'measured (median)', 'ratio', 'notes'];
  const lines = [header, header.map((_, index) => (index === 3 || index === 4 ? '---:' : '---')), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  const pinning = results.throughput.pinned ? 'server pinned to core 0, autocannon to core 1' : 'taskset unavailable: server and autocannon not pinned';
  const load = results.machine.loadAverageAtStart > BUSY_LOAD_AVERAGE ? ` · WARNING: load average ${results.machine.loadAverageAtStart.toFixed(2)} at start, other work competed, so no target counts as met` : '';
  return [
    `Machine: ${machineLine(results.machine)} · ${pinning}${load}${results.quick ? ' · BENCH_QUICK (10k only, short runs)' : ''}`,
    '',
    ...lines,
    '',
    `Total ${results.elapsedSeconds.toFixed(0)} s.`,
  ].join('\n');
}

/** What the server's garbage collector did under the load (results from before it was measured have no figures). */
function gcNote(row: ThroughputRow): string {
  if (row.gc === undefined) return 'GC not measured';
  return `GC: ${integer(row.gc.promotedBytesPerRequest)} B promoted a request, pauses ${(row.gc.pauseShare * 100).toFixed(1)}% of the time`;
}

function sparqlRows(results: SparqlDatasetResult[]): string[][] {
  return results.flatMap(({ dataset, rows, setupMs, capMs, stoppedOn }) =>
    rows.map((row, index) => {
      const { oxigraph, comunica, endpoint } = row.timings;
      const notes = [`${integer(row.solutions)} solution${row.solutions === 1 ? '' : 's'}`];
      if (row.joinedRows !== undefined) notes.push(`${integer(row.joinedRows)} joined rows`);
      notes.push(row.checked.length === 3 ? 'same solutions from all three' : `same solutions from ${row.checked.map((side) => SPARQL_SIDE_NAMES[side]).join(' and ')}`);
      for (const side of (Object.keys(stoppedOn) as SparqlSide[]).filter((side) => stoppedOn[side] === row.query)) {
        notes.push(`${SPARQL_SIDE_NAMES[side]} stopped at the ${seconds(capMs)} cap`);
      }
      if (index === rows.length - 1) {
        notes.push(`ready after: Oxigraph ${seconds(setupMs.oxigraph)}, Comunica ${seconds(setupMs.comunica)}, server ${seconds(setupMs.endpoint)}`);
      }
      return [
        'SPARQL',
        dataset,
        row.title,
        `endpoint ${timing(endpoint)} · Oxigraph ${timing(oxigraph)} · Comunica ${timing(comunica)}`,
        `${row.endpointRatio.toFixed(2)}× ${SPARQL_SIDE_NAMES[row.fasterEngine]}`,
        notes.join(' · '),
      ];
    }),
  );
}

/** A median in milliseconds with its run count, or "> cap" for a side stopped at the cap. */
function timing(value: SparqlTiming): string {
  if ('cappedAtMs' in value) return `> ${seconds(value.cappedAtMs)}`;
  return `${rate(value.medianMs)} ms (${integer(value.runs)} run${value.runs === 1 ? '' : 's'})`;
}

/** Seconds with one decimal, whatever their size. */
function tenths(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** A rate with three significant figures below 100 (0.84, 5.1, 16.2), whole numbers above. */
function rate(value: number): string {
  return value >= 100 ? integer(value) : value.toPrecision(3).replace(/\.?0+$/, '');
}

function integer(value: number): string {
  return Math.round(value).toLocaleString('en');
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
}

function sizeOf(label: string): number {
  const match = /^(\d+)([kM]?)$/.exec(label);
  return match ? Number(match[1]) * (match[2] === 'M' ? 1e6 : match[2] === 'k' ? 1e3 : 1) : 0;
}
