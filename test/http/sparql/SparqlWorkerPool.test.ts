import { readlinkSync } from 'node:fs';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultQueryComplexityLimits, type QueryComplexityLimits } from '../../../src/http/sparql/prepareQuery.js';
import type { QueryJob, QueryReply } from '../../../src/http/sparql/QueryJob.js';
import { SparqlHttpError } from '../../../src/http/sparql/SparqlHttpError.js';
import { type GraphReplacement, SparqlWorkerPool, type SparqlWorkerPoolOptions } from '../../../src/http/sparql/SparqlWorkerPool.js';
import { SCHED_IDLE, threadScheduling } from '../../support/threadScheduling.js';

/**
 * SparqlWorkerPool on its own. Each case starts its own pool over four quads
 * (a worker loads them in about half a second, most of it starting the thread
 * and compiling Oxigraph), so the code that starts a pool runs inside the
 * case (mutation testing credits nothing run in beforeAll), and afterEach
 * closes it. A worker restart costs as much, so the cases restart few.
 */

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Three plain quads in two named graphs, and one with a blank node. */
const PLAIN = utf8(
  ['<urn:x:a> <urn:x:name> "Alfa" <urn:g:one> .', '<urn:x:b> <urn:x:name> "Beta" <urn:g:one> .', '<urn:x:c> <urn:x:name> "Gamma" <urn:g:two> .', ''].join('\n'),
);
const BLANK = utf8('_:b1 <urn:x:name> "Blank" <urn:g:one> .\n');

/** Every name with its graph and subject, as CSV. */
const NAMES = 'SELECT ?g ?s ?n WHERE { GRAPH ?g { ?s <urn:x:name> ?n } } ORDER BY ?n';
const NAMES_CSV = 'g,s,n\r\nurn:g:one,urn:x:a,Alfa\r\nurn:g:one,urn:x:b,Beta\r\nurn:g:one,_:b1,Blank\r\nurn:g:two,urn:x:c,Gamma\r\n';

/** A 14-way cross product of the four quads (4^14 solutions): minutes of work, so only a time limit ends it. */
const RUNAWAY = `SELECT (COUNT(*) AS ?n) WHERE { ${Array.from({ length: 14 }, (_, index) => `?s${index} ?p${index} ?o${index} .`).join(' ')} }`;

/** The query the crashOnQuery seam crashes a worker on. */
const CRASH = 'ASK { <urn:x:crash> ?p ?o }';

/** Limits lifted so that queries reach the engine and make it fail. */
const LIFTED: QueryComplexityLimits = { maxExpressionDepth: 1_000_000, maxPathSteps: 64, maxStringGrowth: Number.MAX_SAFE_INTEGER };

/** A 5,000-term || chain: overflows the engine's stack (a WebAssembly trap) in a fraction of a second. */
const STACK_OVERFLOW = `ASK { ?s ?p ?o FILTER(${Array.from({ length: 5_000 }, () => '?o').join(' || ')}) }`;

/** A string doubled `count` times from "ab": 20 doublings (2 MB) leave a 16 MB engine more than half full; 22 exhaust 32 MB. */
function doubled(count: number): string {
  const binds = Array.from({ length: count }, (_, index) => `BIND(CONCAT(?x${index}, ?x${index}) AS ?x${index + 1})`).join(' ');
  return `SELECT (STRLEN(?x${count}) AS ?n) WHERE { BIND("ab" AS ?x0) ${binds} }`;
}

function job(query: string, complexity: QueryComplexityLimits = defaultQueryComplexityLimits): QueryJob {
  return { query, accept: 'text/csv', maxRows: 100, maxResultBytes: 1_000_000, complexity };
}

/** A successful CSV reply with `body`, as a worker sends it. */
function csv(body: string, dataVersion?: string): QueryReply {
  return { ok: true, mediaType: 'text/csv', body, truncated: false, ...(dataVersion !== undefined && { dataVersion }) };
}

function replacement(graph: string, plain: string, blank = ''): GraphReplacement {
  return { graph, plainQuads: utf8(plain), blankNodeQuads: utf8(blank) };
}

/** What a rejected run() or replaceGraph() was rejected with; fails when it was not rejected with a SparqlHttpError. */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string; headers: Record<string, string> }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SparqlHttpError);
    const { status, message, headers } = error as SparqlHttpError;
    return { status, message, headers };
  }
  throw new Error('expected a rejection, but the promise resolved');
}

/** Resolves once `condition` holds, checking every 5 ms; the case's own time limit bounds the wait. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(5);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

const WARN = 40;
const ERROR = 50;

let logs: LogLine[];
let pools: SparqlWorkerPool[];

beforeEach(() => {
  logs = [];
  pools = [];
});

afterEach(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
});

/** Starts a pool over the four quads with one worker, a queue of 4 and a 10 s time limit, unless `options` say otherwise. */
async function start(options: Partial<SparqlWorkerPoolOptions> = {}): Promise<SparqlWorkerPool> {
  const pool = await SparqlWorkerPool.start({
    logger: pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line) as LogLine) }),
    plainQuads: PLAIN,
    blankNodeQuads: BLANK,
    engineMemoryMb: 32,
    workers: 1,
    maxQueued: 4,
    timeoutMs: 10_000,
    ...options,
  });
  pools.push(pool);
  return pool;
}

/** The log lines at warn level and above, without pino's own fields. */
function warnings(): Array<Record<string, unknown>> {
  return logs.filter((line) => line.level >= WARN).map(({ time: _time, pid: _pid, hostname: _hostname, err: _err, ...line }) => line);
}

/** A failed reply without its `detail` (a stack trace, for the log only). */
function withoutDetail(reply: QueryReply): Omit<QueryReply, 'detail'> {
  const { detail: _detail, ...rest } = reply as QueryReply & { detail?: string };
  return rest;
}

const IDLE = { ready: true, loading: 0, queued: 0, running: 0, timeouts: 0, workerRestarts: 0, engineFailures: 0 };

describe('start', () => {
  it.runIf(process.platform === 'linux')('runs its workers at the lowest priority (SCHED_IDLE), so that they give way to the thread that serves, whose priority stays', async () => {
    const idleBefore = threadScheduling(process.pid).filter(({ policy }) => policy === SCHED_IDLE).length;

    await start({ workers: 2 });
    await until(() => threadScheduling(process.pid).filter(({ policy }) => policy === SCHED_IDLE).length === idleBefore + 2);

    const self = Number(readlinkSync('/proc/thread-self').split('/').pop());
    expect(threadScheduling(process.pid).find(({ tid }) => tid === self)?.policy).not.toBe(SCHED_IDLE);
  });

  it('resolves once its one worker has loaded the data: ready, nothing loading, queued or running, every counter at 0', async () => {
    const pool = await start();
    expect(pool.stats()).toEqual(IDLE);
    expect(await pool.run(job(NAMES))).toEqual(csv(NAMES_CSV));
    expect(logs).toEqual([]);
  });

  it('resolves once the first of two workers has loaded and reports the other as loading; with no queue, takes a query per idle worker and refuses the next, naming its workers', async () => {
    const pool = await start({ workers: 2, maxQueued: 0 });
    expect(pool.stats()).toEqual({ ...IDLE, loading: 1 });
    const busy = { status: 503, message: 'The SPARQL endpoint is busy (queries running: 2, waiting: 0, the most it queues); try again shortly', headers: { 'Retry-After': '1' } };
    // The loaded worker takes a query while the other loads; a second has neither a worker nor a place in the queue.
    const first = pool.run(job(NAMES));
    expect(pool.stats()).toEqual({ ...IDLE, loading: 1, running: 1 });
    expect(await refusal(pool.run(job(NAMES)))).toEqual(busy);
    expect(await first).toEqual(csv(NAMES_CSV));
    await until(() => pool.stats().loading === 0);
    expect(pool.stats()).toEqual(IDLE);
    const both = [pool.run(job(NAMES)), pool.run(job('SELECT ?n WHERE { GRAPH <urn:g:two> { ?s ?p ?n } }'))];
    expect(pool.stats()).toEqual({ ...IDLE, running: 2 });
    expect(await refusal(pool.run(job(NAMES)))).toEqual(busy);
    expect(await Promise.all(both)).toEqual([csv(NAMES_CSV), csv('n\r\nGamma\r\n')]);
  });

  it('rejects with the load error of a worker that cannot load the data, and logs it at error level', async () => {
    const starting = SparqlWorkerPool.start({
      logger: pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line) as LogLine) }),
      plainQuads: utf8('not n-quads\n'),
      blankNodeQuads: new Uint8Array(),
      engineMemoryMb: 32,
      workers: 2,
      maxQueued: 4,
      timeoutMs: 10_000,
    });
    await expect(starting).rejects.toThrow('Parser error at line 1 between columns 1 and 4: The subject of a triple must be an IRI or a blank node');
    expect(warnings()).toEqual([{ level: ERROR, msg: 'a SPARQL query worker failed to load the data' }]);
  });
});

describe('run', () => {
  it('queues queries while its worker is busy, runs them in the order they came and answers each with its reply, a refusal of the query too', async () => {
    const pool = await start();
    const order: string[] = [];
    const queries = { Alfa: 'SELECT ?s WHERE { ?s <urn:x:name> "Alfa" }', invalid: 'SELEC * WHERE {}', Gamma: 'SELECT ?s WHERE { ?s <urn:x:name> "Gamma" }' };
    const replies = Object.entries(queries).map(([name, query]) =>
      pool.run(job(query)).then((reply) => {
        order.push(name);
        return reply;
      }),
    );
    expect(pool.stats()).toEqual({ ...IDLE, running: 1, queued: 2 });
    expect(await Promise.all(replies)).toEqual([
      csv('s\r\nurn:x:a\r\n'),
      { ok: false, status: 400, message: expect.stringMatching(/^The query is not valid SPARQL: Parse error on line 1:\nSELEC/) as string },
      csv('s\r\nurn:x:c\r\n'),
    ]);
    expect(order).toEqual(['Alfa', 'invalid', 'Gamma']);
    expect(pool.stats()).toEqual(IDLE);
  });

  it('refuses a query beyond a full queue with 503, Retry-After: 1 and a message naming running and waiting queries; the others are answered', async () => {
    const pool = await start({ maxQueued: 1 });
    const running = pool.run(job(NAMES));
    const waiting = pool.run(job(NAMES));
    expect(await refusal(pool.run(job(NAMES)))).toEqual({
      status: 503,
      message: 'The SPARQL endpoint is busy (queries running: 1, waiting: 1, the most it queues); try again shortly',
      headers: { 'Retry-After': '1' },
    });
    expect(pool.stats()).toEqual({ ...IDLE, running: 1, queued: 1 });
    expect(await Promise.all([running, waiting])).toEqual([csv(NAMES_CSV), csv(NAMES_CSV)]);
  });

  it('takes a waiting query out of the queue when its signal aborts (503 "went away"); a running query whose signal aborts finishes, and the worker is kept', async () => {
    const pool = await start();
    const runningStopped = new AbortController();
    const waitingStopped = new AbortController();
    const running = pool.run(job(NAMES), runningStopped.signal);
    const aborted = pool.run(job(NAMES), waitingStopped.signal);
    const after = pool.run(job('SELECT ?s WHERE { ?s <urn:x:name> "Gamma" }'));
    runningStopped.abort();
    waitingStopped.abort();
    expect(pool.stats()).toEqual({ ...IDLE, running: 1, queued: 1 });
    expect(await refusal(aborted)).toEqual({ status: 503, message: 'The client went away before the query started', headers: {} });
    expect(await Promise.all([running, after])).toEqual([csv(NAMES_CSV), csv('s\r\nurn:x:c\r\n')]);
    expect(pool.stats()).toEqual(IDLE);
  });

  it('refuses a query whose signal was aborted before run() was called (its client went away while the request was read), and runs nothing', async () => {
    const pool = await start();
    expect(await refusal(pool.run(job(NAMES), AbortSignal.abort()))).toEqual({ status: 503, message: 'The client went away before the query started', headers: {} });
    expect(pool.stats()).toEqual(IDLE);
  });
});

describe('the time limit', () => {
  it('stops a query at the limit with 503 naming it, counts the timeout, replaces the worker and logs it below error level', async () => {
    const pool = await start({ timeoutMs: 300, dataVersion: 'v1' });
    const running = pool.run(job(RUNAWAY));
    expect(pool.stats()).toEqual({ ...IDLE, running: 1 });
    expect(await refusal(running)).toEqual({ status: 503, message: 'The query ran longer than the time limit of 300 ms and was stopped', headers: {} });
    expect(pool.stats()).toEqual({ ...IDLE, ready: false, loading: 1, timeouts: 1, workerRestarts: 1 });
    expect(warnings()).toEqual([{ level: WARN, msg: 'a SPARQL query ran out of time; replacing its worker', timeoutMs: 300, queryBytes: Buffer.byteLength(RUNAWAY) }]);
  });

  it('runs the queued query on a fresh worker with all the data, its time counted from when it started, and restarts no more workers', async () => {
    const pool = await start({ timeoutMs: 800, dataVersion: 'v1' });
    const running = pool.run(job(RUNAWAY));
    const waiting = pool.run(job(NAMES));
    expect(pool.stats()).toEqual({ ...IDLE, running: 1, queued: 1 });
    await expect(running).rejects.toThrow('The query ran longer than the time limit of 800 ms and was stopped');
    expect(pool.stats()).toEqual({ ...IDLE, ready: false, loading: 1, queued: 1, timeouts: 1, workerRestarts: 1 });
    // Its own time starts when a worker takes it, not when it was queued.
    expect(await waiting).toEqual(csv(NAMES_CSV, 'v1'));
    // Past the time limit of the query that ended in time, its worker is still the same.
    await sleep(900);
    expect(pool.stats()).toEqual({ ...IDLE, timeouts: 1, workerRestarts: 1 });
    expect(await pool.run(job(NAMES))).toEqual(csv(NAMES_CSV, 'v1'));
  });
});

describe('an engine failure', () => {
  it('answers a query that overflows the engine stack with its 400 reply, counts the failure and replaces the worker', async () => {
    const pool = await start({ dataVersion: 'v1' });
    const reply = await pool.run(job(STACK_OVERFLOW, LIFTED));
    expect(withoutDetail(reply)).toEqual({
      ok: false,
      status: 400,
      message: 'The query is too complex for the engine: it ran out of stack (its expressions, paths or patterns nest too deep)',
      engineFailure: true,
      replaceWorker: true,
      dataVersion: 'v1',
    });
    expect(pool.stats()).toEqual({ ...IDLE, ready: false, loading: 1, workerRestarts: 1, engineFailures: 1 });
    expect(await pool.run(job(NAMES))).toEqual(csv(NAMES_CSV, 'v1'));
    expect(pool.stats()).toEqual({ ...IDLE, workerRestarts: 1, engineFailures: 1 });
  });

  it('replaces a worker whose engine holds more than half its memory after an answer, without counting a failure', async () => {
    const pool = await start({ engineMemoryMb: 16 });
    expect(await pool.run(job(doubled(20), LIFTED))).toEqual({ ...csv('n\r\n2097152\r\n'), replaceWorker: true });
    expect(pool.stats()).toEqual({ ...IDLE, ready: false, loading: 1, workerRestarts: 1 });
    expect(await pool.run(job(NAMES))).toEqual(csv(NAMES_CSV));
  });

  it('rejects the query a worker crashed on with 503, counts the failure, logs it below error level and runs the next query on a fresh worker', async () => {
    const pool = await start({ crashOnQuery: CRASH });
    const crashed = pool.run(job(CRASH));
    const waiting = pool.run(job(NAMES));
    expect(await refusal(crashed)).toEqual({
      status: 503,
      message: 'The query engine crashed on this query and was restarted; the query was not answered',
      headers: {},
    });
    expect(pool.stats()).toEqual({ ...IDLE, ready: false, loading: 1, queued: 1, workerRestarts: 1, engineFailures: 1 });
    expect(await waiting).toEqual(csv(NAMES_CSV));
    await sleep(50);
    expect(pool.stats()).toEqual({ ...IDLE, workerRestarts: 1, engineFailures: 1 });
    expect(warnings()).toEqual([{ level: WARN, msg: 'a SPARQL query worker crashed; replacing it', queryBytes: Buffer.byteLength(CRASH) }]);
  });

  // Not covered here: a worker out of JavaScript heap (ERR_WORKER_OUT_OF_MEMORY needs more than 512 MB of heap) and
  // one that exits without an error (no query can make a worker exit cleanly; there is no seam for it).
});

describe('replaceGraph', () => {
  it('has the next query see the new graph and the new dataVersion, and leaves the other graphs alone', async () => {
    const pool = await start({ dataVersion: 'v1' });
    await pool.replaceGraph(replacement('urn:g:one', '<urn:x:z> <urn:x:name> "Zeta" <urn:g:one> .\n'), 'v2', 32);
    expect(await pool.run(job(NAMES))).toEqual(csv('g,s,n\r\nurn:g:two,urn:x:c,Gamma\r\nurn:g:one,urn:x:z,Zeta\r\n', 'v2'));
    expect(pool.stats()).toEqual(IDLE);
  });

  it('removes the graph when the replacement is empty', async () => {
    const pool = await start({ dataVersion: 'v1' });
    await pool.replaceGraph(replacement('urn:g:one', ''), 'v2', 32);
    expect(await pool.run(job(NAMES))).toEqual(csv('g,s,n\r\nurn:g:two,urn:x:c,Gamma\r\n', 'v2'));
  });

  it('is loaded by a worker started later: every graph replaced so far, the latest content of each, blank node labels kept, the latest dataVersion', async () => {
    const pool = await start({ crashOnQuery: CRASH, dataVersion: 'v1' });
    await pool.replaceGraph(replacement('urn:g:one', '<urn:x:z> <urn:x:name> "Zeta" <urn:g:one> .\n'), 'v2', 32);
    await pool.replaceGraph(replacement('urn:g:two', '<urn:x:y> <urn:x:name> "Ypsilon" <urn:g:two> .\n', '_:r7 <urn:x:name> "Rho" <urn:g:two> .\n'), 'v3', 32);
    await pool.replaceGraph(replacement('urn:g:one', '<urn:x:w> <urn:x:name> "Omega" <urn:g:one> .\n'), 'v4', 32);
    const expected = csv('g,s,n\r\nurn:g:one,urn:x:w,Omega\r\nurn:g:two,_:r7,Rho\r\nurn:g:two,urn:x:y,Ypsilon\r\n', 'v4');
    expect(await pool.run(job(NAMES))).toEqual(expected);
    await expect(pool.run(job(CRASH))).rejects.toThrow('The query engine crashed');
    expect(await pool.run(job(NAMES))).toEqual(expected);
  });

  it('waits for the query a worker is running, which answers from the old graph; the next query sees the new one', async () => {
    const pool = await start({ dataVersion: 'v1' });
    const running = pool.run(job(NAMES));
    let applied = false;
    const replaced = pool.replaceGraph(replacement('urn:g:one', ''), 'v2', 32).then(() => {
      applied = true;
    });
    expect(await running).toEqual(csv(NAMES_CSV, 'v1'));
    expect(applied).toBe(false);
    await replaced;
    expect(await pool.run(job(NAMES))).toEqual(csv('g,s,n\r\nurn:g:two,urn:x:c,Gamma\r\n', 'v2'));
  });

  it('does not wait for a worker still loading, which applies the replacement before its first query', async () => {
    const pool = await start({ workers: 2, dataVersion: 'v1' });
    await pool.replaceGraph(replacement('urn:g:one', ''), 'v2', 32);
    expect(pool.stats()).toEqual({ ...IDLE, loading: 1 });
    await until(() => pool.stats().loading === 0);
    const expected = csv('g,s,n\r\nurn:g:two,urn:x:c,Gamma\r\n', 'v2');
    expect(await Promise.all([pool.run(job(NAMES)), pool.run(job(NAMES))])).toEqual([expected, expected]);
    // Both workers answer the next replacement before it resolves.
    await pool.replaceGraph(replacement('urn:g:two', ''), 'v3', 32);
    expect(await Promise.all([pool.run(job(NAMES)), pool.run(job(NAMES))])).toEqual([csv('g,s,n\r\n', 'v3'), csv('g,s,n\r\n', 'v3')]);
  });

  it('resolves when the worker it waits for is stopped at the time limit; the fresh worker loads the replacement', async () => {
    const pool = await start({ timeoutMs: 800, dataVersion: 'v1' });
    const running = pool.run(job(RUNAWAY));
    await pool.replaceGraph(replacement('urn:g:one', ''), 'v2', 32);
    await expect(running).rejects.toThrow('The query ran longer than the time limit of 800 ms and was stopped');
    expect(await pool.run(job(NAMES))).toEqual(csv('g,s,n\r\nurn:g:two,urn:x:c,Gamma\r\n', 'v2'));
  });

  it('gives workers started later the larger of the engine memories asked for, never a smaller one', async () => {
    const pool = await start({ engineMemoryMb: 16 });
    const outOfMemory = async () => ((await pool.run(job(doubled(22), LIFTED))) as { message: string }).message;
    await pool.replaceGraph(replacement('urn:g:one', ''), 'v2', 24);
    // The worker that runs this started with 16 MB; its successor gets 24 MB.
    expect(await outOfMemory()).toBe("The query is too complex for the engine: it needed more memory than the engine's limit of 16 MB");
    await pool.replaceGraph(replacement('urn:g:one', ''), 'v3', 8);
    expect(await outOfMemory()).toBe("The query is too complex for the engine: it needed more memory than the engine's limit of 24 MB");
    expect(await outOfMemory()).toBe("The query is too complex for the engine: it needed more memory than the engine's limit of 24 MB");
    expect(pool.stats()).toEqual({ ...IDLE, ready: false, loading: 1, workerRestarts: 3, engineFailures: 3 });
  });

  it('replaces a worker that cannot apply a replacement: the query it was given next gets 503, and with no worker able to load, queries get 503', async () => {
    const pool = await start({ dataVersion: 'v1' });
    const answered = pool.run(job(NAMES));
    const next = pool.run(job(NAMES));
    await pool.replaceGraph(replacement('urn:g:one', 'not n-quads\n'), 'v2', 32);
    expect(await answered).toEqual(csv(NAMES_CSV, 'v1'));
    expect(await refusal(next)).toEqual({ status: 503, message: 'The query engine was restarted while the data changed; try again', headers: {} });
    // The fresh worker loads the replacement too, and fails: the query waiting for it gets 503, and so does every later one.
    expect(pool.stats()).toEqual({ ...IDLE, ready: false, loading: 1, workerRestarts: 1 });
    const waiting = pool.run(job(NAMES));
    const noEngine = { status: 503, message: 'The SPARQL endpoint has no working query engine; the server log says why', headers: {} };
    expect(await refusal(waiting)).toEqual(noEngine);
    expect(await refusal(pool.run(job(NAMES)))).toEqual(noEngine);
    expect(pool.stats()).toEqual({ ...IDLE, ready: false, workerRestarts: 1 });
    // A later replacement does not wait for a worker that is gone.
    await pool.replaceGraph(replacement('urn:g:one', ''), 'v3', 32);
    expect(warnings()).toEqual([
      {
        level: WARN,
        msg: 'a SPARQL query worker could not replace a graph; replacing the worker',
        error: 'Parser error at line 1 between columns 1 and 4: The subject of a triple must be an IRI or a blank node',
      },
      { level: ERROR, msg: 'a SPARQL query worker failed to load the data' },
    ]);
  });
});

describe('close', () => {
  it('rejects waiting queries with 503, lets the running one finish, refuses new ones, is not ready, and returns the same promise twice', async () => {
    const pool = await start();
    const running = pool.run(job(NAMES));
    const waiting = pool.run(job(NAMES));
    const closed = pool.close();
    expect(pool.close()).toBe(closed);
    const shuttingDown = { status: 503, message: 'The SPARQL endpoint is shutting down', headers: {} };
    expect(await refusal(waiting)).toEqual(shuttingDown);
    expect(await refusal(pool.run(job(NAMES)))).toEqual(shuttingDown);
    expect(pool.stats()).toEqual({ ...IDLE, ready: false, running: 1 });
    expect(await running).toEqual(csv(NAMES_CSV));
    await closed;
    expect(await refusal(pool.run(job(NAMES)))).toEqual(shuttingDown);
    // The workers it terminated exit without being taken for failures or restarted.
    await sleep(50);
    expect(pool.stats()).toEqual({ ...IDLE, ready: false });
    expect(warnings()).toEqual([]);
  });

  it('waits for a running query until the time limit ends it, and starts no worker in its place', async () => {
    const pool = await start({ timeoutMs: 300 });
    const running = pool.run(job(RUNAWAY));
    let closed = false;
    const closing = pool.close().then(() => {
      closed = true;
    });
    await sleep(100);
    expect(closed).toBe(false);
    expect(await refusal(running)).toEqual({ status: 503, message: 'The query ran longer than the time limit of 300 ms and was stopped', headers: {} });
    await closing;
    expect(pool.stats()).toEqual({ ...IDLE, ready: false, timeouts: 1 });
  });

  it('answers a query given after a replacement before closing: close waits for the query, not for the reply to the replacement', async () => {
    const pool = await start();
    const replaced = pool.replaceGraph(replacement('urn:g:one', ''), 'v2', 32);
    const answer = pool.run(job(NAMES));
    await pool.close();
    await replaced;
    expect(await answer).toMatchObject({ ok: true });
    expect(pool.stats()).toEqual({ ...IDLE, ready: false });
  });
});
