/**
 * Child process of `npm run bench:publish`: serves a store folder as `npm
 * start` does (openPublishedData, then startServer, with TOKENS_FILE) on
 * 127.0.0.1 and a free port, and watches its own event loop with
 * `perf_hooks.monitorEventLoopDelay` (10 ms resolution) and its GC pauses.
 * Talks to its parent over IPC only (nothing is added to the server):
 *
 * - sends `{ kind: 'ready', url, quads, loadMs }` once serving;
 * - `{ kind: 'reset' }` empties the histogram and the GC and step records;
 * - `{ kind: 'read' }` answers what they hold now (an EventLoopReading);
 * - `{ kind: 'diagnose', slug }` times, with nothing else running, the steps
 *   the server takes to serve that dataset's current version (a StepTimings).
 *
 * Usage: `node servePublishedStore.js <store folder> <tokens file>`; SIGTERM stops it.
 */
import { stat } from 'node:fs/promises';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { pino } from 'pino';
import { follows } from '../../src/graphql/cachedPerGraph.js';
import { executableSchema } from '../../src/graphql/executableSchema.js';
import { largestListSizes } from '../../src/graphql/largestListSizes.js';
import { ListSizeMeasurement } from '../../src/graphql/ListSizeMeasurement.js';
import { keysOfChange } from '../../src/graphql/keysOfChange.js';
import { openPublishedData } from '../../src/http/openPublishedData.js';
import { SparqlWorkerPool } from '../../src/http/sparql/SparqlWorkerPool.js';
import { startServer } from '../../src/http/startServer.js';
import { canonicalNTriples } from '../../src/publish/canonicalNTriples.js';
import { parseBody } from '../../src/publish/parseBody.js';
import { prepareDataset } from '../../src/publish/prepareDataset.js';
import type { Preparer } from '../../src/publish/Preparer.js';
import type { AnticipateChange, Preparation, ServeChange } from '../../src/publish/Publisher.js';
import { loadShippedReferenceData } from '../../src/publish/ReferenceData.js';
import { validateShapes } from '../../src/publish/validateShapes.js';
import { graphOfContent } from '../../src/rdf/graphOfContent.js';
import { MemoizedGraph } from '../../src/rdf/MemoizedGraph.js';
import { UnionGraph } from '../../src/rdf/UnionGraph.js';
import { kg } from '../../src/rdf/vocabulary.js';
import { threadCpuMs } from './cpuTimes.js';

/** What the event loop and the collector did since the last reset. */
export interface EventLoopReading {
  delay: { maxMs: number; p99Ms: number; p50Ms: number; meanMs: number; samples: number };
  gc: { pauses: number; totalMs: number; longestMs: number };
  /** The longest stretches (over 50 ms) in which a 5 ms timer could not run, longest first; `endUs` on the clock of a --cpu-prof profile, to find what ran. */
  stalls: Array<{ endUs: number; ms: number }>;
  /** The write path's steps since the reset, timed from outside the server: checks in their process, store commit, serving the change. */
  steps: Array<{ step: string; ms: number; /** on the stalls' clock */ startUs: number }>;
  /** The stalls' and steps' clock (µs) and the epoch (ms) at the same moment, to place them on the load's clock. */
  clock: { us: number; epochMs: number };
  /** Thread ids of the server's SPARQL workers (the rest are V8's and libuv's, and the main thread, whose id is the pid; the checks run in a process of their own). */
  threads: { sparql: number[] };
}

/** Each step of checking and serving a change, alone, in milliseconds. */
export interface StepTimings {
  triples: number;
  /** The checks as the worker runs them (prepareDataset), here on the main thread; then three of their parts alone. */
  prepareMs: number;
  parseMs: number;
  shaclMs: number;
  canonicalMs: number;
  graphOfContentMs: number;
  unionWithMs: number;
  /** The list sizes measured again after the change, as the server does (ListSizeMeasurement.next, sliced, so wall time). */
  measureListSizesMs: number;
  /** The same measurement in one go: its CPU time on the main thread. */
  largestListSizesMs: number;
}

const [storeDirectory, tokensFile] = process.argv.slice(2);
if (!storeDirectory || !tokensFile || process.send === undefined) throw new Error('usage: servePublishedStore.js <store folder> <tokens file>, with an IPC channel');
const send = process.send.bind(process);

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
let gcPauses: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauses.push(entry.duration);
}).observe({ entryTypes: ['gc'] });
let steps: EventLoopReading['steps'] = [];
let stalls: EventLoopReading['stalls'] = [];
const TICK_MS = 5;
let lastTick = process.hrtime.bigint();
setInterval(() => {
  const now = process.hrtime.bigint();
  const late = Number(now - lastTick) / 1e6 - TICK_MS;
  if (late > 50) stalls.push({ endUs: Number(now / 1000n), ms: late });
  lastTick = now;
}, TICK_MS).unref();

async function timed<T>(step: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const startUs = Number(process.hrtime.bigint() / 1000n);
  try {
    return await run();
  } finally {
    steps.push({ step, ms: performance.now() - started, startUs });
  }
}

const logger = pino({ level: 'silent' });
const started = performance.now();
// The threads that start with the server (the SPARQL workers), told apart by their ids.
// libuv starts its thread pool at the first file operation done through it: before the count, so its threads are not taken for a worker.
await stat(storeDirectory);
const threadsAtStart = new Set(threadCpuMs().keys());
const published = await openPublishedData({ storeDirectory, tokensFile, logger });
const loadMs = performance.now() - started;

// Timed from outside: the checks' process and the store are the publisher's own parts, wrapped here for the benchmark only.
const { publisher } = published;
const preparation = (publisher as unknown as { preparation: Preparation }).preparation;
const prepare = preparation.prepare.bind(preparation);
preparation.prepare = (input, onContent) => timed('checks in their process', () => prepare(input, onContent));
const commit = publisher.store.commit.bind(publisher.store);
publisher.store.commit = (slug, record, content) => timed('store commit', () => commit(slug, record, content));
const follow = publisher.follow.bind(publisher);
publisher.follow = (serve: ServeChange, anticipate?: AnticipateChange) =>
  follow(
    (change) => timed('serving the change (graph, list sizes, SPARQL, swap)', () => serve(change)),
    anticipate &&
      ((slug, content, numbered) => {
        // A moment, not a step: when the checks' canonical form reached the server, which starts reading it in.
        if (content !== null) steps.push({ step: '…canonical form told', ms: 0, startUs: Number(process.hrtime.bigint() / 1000n) });
        anticipate(slug, content, numbered);
      }),
  );

// Inside serving: when the list sizes are read ahead (mostly during the checks) and kept, and how long the SPARQL workers take to replace the graph.
const remeasure = ListSizeMeasurement.prototype.remeasure;
ListSizeMeasurement.prototype.remeasure = function (...args) {
  return timed('…list sizes read ahead', () => remeasure.apply(this, args));
};
const finish = ListSizeMeasurement.prototype.finish;
ListSizeMeasurement.prototype.finish = function (...args) {
  return timed('…list sizes kept', () => finish.apply(this, args));
};
const replaceGraph = SparqlWorkerPool.prototype.replaceGraph;
SparqlWorkerPool.prototype.replaceGraph = function (...args) {
  return timed('…SPARQL workers replace the graph', () => replaceGraph.apply(this, args));
};

const threadsOfPublisher = new Set([...threadCpuMs().keys()].filter((tid) => !threadsAtStart.has(tid)));
// The checks' process starts with the publisher, which warms it up.
const checksPid = (preparation as Preparer).processId;
const server = await startServer({ ...published.served, logger, host: '127.0.0.1', port: 0 });
const firstGraph = published.served.graph as UnionGraph;

process.on('message', (message: { kind: 'reset' | 'read' | 'diagnose'; slug?: string }) => {
  switch (message.kind) {
    case 'reset':
      histogram.reset();
      gcPauses = [];
      steps = [];
      stalls = [];
      send({ kind: 'reset' });
      return;
    case 'read':
      send({ kind: 'read', ...reading() });
      return;
    case 'diagnose':
      void diagnose(message.slug!).then((timings) => send({ kind: 'diagnose', ...timings }));
      return;
  }
});
send({ kind: 'ready', url: server.url, quads: firstGraph.size, loadMs, checksPid });
process.once('SIGTERM', () => void server.stop().then(published.close).then(() => process.exit(0)));

function reading(): EventLoopReading {
  const ms = (nanoseconds: number) => nanoseconds / 1e6;
  return {
    delay: { maxMs: ms(histogram.max), p99Ms: ms(histogram.percentile(99)), p50Ms: ms(histogram.percentile(50)), meanMs: ms(histogram.mean), samples: histogram.count },
    gc: { pauses: gcPauses.length, totalMs: gcPauses.reduce((sum, pause) => sum + pause, 0), longestMs: Math.max(0, ...gcPauses) },
    steps,
    stalls: [...stalls].sort((a, b) => b.ms - a.ms).slice(0, 10),
    clock: { us: Number(process.hrtime.bigint() / 1000n), epochMs: performance.timeOrigin + performance.now() },
    // Every thread that started after the publisher is a SPARQL worker (they start once the server serves).
    threads: { sparql: [...threadCpuMs().keys()].filter((tid) => !threadsAtStart.has(tid) && !threadsOfPublisher.has(tid)) },
  };
}

/** The server's steps for serving `slug`'s current version (see startServer), each timed alone on the graph served at start. */
async function diagnose(slug: string): Promise<StepTimings> {
  const state = publisher.state(slug)!;
  const content = await publisher.content(slug, state.version);
  const reference = await loadShippedReferenceData();
  const body = Buffer.from(content);
  let at = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - at;
    at = now;
    return ms;
  };
  await prepareDataset({ slug, mediaType: 'application/n-triples', body }, reference);
  const prepareMs = lap();
  const quads = await parseBody(body, 'ntriples', slug);
  const parseMs = lap();
  await validateShapes(quads, [...reference.quads, ...reference.vocabulary]);
  const shaclMs = lap();
  await canonicalNTriples(quads);
  const canonicalMs = lap();
  const part = await graphOfContent(slug, content);
  const graphOfContentMs = lap();
  const graph = firstGraph.with(kg.dataset(slug).value, part);
  const unionWithMs = lap();
  const firstAnswers = new MemoizedGraph(firstGraph);
  const before = await ListSizeMeasurement.of(executableSchema, firstAnswers);
  lap();
  // As the server does: the whole lists are updated from the graph the change replaces (see startServer).
  const changed = await keysOfChange(firstGraph.part(kg.dataset(slug).value), part);
  const answers = new MemoizedGraph(graph);
  follows(answers, firstAnswers, changed);
  await before.next(executableSchema, answers, changed);
  const measureListSizesMs = lap();
  largestListSizes(executableSchema, new MemoizedGraph(graph));
  const largestListSizesMs = lap();
  return { triples: part.size, prepareMs, parseMs, shaclMs, canonicalMs, graphOfContentMs, unionWithMs, measureListSizesMs, largestListSizesMs };
}
