/**
 * GraphQL throughput and latency over HTTP: our real server over a generated
 * dataset against a plain Apollo `{ hello }` server measured in the same run,
 * and against the plain-JavaScript peer (bench/plainObjects: the same schema
 * and Apollo setup answering from plain objects) over the same dataset.
 * Each server runs in its own process pinned to core 0, autocannon in another
 * pinned to core 1 (where taskset works), 127.0.0.1 only.
 */
import { benchmarkQueries, countFields, HELLO_QUERY } from './benchmarkQueries.js';
import { canPinToCores, runScript, startScript, type RunningScript } from './childProcess.js';
import type { GcAccount } from './gcAccounting.js';
import type { LoadPlan, LoadResult } from './loadGenerator.js';
import { answersOf } from './plainObjects/answersOf.js';
import { requireSameAnswers } from './plainObjects/requireSameAnswers.js';
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
  /** On our rows of a dataset the peer was measured on: requestsPerSecond ÷ the plain-JavaScript peer's for the same question. */
  ratioToPeer?: number;
  /** The server's garbage collection over the whole load (warm-up and runs): see gcAccounting. */
  gc: {
    /** Bytes promoted to the old generation per request answered. */
    promotedBytesPerRequest: number;
    /** Share of the load's wall time the server spent in collection pauses. */
    pauseShare: number;
  };
}

/** The measurement, and whether server and load generator were pinned to separate cores. */
export interface ThroughputResult {
  pinned: boolean;
  rows: ThroughputRow[];
  /**
   * The plain-JavaScript peer on the same datasets and questions, measured
   * after ours (its answers checked byte for byte against ours first); its
   * `ratioToHello` is to the same `{ hello }`.
   */
  plainPeer: ThroughputRow[];
}

const SERVER_CORE = 0;
const LOAD_GENERATOR_CORE = 1;

/**
 * Measures `{ hello }` once, then the four benchmark queries against our
 * server over each dataset (loaded from its N-Quads folder), then against the
 * plain-JavaScript peer over the same folder. Throws when a query answers with
 * errors, and before measuring the peer when any of its answers is not
 * byte-identical to ours (see requireSameAnswers).
 */
export async function benchmarkGraphqlThroughput(datasets: PreparedDataset[], options: ThroughputOptions): Promise<ThroughputResult> {
  const rows: ThroughputRow[] = [];
  const plainPeer: ThroughputRow[] = [];
  const hello = await withServer('serveHello.ts', [], 30_000, (url, server) =>
    measureQuery(url, { key: 'hello', title: 'plain Apollo { hello }', query: HELLO_QUERY }, options, 'hello', 0, server),
  );
  rows.push({ ...hello, ratioToHello: 1 });
  for (const dataset of datasets) {
    const queries = benchmarkQueries(dataset.probes);
    const ours = await withServer('serveGraph.ts', [dataset.directories.nquads], 300_000, async (url, server) => {
      const answers = await answersOf(url, queries);
      const measured: ThroughputRow[] = [];
      for (const query of queries) measured.push(await measureQuery(url, query, options, dataset.label, hello.requestsPerSecond, server));
      return { answers, measured };
    });
    const peer = await withServer('servePlainObjects.ts', [dataset.directories.nquads], 300_000, async (url, server) => {
      requireSameAnswers(dataset.label, ours.answers, await answersOf(url, queries));
      const measured: ThroughputRow[] = [];
      for (const query of queries) measured.push(await measureQuery(url, query, options, dataset.label, hello.requestsPerSecond, server));
      return measured;
    });
    for (const row of ours.measured) {
      const peerRow = peer.find((other) => other.query === row.query);
      rows.push(peerRow ? { ...row, ratioToPeer: row.requestsPerSecond / peerRow.requestsPerSecond } : row);
    }
    plainPeer.push(...peer);
  }
  return { pinned: canPinToCores(), rows, plainPeer };
}

async function withServer<T>(script: string, args: string[], timeoutMs: number, use: (graphqlUrl: string, server: RunningScript<{ url: string }>) => Promise<T>): Promise<T> {
  const server = await startScript<{ url: string }>(script, args, { core: SERVER_CORE, timeoutMs });
  try {
    return await use(`${server.ready.url}/graphql`, server);
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
  server: RunningScript<unknown>,
): Promise<ThroughputRow> {
  const body = JSON.stringify({ query });
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  const answer = JSON.parse(text) as { data?: unknown; errors?: unknown };
  if (response.status !== 200 || answer.errors !== undefined || answer.data === null || answer.data === undefined) {
    throw new Error(`Query ${key} on ${dataset} answered HTTP ${response.status}: ${text.slice(0, 500)}`);
  }
  const plan: LoadPlan = { url, body, ...options };
  // The server accounts for its garbage collection from one SIGUSR2 to the next (see gcAccounting).
  server.child.kill('SIGUSR2');
  const loadStarted = performance.now();
  const result = await runScript<LoadResult>('loadGenerator.ts', [JSON.stringify(plan)], { core: LOAD_GENERATOR_CORE });
  const loadMs = performance.now() - loadStarted;
  server.child.kill('SIGUSR2');
  const { gc } = await server.nextLine<{ gc: GcAccount }>();
  const answered = result.warmupResponsesChecked + result.runs.reduce((sum, run) => sum + run.requests, 0);
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
    gc: { promotedBytesPerRequest: gc.promotedBytes / answered, pauseShare: (gc.scavengeMs + gc.majorMs) / loadMs },
  };
}
