import type { Worker } from 'node:worker_threads';
import { startWorkerThread } from '../../startWorkerThread.js';
import type { Logger } from 'pino';
import type { QueryJob, QueryReply } from './QueryJob.js';
import { SparqlHttpError } from './SparqlHttpError.js';

/**
 * What every query worker starts from: the dataset as N-Quads (UTF-8) on
 * SharedArrayBuffers, so that no worker, however often replaced, copies it.
 */
export interface SparqlWorkerData {
  /** The quads without blank nodes: bulk-loaded. */
  plainQuads: Uint8Array;
  /** The quads with a blank node: added one by one, which keeps their labels. */
  blankNodeQuads: Uint8Array;
  /** The most memory Oxigraph's WebAssembly instance may grow to, data included. */
  engineMemoryMb: number;
  /** A named seam for tests: a worker given exactly this query throws outside any handler, so it dies as a crash would. */
  crashOnQuery?: string;
  /** Named graphs replaced since the data above was taken, applied in order after loading it. */
  replacements?: GraphReplacement[];
  /** Which version of the data the worker serves once loaded (every reply carries it). */
  dataVersion?: string;
  /**
   * The pool's first worker, whose load the server waits for before it
   * serves anything: it loads at the thread's own priority, and gives way to
   * the main thread (see giveWayToMainThread) only once loaded. Every other
   * worker loads beside requests being answered, so gives way from its start.
   */
  firstAtStart?: boolean;
}

/**
 * A named graph's new content (empty: the graph is gone), on shared memory
 * like the data itself: as N-Quads, or as a stored dataset version's
 * canonical N-Triples (see nquadsOfContent), which the worker writes as
 * N-Quads itself, so that the thread serving requests does not.
 */
export type GraphReplacement =
  | { graph: string; plainQuads: Uint8Array; blankNodeQuads: Uint8Array }
  | { graph: string; slug: string; ntriples: Uint8Array };

/** The message that tells a worker to replace one named graph and, from then on, to answer as `dataVersion`. */
export type ReplaceGraphMessage = GraphReplacement & {
  kind: 'replace-graph';
  dataVersion: string;
};

/**
 * The message that tells a worker what a named graph's content may become
 * (a write still being checked): it writes it as N-Quads ahead, so that a
 * replace-graph with the same content only loads them. Without `ntriples`
 * it forgets what it was told. Nothing it is told is served.
 */
export type StageGraphMessage = { kind: 'stage-graph'; graph: string } & ({ slug: string; ntriples: Uint8Array } | { ntriples?: undefined });

/** What a pool reports for readiness checks and metrics; counters run from its start. */
export interface SparqlPoolStats {
  /** At least one worker has loaded the data and the pool is not closing. */
  ready: boolean;
  /** Workers still loading the data (at start, or in place of one that was ended); they take queries once loaded. */
  loading: number;
  /** Queries waiting for a worker. */
  queued: number;
  /** Queries running in a worker. */
  running: number;
  /** Queries stopped at the time limit. */
  timeouts: number;
  /** Workers started in place of one that was ended (after a timeout, an engine failure, a crash, or to give memory back). */
  workerRestarts: number;
  /** Queries on which the engine failed (a WebAssembly trap, a stack overflow, a crash, memory exhausted). */
  engineFailures: number;
}

/** Sizes and limits of a pool. */
export interface SparqlWorkerPoolOptions extends SparqlWorkerData {
  logger: Logger;
  /** Queries that run at once, one per worker thread. */
  workers: number;
  /** Queries that may wait for a worker; one more is a 503. */
  maxQueued: number;
  /** How long one query may run in its worker before the worker is terminated. */
  timeoutMs: number;
}

interface Pending {
  job: QueryJob;
  resolve(reply: QueryReply): void;
  reject(error: SparqlHttpError): void;
}

interface Slot {
  worker: Worker;
  state: 'starting' | 'idle' | 'busy' | 'dead';
  current?: Pending;
  timer?: NodeJS.Timeout;
  /** Resolves a replaceGraph waiting for this worker: called when it replied, or when it is gone. */
  replaced?: () => void;
  /** Replacements sent while it was loading, whose replies nobody waits for (they come first: a port keeps its order). */
  unawaited: number;
}

/**
 * Memory for one worker's JavaScript heap; Oxigraph's own WebAssembly memory
 * (capped by `engineMemoryMb`) comes on top. The heap holds an answer's
 * string before it is cut to the byte cap, which the engine's memory limit
 * keeps below about half of that limit.
 */
const WORKER_RESOURCE_LIMITS = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 } as const;

/**
 * Runs SPARQL queries in worker threads, each with its own copy of the data,
 * so a query never blocks the main event loop. A query that runs longer than
 * `timeoutMs` has its worker terminated (which stops even a query inside
 * WASM), is answered with a 503, and a fresh worker takes the slot. At most
 * `workers` queries run at once and `maxQueued` wait; more get a 503. A
 * worker whose engine failed, crashed or ran out of memory is replaced too,
 * and the query is answered with a 400 (the engine's verdict on the query)
 * or a 503 (a crash), never a 500.
 */
export class SparqlWorkerPool {
  readonly #options: SparqlWorkerPoolOptions;
  readonly #slots: Slot[] = [];
  readonly #queue: Pending[] = [];
  #closing = false;
  #closed: Promise<void> | undefined;
  #timeouts = 0;
  #workerRestarts = 0;
  #engineFailures = 0;

  private constructor(options: SparqlWorkerPoolOptions) {
    this.#options = options;
  }

  /**
   * Starts the first worker and resolves once it has loaded the data (rejects
   * with its load error otherwise); the others start then, and each takes
   * queries once it has loaded. Loading alone, the first has a core to itself
   * beside the main thread, so the endpoint answers sooner than when every
   * worker loads at once. A later worker that fails to load is logged and
   * left out, as one that fails after a restart is.
   */
  static async start(options: SparqlWorkerPoolOptions): Promise<SparqlWorkerPool> {
    const pool = new SparqlWorkerPool(options);
    try {
      await pool.#startSlot(undefined, true).ready;
    } catch (error) {
      await pool.close();
      throw error;
    }
    if (!pool.#closing) for (let started = 1; started < options.workers; started++) pool.#startSlot();
    return pool;
  }

  /**
   * Runs `job` on the next free worker. Resolves with the worker's reply;
   * rejects with a 503 SparqlHttpError when the queue is full, the query runs
   * out of time, or the pool is closing. An aborted `signal` takes a job that
   * still waits out of the queue.
   */
  run(job: QueryJob, signal?: AbortSignal): Promise<QueryReply> {
    if (this.#closing) return Promise.reject(unavailable('The SPARQL endpoint is shutting down'));
    if (this.#slots.every((slot) => slot.state === 'dead')) {
      return Promise.reject(unavailable('The SPARQL endpoint has no working query engine; the server log says why'));
    }
    // A client that went away while its request was read (an upload) has a signal that already fired, and will not fire again.
    if (signal?.aborted === true) return Promise.reject(unavailable('The client went away before the query started'));
    if (this.#queue.length >= this.#options.maxQueued && !this.#slots.some((slot) => slot.state === 'idle')) {
      return Promise.reject(
        new SparqlHttpError(
          503,
          `The SPARQL endpoint is busy (queries running: ${this.#options.workers}, waiting: ${this.#queue.length}, the most it queues); try again shortly`,
          { headers: { 'Retry-After': '1' } },
        ),
      );
    }
    return new Promise<QueryReply>((resolve, reject) => {
      const pending: Pending = { job, resolve, reject };
      this.#queue.push(pending);
      signal?.addEventListener(
        'abort',
        () => {
          const index = this.#queue.indexOf(pending);
          if (index !== -1) {
            this.#queue.splice(index, 1);
            reject(unavailable('The client went away before the query started'));
          }
        },
        { once: true },
      );
      this.#dispatch();
    });
  }

  /** How the pool is doing now, and its counters since it started. */
  stats(): SparqlPoolStats {
    return {
      ready: !this.#closing && this.#slots.some((slot) => slot.state === 'idle' || slot.state === 'busy'),
      loading: this.#slots.filter((slot) => slot.state === 'starting').length,
      queued: this.#queue.length,
      running: this.#slots.filter((slot) => slot.state === 'busy').length,
      timeouts: this.#timeouts,
      workerRestarts: this.#workerRestarts,
      engineFailures: this.#engineFailures,
    };
  }

  /**
   * Stops taking queries and answers those still waiting with a 503; lets the
   * running ones finish (each within `timeoutMs`), then terminates the workers.
   * Later calls return the same promise.
   */
  close(): Promise<void> {
    this.#closed ??= this.#close();
    return this.#closed;
  }

  async #close(): Promise<void> {
    this.#closing = true;
    for (const pending of this.#queue.splice(0)) pending.reject(unavailable('The SPARQL endpoint is shutting down'));
    // A running query's answer, not the reply to a replacement sent before it (a port keeps its order), ends the wait.
    const running = this.#slots
      .filter((slot) => slot.state === 'busy')
      .map(
        (slot) =>
          new Promise<void>((resolve) => {
            const worker = slot.worker;
            const answered = (message: object) => {
              if ('replaced' in message) return;
              worker.off('message', answered);
              resolve();
            };
            worker.once('exit', () => resolve()).on('message', answered);
          }),
      );
    await Promise.all(running);
    await Promise.all(this.#slots.map((slot) => this.#terminate(slot)));
    // Whatever a worker still held when it was ended (it was replaced meanwhile, or it exited) is answered, never left waiting.
    for (const slot of this.#slots) {
      slot.current?.reject(unavailable('The SPARQL endpoint is shutting down'));
      delete slot.current;
      slot.state = 'dead';
    }
  }

  #startSlot(existing?: Slot, firstAtStart = false): { slot: Slot; ready: Promise<void> } {
    const worker = spawnWorker(this.#options, firstAtStart);
    const slot: Slot = existing ?? { worker, state: 'starting', unawaited: 0 };
    slot.worker = worker;
    slot.state = 'starting';
    slot.unawaited = 0;
    delete slot.current;
    if (existing === undefined) this.#slots.push(slot);
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: QueryReply | { ready: true } | { replaced: string; error?: string }) => {
        if (slot.worker !== worker) return;
        if ('replaced' in message) {
          const awaited = slot.unawaited === 0;
          if (!awaited) slot.unawaited--;
          if (message.error !== undefined) {
            // Its engine may hold half the graph now: a fresh worker loads everything, replacements included.
            this.#options.logger.warn({ error: message.error }, 'a SPARQL query worker could not replace a graph; replacing the worker');
            this.#settleReplace(slot);
            if (slot.state === 'busy') this.#fail(slot, unavailable('The query engine was restarted while the data changed; try again'));
            this.#replace(slot);
          } else if (awaited) {
            this.#settleReplace(slot);
          }
          return;
        }
        if ('ready' in message) {
          slot.state = 'idle';
          resolve();
        } else {
          this.#finish(slot, message);
        }
        this.#dispatch();
      });
      worker.on('error', (error: Error & { code?: string }) => {
        if (slot.worker !== worker) return;
        if (slot.state === 'starting') {
          slot.state = 'dead';
          this.#options.logger.error({ err: error }, 'a SPARQL query worker failed to load the data');
          reject(error);
          this.#failQueuedIfNoEngine();
          return;
        }
        // A client's query can cause this, so it is not an error of the server's own.
        this.#options.logger.warn({ err: error, queryBytes: queryBytes(slot) }, 'a SPARQL query worker crashed; replacing it');
        if (slot.current !== undefined) this.#engineFailures++;
        this.#fail(
          slot,
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new SparqlHttpError(503, `The query needed more than the memory limit of ${WORKER_RESOURCE_LIMITS.maxOldGenerationSizeMb} MB for its answer and was stopped`)
            : new SparqlHttpError(503, 'The query engine crashed on this query and was restarted; the query was not answered'),
        );
        this.#replace(slot);
      });
      worker.on('exit', (code) => {
        if (slot.worker !== worker || this.#closing || slot.state === 'dead') return;
        this.#options.logger.warn({ code, queryBytes: queryBytes(slot) }, 'a SPARQL query worker exited unexpectedly; replacing it');
        if (slot.current !== undefined) this.#engineFailures++;
        this.#fail(slot, new SparqlHttpError(503, 'The query engine stopped on this query and was restarted; the query was not answered'));
        this.#replace(slot);
      });
    });
    // The pool handles a failed start through the slot's state; start() awaits this promise.
    ready.catch(() => {});
    return { slot, ready };
  }

  /** Gives waiting jobs to idle workers. */
  #dispatch(): void {
    if (this.#closing) return;
    for (const slot of this.#slots) {
      if (this.#queue.length === 0) return;
      if (slot.state !== 'idle') continue;
      const pending = this.#queue.shift()!;
      slot.state = 'busy';
      slot.current = pending;
      slot.timer = setTimeout(() => this.#timeOut(slot), this.#options.timeoutMs);
      slot.worker.postMessage(pending.job);
    }
  }

  #finish(slot: Slot, reply: QueryReply): void {
    clearTimeout(slot.timer);
    const pending = slot.current;
    delete slot.current;
    slot.state = 'idle';
    if (!reply.ok && reply.engineFailure === true) this.#engineFailures++;
    pending?.resolve(reply);
    if (reply.replaceWorker === true) this.#replace(slot);
  }

  #fail(slot: Slot, error: SparqlHttpError): void {
    clearTimeout(slot.timer);
    const pending = slot.current;
    delete slot.current;
    pending?.reject(error);
  }

  #timeOut(slot: Slot): void {
    const { timeoutMs, logger } = this.#options;
    this.#timeouts++;
    logger.warn({ timeoutMs, queryBytes: queryBytes(slot) }, 'a SPARQL query ran out of time; replacing its worker');
    this.#fail(slot, new SparqlHttpError(503, `The query ran longer than the time limit of ${timeoutMs} ms and was stopped`));
    this.#replace(slot);
  }

  /** Terminates the slot's worker and starts a fresh one in its place, unless the pool is closing. */
  #replace(slot: Slot): void {
    void this.#terminate(slot);
    if (this.#closing) {
      slot.state = 'dead';
    } else {
      this.#workerRestarts++;
      this.#startSlot(slot);
    }
  }

  async #terminate(slot: Slot): Promise<void> {
    clearTimeout(slot.timer);
    // A replacement it had not applied yet is in the data its successor loads.
    this.#settleReplace(slot);
    await slot.worker.terminate();
  }

  #settleReplace(slot: Slot): void {
    const settle = slot.replaced;
    delete slot.replaced;
    settle?.();
  }

  /**
   * Replaces one named graph in every worker, after the query it is running,
   * and has every reply from then on carry `dataVersion`; a worker started
   * later loads the replacement after the data. Resolves once every worker
   * that answers queries has applied it (or was replaced by one that loads
   * it). A worker still loading the data applies it as soon as it has loaded,
   * before any query, so the change does not wait for that load (at 1M
   * triples, seconds: a publish soon after start waited for it). One call at
   * a time.
   */
  async replaceGraph(replacement: GraphReplacement, dataVersion: string, engineMemoryMb: number): Promise<void> {
    const replacements = (this.#options.replacements ?? []).filter(({ graph }) => graph !== replacement.graph);
    this.#options.replacements = [...replacements, replacement];
    this.#options.dataVersion = dataVersion;
    this.#options.engineMemoryMb = Math.max(this.#options.engineMemoryMb, engineMemoryMb);
    const message: ReplaceGraphMessage = { kind: 'replace-graph', ...replacement, dataVersion };
    const applied: Array<Promise<void>> = [];
    for (const slot of this.#slots) {
      if (slot.state === 'dead') continue;
      if (slot.state === 'starting') {
        slot.unawaited++;
        slot.worker.postMessage(message);
        continue;
      }
      applied.push(
        new Promise<void>((resolve) => {
          slot.replaced = resolve;
          slot.worker.postMessage(message);
        }),
      );
    }
    await Promise.all(applied);
  }

  /**
   * Tells every worker that has loaded the data what a graph's content may
   * become (see StageGraphMessage), or (`content` undefined) that it will not.
   * A worker that starts later is not told: it loads a replacement whole.
   */
  stageGraph(graph: string, content?: { slug: string; ntriples: Uint8Array }): void {
    const message: StageGraphMessage = content === undefined ? { kind: 'stage-graph', graph } : { kind: 'stage-graph', graph, ...content };
    for (const slot of this.#slots) if (slot.state === 'idle' || slot.state === 'busy') slot.worker.postMessage(message);
  }

  /** With no engine left to load, waiting jobs would wait forever. */
  #failQueuedIfNoEngine(): void {
    if (!this.#slots.every((slot) => slot.state === 'dead')) return;
    for (const pending of this.#queue.splice(0)) {
      pending.reject(unavailable('The SPARQL endpoint has no working query engine; the server log says why'));
    }
  }
}

function queryBytes(slot: Slot): number {
  return Buffer.byteLength(slot.current?.job.query ?? '');
}

function unavailable(message: string): SparqlHttpError {
  return new SparqlHttpError(503, message);
}

/** Starts sparqlWorker (see startWorkerThread) with the data and the replacements so far. */
function spawnWorker(options: SparqlWorkerPoolOptions, firstAtStart: boolean): Worker {
  const { plainQuads, blankNodeQuads, engineMemoryMb, crashOnQuery, replacements, dataVersion } = options;
  const workerData: SparqlWorkerData = {
    plainQuads,
    blankNodeQuads,
    engineMemoryMb,
    ...(firstAtStart && { firstAtStart }),
    ...(crashOnQuery !== undefined && { crashOnQuery }),
    ...(replacements !== undefined && { replacements }),
    ...(dataVersion !== undefined && { dataVersion }),
  };
  return startWorkerThread(import.meta.url, 'sparqlWorker', { workerData, resourceLimits: WORKER_RESOURCE_LIMITS });
}
