/**
 * Child process of the throughput benchmark: runs autocannon against one
 * GraphQL request, first a warm-up in which every response is checked, then
 * `runs` measured runs, and prints one JSON line (a LoadResult). Usage:
 * `node --import tsx bench/loadGenerator.ts '<LoadPlan as JSON>'`.
 *
 * Fails (exit code 1) when any warm-up response is not a 200 with data and no
 * `errors`, or when a measured run sees a non-2xx status, a connection error
 * or a timeout: a benchmark of error responses measures nothing.
 */
import autocannon from 'autocannon';

/** What to load and for how long. */
export interface LoadPlan {
  /** e.g. http://127.0.0.1:4321/graphql */
  url: string;
  /** The JSON body to POST, e.g. {"query":"{ hello }"}. */
  body: string;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  runs: number;
}

/** One measured run. */
export interface LoadRun {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
}

/** What the load generator measured. */
export interface LoadResult {
  warmupResponsesChecked: number;
  runs: LoadRun[];
}

const plan = JSON.parse(process.argv[2] ?? 'null') as LoadPlan | null;
if (plan === null) throw new Error('usage: loadGenerator.ts <plan as JSON>');
const headers = { 'content-type': 'application/json' };

let checked = 0;
const failures: string[] = [];
const checkResponse = (status: number, body: string): void => {
  checked++;
  if (failures.length >= 3) return;
  let parsed: { data?: unknown; errors?: unknown } | undefined;
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    // reported below
  }
  if (status !== 200 || !parsed || parsed.errors !== undefined || parsed.data === null || parsed.data === undefined) {
    failures.push(`HTTP ${status}: ${body.slice(0, 300)}`);
  }
};

// A request may take seconds on a large graph: time out only far beyond any measured latency.
const TIMEOUT_SECONDS = 60;
const checkedRequest = { method: 'POST' as const, headers, body: plan.body, onResponse: checkResponse };
const warmup = await autocannon({ url: plan.url, connections: plan.connections, duration: plan.warmupSeconds, timeout: TIMEOUT_SECONDS, requests: [checkedRequest] });
// A query slower than the warm-up still gets one checked answer on every connection.
const slowWarmup = checked === 0 ? await autocannon({ url: plan.url, connections: plan.connections, amount: plan.connections, timeout: TIMEOUT_SECONDS, requests: [checkedRequest] }) : null;
if (failures.length > 0 || checked === 0 || warmup.errors > 0 || (slowWarmup?.errors ?? 0) > 0) {
  console.error(`Warm-up of ${plan.body.slice(0, 200)} failed: ${checked} responses checked, ${warmup.errors} connection errors; first failures:\n${failures.join('\n')}`);
  process.exit(1);
}

const runs: LoadRun[] = [];
for (let run = 0; run < plan.runs; run++) {
  const result = await autocannon({
    url: plan.url,
    connections: plan.connections,
    duration: plan.durationSeconds,
    timeout: TIMEOUT_SECONDS,
    method: 'POST',
    headers,
    body: plan.body,
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    console.error(`Run ${run + 1} of ${plan.body.slice(0, 200)} had ${result.non2xx} non-2xx responses, ${result.errors} errors, ${result.timeouts} timeouts`);
    process.exit(1);
  }
  runs.push({ requestsPerSecond: result.requests.total / result.duration, p50Ms: result.latency.p50, p99Ms: result.latency.p99, requests: result.requests.total });
}
const output: LoadResult = { warmupResponsesChecked: checked, runs };
console.log(JSON.stringify(output));
