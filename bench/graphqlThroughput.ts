/**
 * GraphQL throughput and latency over HTTP: our real server over a generated
 * dataset against a plain Apollo `{ hello }` server measured in the same run.
 * Each server runs in its own process pinned to core 0, autocannon in another
 * pinned to core 1 (where taskset works), 127.0.0.1 only.
 */
import { benchmarkQueries, countFields, HELLO_QUERY } from './benchmarkQueries.js';
import { canPinToCores, runScript, startScript } from './childProcess.js';
import type { LoadPlan, LoadResult } from './loadGenerator.js';
import type { PreparedDataset } from './prepareDataset.js';
import { median, medianRun } from './stats.js';

/** How long and how hard to load each query. */
export interface ThroughputOptions {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Measured runs per query; the median (by req/s) is reported. */
  runs: number;
}

/** One query against one server. */
export interface ThroughputRow {
  /** The dataset label, or "hello" for the baseline. */
  dataset: string;
  query: string;
  title: string;
  requestsPerSecond: number;
  /** Latency of the median run. */
  p50Ms: number;
  p99Ms: number;
  /** requestsPerSecond ÷ the `{ hello }` baseline's. */
  ratioToHello: number;
  /** Fields in one response (see countFields) and its size in bytes. */
  fields: number;
  responseBytes: number;
  /** req/s of every measured run. */
  runs: number[];
}

/** The measurement, and whether server and load generator were pinned to separate cores. */
export interface ThroughputResult {
  pinned: boolean;
  rows: ThroughputRow[];
}

const SERVER_CORE = 0;
const LOAD_GENERATOR_CORE = 1;

/**
 * Measures `{ hello }` once, then the four benchmark queries against our
 * server over each dataset (loaded from its N-Quads folder). Throws when a
 * query answers with errors.
 */
export async function benchmarkGraphqlThroughput(datasets: PreparedDataset[], options: ThroughputOptions): Promise<ThroughputResult> {
  const rows: ThroughputRow[] = [];
  const hello = await withServer('serveHello.ts', [], 30_000, (url) =>
    measureQuery(url, { key: 'hello', title: 'plain Apollo { hello }', query: HELLO_QUERY }, options, 'hello', 0),
  );
  rows.push({ ...hello, ratioToHello: 1 });
  for (const dataset of datasets) {
    await withServer('serveGraph.ts', [dataset.directories.nquads], 300_000, async (url) => {
      for (const query of benchmarkQueries(dataset.probes)) {
        rows.push(await measureQuery(url, query, options, dataset.label, hello.requestsPerSecond));
      }
    });
  }
  return { pinned: canPinToCores(), rows };
}

async function withServer<T>(script: string, args: string[], timeoutMs: number, use: (graphqlUrl: string) => Promise<T>): Promise<T> {
  const server = await startScript<{ url: string }>(script, args, { core: SERVER_CORE, timeoutMs });
  try {
    return await use(`${server.ready.url}/graphql`);
  } finally {
    await server.stop();
  }
}

async function measureQuery(
  url: string,
  { key, title, query }: { key: string; title: string; query: string },
  options: ThroughputOptions,
  dataset: string,
  helloRequestsPerSecond: number,
): Promise<ThroughputRow> {
  const body = JSON.stringify({ query });
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  const answer = JSON.parse(text) as { data?: unknown; errors?: unknown };
  if (response.status !== 200 || answer.errors !== undefined || answer.data === null || answer.data === undefined) {
    throw new Error(`Query ${key} on ${dataset} answered HTTP ${response.status}: ${text.slice(0, 500)}`);
  }
  const plan: LoadPlan = { url, body, ...options };
  const result = await runScript<LoadResult>('loadGenerator.ts', [JSON.stringify(plan)], { core: LOAD_GENERATOR_CORE });
  const requestsPerSecond = median(result.runs.map((run) => run.requestsPerSecond));
  const middle = medianRun(result.runs, (run) => run.requestsPerSecond);
  return {
    dataset,
    query: key,
    title,
    requestsPerSecond,
    p50Ms: middle.p50Ms,
    p99Ms: middle.p99Ms,
    ratioToHello: helloRequestsPerSecond > 0 ? requestsPerSecond / helloRequestsPerSecond : 1,
    fields: countFields(answer.data),
    responseBytes: Buffer.byteLength(text),
    runs: result.runs.map((run) => run.requestsPerSecond),
  };
}
