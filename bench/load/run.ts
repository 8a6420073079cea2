/**
 * `npm run load`: the load test of issue 8. Starts the real server over the
 * shipped data (startLoadServer), then, each phase bounded in time:
 *
 * 1. steady: 10 connections over the frontend mix (frontendMix.ts);
 * 2. stress: 50 connections over the same mix;
 * 3. abuse: the steady phase again, beside the hostile clients of
 *    abusiveClients.ts (GraphQL fan-out, SPARQL bombs, a dump loop);
 * 3b. dump loop: the steady phase again, beside the dump loop alone, whose
 *    cost to the mix's throughput is judged on its own;
 * 4. soak: rounds of steady load, each followed by a forced collection in
 *    the server and a reading of its heap.
 *
 * Prints one Markdown table on stdout (progress goes to stderr), writes
 * bench/results/load-latest.json, and exits with 1 when a check of
 * loadChecks.ts fails. All traffic goes to 127.0.0.1. LOAD_QUICK=1 runs
 * every phase for a few seconds only: a smoke test of the script itself.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runScript } from '../childProcess.js';
import { machineInfo } from '../machineInfo.js';
import { abusiveClients } from './abusiveClients.js';
import type { MixPlan, MixResult } from './driveMix.js';
import { frontendMix } from './frontendMix.js';
import { loadChecks } from './loadChecks.js';
import type { LoadPlan, LoadResults, Probe } from './LoadResults.js';
import { loadResultsTable } from './loadResultsTable.js';
import { runAbusiveClient } from './runAbusiveClient.js';
import { sendRequest } from './sendRequest.js';
import { startLoadServer, type LoadServer } from './startLoadServer.js';

const quick = process.env.LOAD_QUICK === '1';
const PLAN: LoadPlan = {
  warmupSeconds: quick ? 2 : 5,
  steadySeconds: quick ? 3 : 20,
  stressSeconds: quick ? 3 : 15,
  abuseSeconds: quick ? 5 : 20,
  dumpLoopSeconds: quick ? 3 : 20,
  soakRounds: quick ? 3 : 5,
  soakRoundSeconds: quick ? 2 : 10,
  steadyConnections: 10,
  stressConnections: 50,
  validTimeoutSeconds: 10,
  abusiveTimeoutMs: 25_000,
  maxAbusiveRequests: 20_000,
};

const resultsFile = fileURLToPath(new URL('../results/load-latest.json', import.meta.url));
const started = performance.now();

function progress(message: string): void {
  process.stderr.write(`[load ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
}

const machine = machineInfo();
progress('compiling and starting the server over data/graphs');
const server = await startLoadServer({ readyWithinMs: 90_000 });
progress(`server ready on ${server.readinessPath} after ${(server.startupMs / 1000).toFixed(1)} s at ${server.url} (pid ${server.pid})`);

const results: LoadResults = {
  machine,
  quick,
  plan: PLAN,
  server: {
    command: 'node --expose-gc --max-semi-space-size=64 src/main.ts (compiled), NODE_ENV=production, data/graphs',
    readinessPath: server.readinessPath,
    startupMs: server.startupMs,
  },
  probesBefore: [],
  harnessErrors: [],
  elapsedSeconds: 0,
};

/** Whether the server still runs; records where it died otherwise. */
const alive = (phase: string): boolean => {
  const exit = server.exited();
  if (exit !== null) results.server.died ??= { phase, exit };
  return exit === null;
};

/** How long and how much the hostile clients of a phase of `seconds` may send; they stop when the server dies. */
const hostileLimits = (seconds: number) => ({
  until: performance.now() + seconds * 1000,
  maxRequests: PLAN.maxAbusiveRequests,
  timeoutMs: PLAN.abusiveTimeoutMs,
  stopWhen: () => server.exited() !== null,
});

/** Drives the mix in a child process; undefined (the phase then fails its checks) when the child itself fails. */
const mix = async (connections: number, durationSeconds: number): Promise<MixResult | undefined> => {
  const plan: MixPlan = { url: server.url, connections, durationSeconds, timeoutSeconds: PLAN.validTimeoutSeconds };
  try {
    return await runScript<MixResult>('load/driveMix.ts', [JSON.stringify(plan)]);
  } catch (error) {
    results.harnessErrors.push(error instanceof Error ? error.message.slice(0, 500) : String(error));
    return undefined;
  }
};

try {
  results.probesBefore = await probe(server);
  if (alive('probes')) {
    progress(`warm-up: ${PLAN.steadyConnections} connections, ${PLAN.warmupSeconds} s`);
    results.warmup = await mix(PLAN.steadyConnections, PLAN.warmupSeconds);
  }
  if (alive('warm-up')) {
    progress(`steady: ${PLAN.steadyConnections} connections, ${PLAN.steadySeconds} s`);
    results.steady = await mix(PLAN.steadyConnections, PLAN.steadySeconds);
  }
  if (alive('steady')) {
    progress(`stress: ${PLAN.stressConnections} connections, ${PLAN.stressSeconds} s`);
    results.stress = await mix(PLAN.stressConnections, PLAN.stressSeconds);
  }
  if (alive('stress')) {
    progress(`abuse: steady ${PLAN.abuseSeconds} s beside ${abusiveClients.map((client) => client.name).join(', ')}`);
    const limits = hostileLimits(PLAN.abuseSeconds);
    const [steady, ...tallies] = await Promise.all([
      mix(PLAN.steadyConnections, PLAN.abuseSeconds),
      ...abusiveClients.map((client) => runAbusiveClient(server.url, client, limits)),
    ]);
    results.abuse = { steady: steady as MixResult | undefined, abusive: (tallies as Awaited<ReturnType<typeof runAbusiveClient>>[]).flat() };
  }
  if (alive('abuse')) {
    const dumpLoop = abusiveClients.find((client) => client.name === 'dump loop')!;
    progress(`dump loop: steady ${PLAN.dumpLoopSeconds} s beside ${dumpLoop.name} alone`);
    const limits = hostileLimits(PLAN.dumpLoopSeconds);
    const [steady, dumps] = await Promise.all([mix(PLAN.steadyConnections, PLAN.dumpLoopSeconds), runAbusiveClient(server.url, dumpLoop, limits)]);
    results.dumpLoop = { steady, dumps };
  }
  if (alive('dump loop')) {
    progress(`soak: ${PLAN.soakRounds} rounds of ${PLAN.soakRoundSeconds} s, the heap read after a forced GC after each`);
    const soak: NonNullable<LoadResults['soak']> = { before: await server.collectAndReadHeap(), rounds: [] };
    results.soak = soak;
    for (let round = 1; round <= PLAN.soakRounds && alive(`soak round ${round}`); round++) {
      const load = await mix(PLAN.steadyConnections, PLAN.soakRoundSeconds);
      if (!alive(`soak round ${round}`) || load === undefined) break;
      const heap = await server.collectAndReadHeap();
      const metricsHeapUsedBytes = await heapGauge(server);
      soak.rounds.push({ load, heap, ...(metricsHeapUsedBytes !== undefined && { metricsHeapUsedBytes }) });
      progress(`soak round ${round}: heap after GC ${(soak.rounds.at(-1)!.heap.heapUsedBytes / 2 ** 20).toFixed(1)} MB`);
    }
  }
  if (alive('soak')) results.probesAfter = await probe(server);
} finally {
  alive('the end of the run');
  progress('stopping the server');
  results.server.log = await server.stop();
}

results.elapsedSeconds = (performance.now() - started) / 1000;
const checks = loadChecks(results);
await mkdir(fileURLToPath(new URL('../results/', import.meta.url)), { recursive: true });
await writeFile(resultsFile, `${JSON.stringify({ ...results, checks }, null, 2)}\n`);
console.log(loadResultsTable(results, checks));
progress(`wrote ${resultsFile}`);
process.exitCode = checks.every((check) => check.passed) ? 0 : 1;

/** Asks each mix request once, alone, and keeps the whole answer. */
async function probe(target: LoadServer): Promise<Probe[]> {
  const probes: Probe[] = [];
  for (const request of frontendMix) {
    const spec = { method: request.method, path: request.path, headers: request.headers, ...(request.body !== undefined && { body: request.body }) };
    const answer = await sendRequest(target.url, spec, { timeoutMs: PLAN.validTimeoutSeconds * 1000, keepBytes: 1_000_000 });
    const valid = answer.failure === undefined && answer.status !== null && request.isValid(answer.status, answer.bodyStart);
    probes.push({ name: request.name, status: answer.status, valid, body: answer.bodyStart });
  }
  return probes;
}

/** The heap prom-client reports at /metrics (`nodejs_heap_size_used_bytes`), or undefined on a server without it. */
async function heapGauge(target: LoadServer): Promise<number | undefined> {
  const answer = await sendRequest(target.url, { method: 'GET', path: '/metrics' }, { timeoutMs: 5_000, keepBytes: 1_000_000 });
  const value = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})? (\S+)$/m.exec(answer.bodyStart)?.[1];
  return answer.status === 200 && value !== undefined ? Number(value) : undefined;
}
