/**
 * `npm run bench`: the national-scale benchmark of issue 4. Generates (or
 * takes from the cache) the synthetic datasets, then measures loading,
 * GraphQL over HTTP against a plain Apollo `{ hello }`, GraphQL-LD as a peer,
 * and our SPARQL endpoint against Oxigraph and Comunica in-process; prints
 * one table on stdout (progress goes to stderr) and writes
 * bench/results/latest.json.
 *
 * BENCH_QUICK=1 runs the 10k dataset only, with short runs: a smoke test.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { runScript } from './childProcess.js';
import { DEFAULT_SEED } from './generateNationalDataset.js';
import type { PeerRow } from './graphqlLdPeer.js';
import { benchmarkGraphqlThroughput, type ThroughputOptions } from './graphqlThroughput.js';
import type { GraphReadsRow } from './graphReads.js';
import { benchmarkLoading } from './loading.js';
import { machineInfo } from './machineInfo.js';
import type { RepeatOptions } from './measureInProcess.js';
import type { PeerMeasurement } from './measurePeer.js';
import { prepareDataset, type DatasetSize, type PreparedDataset } from './prepareDataset.js';
import { resultsTable, type BenchmarkResults } from './resultsTable.js';
import { measureStartUp, type StartUpRow } from './measureStartUp.js';
import { compareSparqlEngines, type SparqlDatasetResult, type SparqlOptions } from './sparqlComparison.js';
import { checkTargets } from './targets.js';

const quick = process.env.BENCH_QUICK === '1';

const SIZES: DatasetSize[] = quick
  ? [{ label: '10k', triples: 10_000 }]
  : [
      { label: '10k', triples: 10_000 },
      { label: '100k', triples: 100_000 },
      { label: '1M', triples: 1_000_000 },
    ];
/** Which sizes the GraphQL benchmarks serve. */
const SERVED = quick ? ['10k'] : ['100k', '1M'];
/** Load rounds per size: one at 1M, where one load of each format takes seconds. */
const loadRounds = (dataset: PreparedDataset): number => (quick ? 1 : dataset.syntheticTriples >= 1_000_000 ? 1 : 3);
const THROUGHPUT: ThroughputOptions = quick
  ? { connections: 10, warmupSeconds: 1, durationSeconds: 1, runs: 3 }
  : { connections: 10, warmupSeconds: 2, durationSeconds: 5, runs: 3 };
const IN_PROCESS: RepeatOptions = quick
  ? { warmupMs: 200, budgetMs: 500, minRuns: 3, maxMs: 5_000 }
  : { warmupMs: 1_000, budgetMs: 3_000, minRuns: 5, maxMs: 15_000 };

const SPARQL: Omit<SparqlOptions, 'comunicaRepeats'> = {
  repeat: quick ? { warmupMs: 100, budgetMs: 300, minRuns: 3, maxMs: 2_000 } : { warmupMs: 300, budgetMs: 1_000, minRuns: 5, maxMs: 6_000 },
  // The endpoint's own time limit: a query that takes longer there is answered with a 503.
  capMs: 10_000,
};
/** Comunica repeats its queries below 1M only: at 1M one join takes minutes, so its first run, capped, is its only one. */
const sparqlOptions = (dataset: PreparedDataset): SparqlOptions => ({ ...SPARQL, comunicaRepeats: dataset.syntheticTriples < 1_000_000 });

const resultsFile = fileURLToPath(new URL('results/latest.json', import.meta.url));

function progress(message: string): void {
  process.stderr.write(`[bench ${(performance.now() / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
}

const started = performance.now();
const machine = machineInfo();

const datasets: PreparedDataset[] = [];
for (const size of SIZES) {
  progress(`dataset ${size.label}: generating or reading from the cache`);
  datasets.push(await prepareDataset(size, DEFAULT_SEED));
}
const served = datasets.filter(({ label }) => SERVED.includes(label));

progress('loading: every format in a fresh process');
const loading = await benchmarkLoading(datasets, loadRounds);

progress(`GraphQL over HTTP: { hello }, then ${served.map(({ label }) => label).join(' and ')}`);
const throughput = await benchmarkGraphqlThroughput(served, THROUGHPUT);

const graphqlLd: PeerRow[] = [];
const graphReads: GraphReadsRow[] = [];
for (const dataset of served) {
  progress(`GraphQL-LD peer and graph reads per query on ${dataset.label}`);
  const args = [dataset.label, dataset.directories.nquads, JSON.stringify(dataset.probes), JSON.stringify(IN_PROCESS)];
  const measured = await runScript<PeerMeasurement>('measurePeer.ts', args);
  graphReads.push(...measured.graphReads);
  graphqlLd.push(...measured.peer);
}

const sparql: SparqlDatasetResult[] = [];
for (const dataset of served) {
  progress(`SPARQL on ${dataset.label}: Oxigraph and Comunica in-process, then our endpoint over HTTP`);
  sparql.push(await compareSparqlEngines(dataset, sparqlOptions(dataset)));
}

// The largest size only: how long `npm start` takes on a store of it, three starts (one in quick mode).
const startUpSize = SIZES[SIZES.length - 1]!;
progress(`start-up: npm start on a store holding ${startUpSize.label}, from process start to /ready`);
const startUp: StartUpRow[] = [await measureStartUp(startUpSize.label, startUpSize.triples, quick ? 1 : 3)];

const results: BenchmarkResults = {
  machine,
  quick,
  seed: DEFAULT_SEED,
  datasets: datasets.map(({ label, syntheticTriples, expectedQuads, counts, probes }) => ({ label, syntheticTriples, quads: expectedQuads, counts, probes: { ...probes } })),
  loading,
  throughput,
  graphReads,
  graphqlLd,
  sparql,
  startUp,
  elapsedSeconds: (performance.now() - started) / 1000,
};
await mkdir(fileURLToPath(new URL('results/', import.meta.url)), { recursive: true });
await writeFile(resultsFile, `${JSON.stringify({ ...results, targets: checkTargets(results) }, null, 2)}\n`);
console.log(resultsTable(results));
progress(`wrote ${resultsFile}`);
