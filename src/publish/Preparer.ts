import type { ChildProcess } from 'node:child_process';
import { startWorkerProcess } from '../startWorkerProcess.js';
import type { NumberedTriples } from '../rdf/numberedTriplesOfContent.js';
import type { OnContent, Preparation } from './Publisher.js';
import type { PreparedDataset, PrepareInput } from './prepareDataset.js';
import { PublishError, type PublishErrorCode } from './PublishError.js';

/** What the preparation process starts with. */
export interface PreparationWorkerData {
  /** The reference list as canonical N-Triples; the shipped one when absent. */
  reference?: string;
  /** The vocabulary as canonical N-Triples; the shipped one when absent. */
  vocabulary?: string;
  /** By dataset: the rdf:type triples it states of its IRIs (N-Triples), so a body may link to what another dataset describes. */
  types?: Record<string, string>;
  maxBytes?: number;
  /** A test seam: the process exits, as a crash would, when asked to prepare this slug. */
  crashOnSlug?: string;
}

/** The first message to the preparation process. */
export interface PreparationStart {
  kind: 'start';
  data: PreparationWorkerData;
}

/** A message to the preparation process after the first. */
export type PreparationJob =
  | { id: number; kind: 'prepare'; input: PrepareInput; /** whether to send the canonical form as soon as it is known (see prepareDataset's onContent) */ early: boolean }
  | { id: number; kind: 'reference'; content: string }
  | { id: number; kind: 'vocabulary'; content: string }
  | { id: number; kind: 'types'; slug: string; content: string | null }
  | { id: number; kind: 'warm-up' };

/** The process's answer to a job: a value, a refusal (a PublishError's parts), or a failure of its own; before one of those, a prepare job's canonical form when asked for early. */
export type PreparationReply =
  /** The canonical form, and its triples numbered as the server reads them (see IndexedGraph.of), so that its main thread does not parse it. */
  | { id: number; content: string; numbered: NumberedTriples }
  | { id: number; ok: true; value: PreparedDataset | null }
  /** A prepare job's value without the canonical form, which the process sent before (a megabyte or more is copied once, not twice). */
  | { id: number; ok: true; withoutContent: Omit<PreparedDataset, 'content'> }
  | { id: number; ok: false; refusal: { code: PublishErrorCode; message: string; details: PublishError['details'] } }
  | { id: number; ok: false; failure: string };

/** How the Preparer runs its process. */
export interface PreparerOptions {
  /** The body limit in bytes (prepareDataset's default when absent). */
  maxBytes?: number;
  /** A test seam: the process exits, as a crash would, when asked to prepare this slug. */
  crashOnSlug?: string;
}

interface Pending {
  job: PreparationJob;
  onContent?: OnContent | undefined;
  /** The canonical form, once the process sent it ahead. */
  content?: string;
  resolve: (value: PreparedDataset | null) => void;
  reject: (error: unknown) => void;
}

/**
 * A body's heap while it is parsed, validated and canonicalized: a 10 MB
 * body makes some hundred thousand triples, several times over.
 */
const MAX_OLD_GENERATION_MB = 1536;

/** Node's options for the process: the heap above, and a young generation of 64 MB (3 × 21 MB semi-spaces), in which most of a check's garbage dies. */
const PROCESS_OPTIONS = [`--max-old-space-size=${MAX_OLD_GENERATION_MB}`, '--max-semi-space-size=21'];

/** What V8 writes to standard error when a heap reaches its limit. */
const OUT_OF_MEMORY = /JavaScript heap out of memory|Reached heap limit/;

/**
 * Runs prepareDataset in one child process, a job at a time in the order
 * given, so that a publish never blocks the event loop. The process runs at
 * a low priority (see giveWayToServer), its collector's and compiler's
 * threads too, so that it gives way to the server for the cores (a worker
 * thread would share the server's V8 threads, and with them its priority,
 * so the checks' garbage collection and compilation competed with requests
 * at the server's own). A refusal comes back as the PublishError the checks
 * threw (same code, message and details). If the process dies, the job it
 * was running fails with UNAVAILABLE (TOO_LARGE when it ran out of memory)
 * and a fresh process takes the next one.
 */
export class Preparer implements Preparation {
  #worker: ChildProcess | undefined;
  /** What the current process wrote to standard error, its end only: whether it ran out of memory. */
  #stderrTail = '';
  #current: Pending | undefined;
  readonly #queue: Pending[] = [];
  #nextId = 1;
  #reference: string | undefined;
  #vocabulary: string | undefined;
  readonly #types = new Map<string, string>();
  #closed = false;

  constructor(private readonly options: PreparerOptions = {}) {}

  /**
   * Checks a body in the process; resolves with its canonical form or rejects
   * with PublishError. `onContent` is told the canonical form (and its
   * triples numbered) as soon as the process has it, while the checks go on
   * (see prepareDataset).
   */
  async prepare(input: PrepareInput, onContent?: OnContent): Promise<PreparedDataset> {
    return (await this.#enqueue({ id: this.#nextId++, kind: 'prepare', input, early: onContent !== undefined }, onContent))!;
  }

  /** Makes `content` (the reference dataset's N-Triples) the reference list for the jobs given after this call. */
  async setReference(content: string | Uint8Array): Promise<void> {
    const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
    await this.#enqueue({ id: this.#nextId++, kind: 'reference', content: text });
    this.#reference = text;
  }

  /** Makes `content` (the vocabulary dataset's N-Triples) the vocabulary for the jobs given after this call. */
  async setVocabulary(content: string | Uint8Array): Promise<void> {
    const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
    await this.#enqueue({ id: this.#nextId++, kind: 'vocabulary', content: text });
    this.#vocabulary = text;
  }

  /**
   * Makes `content` (rdf:type triples as N-Triples; null: none) what the
   * dataset `slug` states of the types of its resources, for the jobs given
   * after this call: SHACL sees them when another dataset links there.
   */
  async setTypes(slug: string, content: string | null): Promise<void> {
    await this.#enqueue({ id: this.#nextId++, kind: 'types', slug, content });
    if (content === null) this.#types.delete(slug);
    else this.#types.set(slug, content);
  }

  /**
   * Has the process do ahead what the first check would (the shapes read and
   * compiled, the reference data validated alone; see prepareDataset's
   * warmUp), so that a first publish takes no longer than the next ones.
   */
  async warmUp(): Promise<void> {
    await this.#enqueue({ id: this.#nextId++, kind: 'warm-up' });
  }

  /** The id of the process that checks bodies, while one runs (it starts with the first job). */
  get processId(): number | undefined {
    return this.#worker?.pid;
  }

  /** Stops the process; jobs still waiting fail with UNAVAILABLE. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const pending of this.#queue.splice(0)) pending.reject(unavailable('The server is shutting down; the dataset was not checked'));
    const worker = this.#worker;
    this.#worker = undefined;
    this.#current?.reject(unavailable('The server is shutting down; the dataset was not checked'));
    this.#current = undefined;
    await stop(worker);
  }

  #enqueue(job: PreparationJob, onContent?: OnContent): Promise<PreparedDataset | null> {
    if (this.#closed) return Promise.reject(unavailable('The server is shutting down; the dataset was not checked'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ job, onContent, resolve, reject });
      this.#dispatch();
    });
  }

  #dispatch(): void {
    if (this.#current !== undefined || this.#closed) return;
    const next = this.#queue.shift();
    if (next === undefined) {
      // An idle checker must not keep the process alive; a busy one must, or a CLI run could end before its answer.
      if (this.#worker !== undefined) unref(this.#worker);
      return;
    }
    this.#current = next;
    const worker = this.#workerOrStart();
    worker.ref();
    worker.channel?.ref();
    worker.send(next.job);
  }

  #workerOrStart(): ChildProcess {
    if (this.#worker !== undefined) return this.#worker;
    const worker = startWorkerProcess(import.meta.url, 'preparationWorker', { execArgv: PROCESS_OPTIONS });
    this.#stderrTail = '';
    worker.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      if (worker === this.#worker) this.#stderrTail = (this.#stderrTail + chunk.toString('utf8')).slice(-4096);
    });
    worker.send({
      kind: 'start',
      data: {
        ...(this.#reference !== undefined && { reference: this.#reference }),
        ...(this.#vocabulary !== undefined && { vocabulary: this.#vocabulary }),
        ...(this.#types.size > 0 && { types: Object.fromEntries(this.#types) }),
        ...(this.options.maxBytes !== undefined && { maxBytes: this.options.maxBytes }),
        ...(this.options.crashOnSlug !== undefined && { crashOnSlug: this.options.crashOnSlug }),
      },
    } satisfies PreparationStart);
    worker.on('message', (reply: PreparationReply) => {
      if (worker !== this.#worker) return;
      if ('content' in reply) {
        if (this.#current?.job.id !== reply.id) return;
        this.#current.content = reply.content;
        this.#current.onContent?.(reply.content, reply.numbered);
        return;
      }
      this.#settle(reply.id, (pending) => {
        if (reply.ok && 'withoutContent' in reply) pending.resolve({ ...reply.withoutContent, content: pending.content! });
        else if (reply.ok) pending.resolve(reply.value);
        else if ('refusal' in reply) pending.reject(publishErrorOf(reply.refusal));
        else pending.reject(unavailable(`Checking the dataset failed, so it was not accepted: ${reply.failure}`));
      });
    });
    worker.on('error', (error: Error) => {
      if (worker !== this.#worker) return;
      this.#replace(unavailable(`The dataset checker could not be run (${error.message}); the body was not accepted`));
    });
    // 'close', not 'exit': by then its standard error has all been read.
    worker.on('close', (code, signal) => {
      if (worker !== this.#worker) return;
      this.#replace(
        OUT_OF_MEMORY.test(this.#stderrTail)
          ? new PublishError('TOO_LARGE', `Checking this dataset needed more than the memory limit of ${MAX_OLD_GENERATION_MB} MB; send a smaller one`)
          : unavailable(`The dataset checker stopped (${code === null ? `signal ${signal}` : `exit code ${code}`}) while checking this body; it was not accepted`),
      );
    });
    this.#worker = worker;
    return worker;
  }

  #settle(id: number, settle: (pending: Pending) => void): void {
    const pending = this.#current;
    if (pending === undefined || pending.job.id !== id) return;
    this.#current = undefined;
    settle(pending);
    this.#dispatch();
  }

  /** The process died: fail its job, and let the next job start a fresh one. */
  #replace(error: PublishError): void {
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker !== undefined) void stop(worker);
    const pending = this.#current;
    this.#current = undefined;
    pending?.reject(error);
    this.#dispatch();
  }
}

function publishErrorOf({ code, message, details }: { code: PublishErrorCode; message: string; details: PublishError['details'] }): PublishError {
  const error = new PublishError(code, message, details);
  // The thread's message was already cut to length; keep it exactly as it was.
  error.message = message;
  return error;
}

function unavailable(message: string): PublishError {
  return new PublishError('UNAVAILABLE', message);
}

/** Lets this process end while `worker` waits for a job. */
function unref(worker: ChildProcess): void {
  worker.unref();
  worker.channel?.unref();
}

/** Ends `worker`; resolves once it has exited. */
async function stop(worker: ChildProcess | undefined): Promise<void> {
  if (worker === undefined || worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  // An idle process is unref'd: without this, a caller awaiting its end could see this process end first.
  worker.ref();
  worker.kill('SIGKILL');
  await exited;
}
