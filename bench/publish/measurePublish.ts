import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { benchmarkQueries } from '../benchmarkQueries.js';
import { compiledScripts } from '../compiledScripts.js';
import { DEFAULT_SEED } from '../generateNationalDataset.js';
import { buildPublishStore } from './buildPublishStore.js';
import { cpuSince, processCpuMs, threadCpuMs } from './cpuTimes.js';
import type { EventLoopReading, StepTimings } from './servePublishedStore.js';
import { startPublishServer, type PublishServer } from './startPublishServer.js';
import type { SteadyLoadResult } from './steadyLoad.js';
import { syntheticNTriples, type SyntheticNTriples } from './syntheticNTriples.js';

/** How to measure one publish. */
export interface PublishPlan {
  /** Label and size of the synthetic dataset the server holds beside the shipped ones. */
  label: string;
  storeTriples: number;
  /** Size of the published dataset. */
  publishTriples: number;
  connections: number;
  /** Load before the baseline window, not counted. */
  warmupSeconds: number;
  baselineSeconds: number;
  /** Load kept up after the publish is visible, counted for lost requests only. */
  afterSeconds: number;
  cpuProfileDirectory?: string;
  progress(message: string): void;
}

/** What one publish into a served store measured. */
export interface PublishRow {
  label: string;
  /** Triples the server served before the publish (every dataset). */
  servedQuads: number;
  publishedTriples: number;
  serverLoadMs: number;
  /** From sending the PUT to the first GraphQL answer that sees the new data. */
  visibleMs: number;
  /** From sending the PUT to its response. */
  putMs: number;
  putStatus: number;
  /** GraphQL polls sent until the data was visible. */
  polls: number;
  /** Event-loop delay, GC and the write path's steps in the server, from just before the PUT to just after the data was visible. */
  server: EventLoopReading;
  /** Answered requests per second of the steady load before the publish and between PUT and visible. */
  baselinePerSecond: number;
  duringPerSecond: number;
  /** duringPerSecond ÷ baselinePerSecond. */
  throughputRatio: number;
  /** The load's rate during each of the server's steps (see EventLoopReading.steps), as a share of the baseline: where the throughput goes. */
  perStep: Array<{ step: string; /** after the PUT was sent */ startMs: number; ms: number; ratio: number }>;
  /** The same share in each INTERVAL_MS from the PUT to visible (the last one shorter): when the throughput goes. */
  perInterval: number[];
  /** CPU time (ms) over the baseline (before the PUT) and from the PUT to visible, with the length of each window. */
  cpu: { baseline: CpuOfWindow; publish: CpuOfWindow };
  /** Lost requests (non-200, GraphQL errors, connection errors, timeouts) over the whole load, and between PUT and the end of the load. */
  lost: number;
  lostDuringPublish: number;
  lostSamples: string[];
  loadRequests: number;
  /** The steps of serving the change, each timed alone after the load (see servePublishedStore). */
  steps: StepTimings;
  /** Whether SPARQL answered the published data after the publish. */
  sparqlSeesIt: boolean;
}

/** Where the CPU time of a window went: the server's main thread, its SPARQL workers and its other threads, its checks' process (all its threads), the load generator's process, and this one (the polls). */
export interface CpuOfWindow {
  ms: number;
  mainMs: number;
  checksMs: number;
  sparqlMs: number;
  /** The server's other threads: V8's helpers (garbage collection, compilation) and libuv's, largest first. */
  otherThreadsMs: number[];
  loadMs: number;
  benchmarkMs: number;
}

/** The length of each interval of perInterval. */
const INTERVAL_MS = 200;

/** The slug the benchmark publishes. */
export const PUBLISHED_SLUG = 'bench-publicerad';
/** The dataset published first, on a server that has published nothing since it started. */
export const FIRST_SLUG = 'bench-forsta';

/** A dataset the benchmark publishes, and the label of its row. */
interface PublishedDataset {
  label: string;
  slug: string;
  data: SyntheticNTriples;
}

/**
 * Builds a store with a synthetic national dataset of `storeTriples`, serves
 * it in a child process, and publishes two fresh synthetic datasets of
 * `publishTriples` (each its own resources, checked first with the validate
 * route) one after the other with PUT, each while a steady GraphQL load (the
 * single-entity query) runs; for each, measures when GraphQL first sees it,
 * the server's event loop meanwhile, and what the load lost. The first
 * publish after a start is one of its own (V8 compiles the write path
 * meanwhile); the second is any later one. Throws when a dataset is refused
 * or a step fails.
 */
export async function measurePublish(plan: PublishPlan): Promise<PublishRow[]> {
  const { progress } = plan;
  const folder = await mkdtemp(join(tmpdir(), 'kulturskolegrafen-publish-'));
  try {
    progress(`${plan.label}: the synthetic dataset (generated or from the cache) and the two to publish`);
    const national = await syntheticNTriples(plan.storeTriples, DEFAULT_SEED);
    const datasets: PublishedDataset[] = [
      { label: `${plan.label}, first publish`, slug: FIRST_SLUG, data: await syntheticNTriples(plan.publishTriples, DEFAULT_SEED + 2, 'synth-forsta') },
      { label: plan.label, slug: PUBLISHED_SLUG, data: await syntheticNTriples(plan.publishTriples, DEFAULT_SEED + 1, 'synth-publicerad') },
    ];
    progress(`${plan.label}: building the store (the shipped datasets, then ${national.triples.toLocaleString('en')} triples as one dataset)`);
    const store = await buildPublishStore(folder, national.content, national.triples);
    progress(`${plan.label}: starting the server`);
    const server = await startPublishServer(store.storeDirectory, store.tokensFile, { timeoutMs: 600_000, ...(plan.cpuProfileDirectory && { cpuProfileDirectory: plan.cpuProfileDirectory }) });
    try {
      // The server answers SPARQL once its first worker has loaded; the others load after it, for seconds at 1M.
      // A publish is measured on a server that has finished starting, not beside that load.
      const loadingFor = await allSparqlWorkersLoaded(server.url);
      progress(`${plan.label}: every SPARQL worker loaded ${(loadingFor / 1000).toFixed(1)} s after the server was ready`);
      const rows: PublishRow[] = [];
      for (const dataset of datasets) rows.push(await publishUnderLoad(plan, server, store.token, national, dataset, server.quads + rows.reduce((sum, row) => sum + row.publishedTriples, 0)));
      return rows;
    } finally {
      await server.stop();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** One publish of `dataset` into the running `server` under a steady load, measured (see measurePublish). */
async function publishUnderLoad(
  plan: PublishPlan,
  server: PublishServer,
  token: string,
  national: SyntheticNTriples,
  dataset: PublishedDataset,
  /** Quads served before this publish: the store at start and what was published since. */
  servedQuads: number,
): Promise<PublishRow> {
  const { progress } = plan;
  const graphql = `${server.url}/graphql`;
  const body = Buffer.from(dataset.data.content);
  const write = { authorization: `Bearer ${token}`, 'content-type': 'application/n-triples' };
  const validation = await fetch(`${server.url}/datasets/${dataset.slug}/validate`, { method: 'POST', headers: write, body });
  if (validation.status !== 200) throw new Error(`The dataset to publish does not pass the checks: HTTP ${validation.status}: ${(await validation.text()).slice(0, 1000)}`);
  const probe = JSON.stringify({ query: `{ collaboration(id: ${JSON.stringify(dataset.data.probes.collaboration)}) { id } }` });
  if (await isVisible(graphql, probe)) throw new Error(`The server already answers ${dataset.data.probes.collaboration} before the publish`);

  const query = benchmarkQueries(national.probes).find(({ key }) => key === 'a')!;
  progress(`${dataset.label}: steady load (${query.title}, ${plan.connections} connections), ${plan.warmupSeconds} s warm-up, ${plan.baselineSeconds} s baseline`);
  const load = await startSteadyLoad({ url: graphql, body: JSON.stringify({ query: query.query }), connections: plan.connections });
  // The probe is polled from the load's start, so that the baseline carries the same extra requests as the publish.
  const poller = pollUntilVisible(graphql, probe);
  await sleep(plan.warmupSeconds * 1000);
  const cpuAtBaseline = cpuReading(server, load.pid);
  await sleep(plan.baselineSeconds * 1000);

  progress(`${dataset.label}: publishing ${dataset.data.triples.toLocaleString('en')} triples under load`);
  await server.reset();
  const cpuAtPut = cpuReading(server, load.pid);
  const putAt = epochMs();
  let putDone: { status: number; ms: number; text: string } | undefined;
  const put = fetch(`${server.url}/datasets/${dataset.slug}`, { method: 'PUT', headers: write, body }).then(async (response) => {
    putDone = { status: response.status, ms: epochMs() - putAt, text: await response.text() };
  });
  const { visibleAt, polls } = await poller.publishedAt(putAt, () => {
    if (putDone !== undefined && putDone.status >= 300) throw new Error(`The publish was refused: HTTP ${putDone.status}: ${putDone.text.slice(0, 1000)}`);
  });
  const cpuAtVisible = cpuReading(server, load.pid);
  const reading = await server.read();
  const cpu = { baseline: cpuBetween(cpuAtBaseline, cpuAtPut, server.pid, reading.threads), publish: cpuBetween(cpuAtPut, cpuAtVisible, server.pid, reading.threads) };
  await put;
  await sleep(plan.afterSeconds * 1000);
  const loaded = await load.stop();
  const sparqlSeesIt = await sparqlAsk(server.url, dataset.data.probes.collaboration);
  progress(`${dataset.label}: timing each step of serving the change alone`);
  const steps = await server.diagnose(dataset.slug);

  const baselineFrom = loaded.started + plan.warmupSeconds * 1000;
  const count = (times: number[], from: number, to: number) => times.filter((time) => time >= from && time < to).length;
  const baselinePerSecond = count(loaded.result.answeredAt, baselineFrom, putAt) / ((putAt - baselineFrom) / 1000);
  const duringPerSecond = count(loaded.result.answeredAt, putAt, visibleAt) / ((visibleAt - putAt) / 1000);
  // The steps' clock is the server's monotonic one; the reading says where it stood on the epoch.
  const epochOf = (us: number) => reading.clock.epochMs - (reading.clock.us - us) / 1000;
  const perStep = reading.steps.map(({ step, ms, startUs }) => {
    const from = epochOf(startUs);
    return { step, startMs: from - putAt, ms, ratio: ms === 0 ? Number.NaN : count(loaded.result.answeredAt, from, from + ms) / (ms / 1000) / baselinePerSecond };
  });
  const perInterval: number[] = [];
  for (let from = putAt; from < visibleAt; from += INTERVAL_MS) {
    const to = Math.min(from + INTERVAL_MS, visibleAt);
    perInterval.push(count(loaded.result.answeredAt, from, to) / ((to - from) / 1000) / baselinePerSecond);
  }
  return {
    label: dataset.label,
    servedQuads,
    publishedTriples: dataset.data.triples,
    serverLoadMs: server.loadMs,
    visibleMs: visibleAt - putAt,
    putMs: putDone!.ms,
    putStatus: putDone!.status,
    polls,
    server: reading,
    baselinePerSecond,
    duringPerSecond,
    throughputRatio: duringPerSecond / baselinePerSecond,
    perStep,
    perInterval,
    cpu,
    lost: loaded.result.lostAt.length,
    lostDuringPublish: count(loaded.result.lostAt, putAt, Number.POSITIVE_INFINITY),
    lostSamples: loaded.result.lostSamples,
    loadRequests: loaded.result.totals.requests,
    steps,
    sparqlSeesIt,
  };
}

/** Waits until the server's metrics say no SPARQL worker is still loading; resolves with how long that took (ms). */
async function allSparqlWorkersLoaded(url: string): Promise<number> {
  const started = performance.now();
  for (;;) {
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const loading = /^sparql_loading_workers (\d+)$/m.exec(metrics);
    if (loading === null) throw new Error('The server\'s /metrics has no sparql_loading_workers gauge');
    if (loading[1] === '0') return performance.now() - started;
    if (performance.now() - started > 300_000) throw new Error('SPARQL workers were still loading 300 s after the server was ready');
    await sleep(100);
  }
}

function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Whether GraphQL answers the probe collaboration; throws on an answer that is not a 200 with data. */
async function isVisible(graphql: string, probe: string): Promise<boolean> {
  const response = await fetch(graphql, { method: 'POST', headers: { 'content-type': 'application/json' }, body: probe });
  const text = await response.text();
  const answer = JSON.parse(text) as { data?: { collaboration: unknown } | null; errors?: unknown };
  if (response.status !== 200 || answer.errors !== undefined || !answer.data) throw new Error(`The visibility probe answered HTTP ${response.status}: ${text.slice(0, 500)}`);
  return answer.data.collaboration !== null;
}

interface CpuReading {
  at: number;
  server: Map<number, number>;
  checks: number;
  load: number;
  benchmark: number;
}

function cpuReading(server: PublishServer, loadPid: number): CpuReading {
  return {
    at: epochMs(),
    server: threadCpuMs(server.pid),
    checks: server.checksPid === undefined ? 0 : processCpuMs(server.checksPid),
    load: processCpuMs(loadPid),
    benchmark: processCpuMs(),
  };
}

function cpuBetween(before: CpuReading, after: CpuReading, pid: number, threads: EventLoopReading['threads']): CpuOfWindow {
  const server = cpuSince(before.server, after.server);
  const sum = (tids: readonly number[]) => tids.reduce((total, tid) => total + (server.get(tid) ?? 0), 0);
  const named = new Set([pid, ...threads.sparql]);
  return {
    ms: after.at - before.at,
    mainMs: server.get(pid) ?? 0,
    checksMs: after.checks - before.checks,
    sparqlMs: sum(threads.sparql),
    otherThreadsMs: [...server].filter(([tid, ms]) => !named.has(tid) && ms > 0).map(([, ms]) => ms).sort((a, b) => b - a),
    loadMs: after.load - before.load,
    benchmarkMs: after.benchmark - before.benchmark,
  };
}

/** Between two polls of the visibility probe: about 20 ms from answer to the next question, which is the resolution of PUT → visible. */
const POLL_INTERVAL_MS = 20;

/**
 * Polls the probe every POLL_INTERVAL_MS from now on; `publishedAt(putAt)`
 * resolves with the first time it was seen after `putAt` and the polls sent
 * since. Seen before `putAt` is an error, as is `check` throwing (a refused
 * publish) or nothing seen within 120 s.
 */
function pollUntilVisible(graphql: string, probe: string): { publishedAt(putAt: number, check: () => void): Promise<{ visibleAt: number; polls: number }> } {
  let putAt: number | undefined;
  let check = () => {};
  let polls = 0;
  const seen = (async () => {
    for (;;) {
      if (putAt !== undefined) polls++;
      const visible = await isVisible(graphql, probe);
      if (visible) {
        if (putAt === undefined) throw new Error('The published data was visible before it was published');
        return epochMs();
      }
      if (putAt !== undefined) {
        check();
        if (epochMs() - putAt > 120_000) throw new Error('The published data was not visible within 120 s');
      }
      await sleep(POLL_INTERVAL_MS);
    }
  })();
  seen.catch(() => undefined);
  return {
    publishedAt: async (at, onPoll) => {
      [putAt, check] = [at, onPoll];
      const visibleAt = await seen;
      return { visibleAt, polls };
    },
  };
}

async function sparqlAsk(url: string, iri: string): Promise<boolean> {
  const query = `ASK { GRAPH ?g { <${iri}> ?p ?o } }`;
  const response = await fetch(`${url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: query });
  if (response.status !== 200) throw new Error(`SPARQL answered HTTP ${response.status}: ${(await response.text()).slice(0, 500)}`);
  return ((await response.json()) as { boolean: boolean }).boolean;
}

/** Starts steadyLoad in its own process; `stop` ends the load and resolves with what it saw. */
async function startSteadyLoad(plan: { url: string; body: string; connections: number }): Promise<{ pid: number; stop(): Promise<{ started: number; result: SteadyLoadResult }> }> {
  const script = join(await compiledScripts(), 'bench', 'publish', 'steadyLoad.js');
  const child = spawn(process.execPath, [script, JSON.stringify(plan)], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const lines: string[] = [];
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  const first = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (lines.length === 1) resolve(line);
    });
    void closed.then((code) => reject(new Error(`The load generator exited with ${code} before it started: ${stderr.trim()}`)));
  });
  const { started } = JSON.parse(await first) as { started: number };
  return {
    pid: child.pid!,
    stop: async () => {
      child.stdin.end('stop\n');
      const code = await closed;
      if (code !== 0 || lines.length < 2) throw new Error(`The load generator exited with ${code}: ${stderr.trim()}`);
      return { started, result: JSON.parse(lines.at(-1)!) as SteadyLoadResult };
    },
  };
}
