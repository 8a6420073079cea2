import { performance } from 'node:perf_hooks';

/** The longest a long task works before it lets requests in. */
const SLICE_MS = 10;

/**
 * How long a task gives way, at most, for each millisecond it worked: under
 * a steady load requests get about two thirds of the thread. Measured with
 * `npm run bench:publish` at 1M: the load kept 39-40% of its throughput
 * during a publish, against 29-31% when each got half.
 */
const GIVE_WAY_PER_WORKED = 2;

/** How long one look for waiting requests lasts: one timer, the event loop answering whatever comes meanwhile. */
const LOOK_MS = 1;

/**
 * A look in which the event loop worked less than this share of the time
 * found nobody waiting. Low, because requests come in turns: a client sends
 * its next one only once it has the answer, so a loaded thread can look idle
 * for much of a millisecond.
 */
const IDLE_UTILIZATION = 0.1;

/**
 * Turns on the main thread between a long task (building the next snapshot
 * after a publish) and the requests that arrive meanwhile. The task calls
 * `turn()` often; after SLICE_MS of work it gives way, and goes on giving
 * way, a millisecond at a time, for as long as the event loop is busy
 * answering requests, up to GIVE_WAY_PER_WORKED times as long as it worked:
 * under a steady load the requests get about two thirds of the thread, and
 * with no load the task loses about a millisecond a slice. (Giving way for
 * one turn of the event loop, as setImmediate does, lets in only the
 * requests already there: measured with `npm run bench:publish`, a steady
 * load then kept about 10% of its throughput while a change was measured.)
 *
 * While the server starts, only probes come (readiness, health): with
 * `shareWithRequests` false a task gives way for one turn of the event loop
 * after each slice, which answers them and costs the task nothing.
 */
export class EventLoopTurns {
  #sliceStart = performance.now();

  constructor(private readonly shareWithRequests = true) {}

  /** Gives way to requests when this slice of the task has run its time; else resolves at once. */
  async turn(): Promise<void> {
    const worked = performance.now() - this.#sliceStart;
    if (worked < SLICE_MS) return;
    if (!this.shareWithRequests) {
      await new Promise((resolve) => setImmediate(resolve));
      this.#sliceStart = performance.now();
      return;
    }
    let yielded = 0;
    for (;;) {
      const before = performance.eventLoopUtilization();
      const at = performance.now();
      await new Promise((resolve) => setTimeout(resolve, LOOK_MS));
      yielded += performance.now() - at;
      // Idle while it waited: nobody is waiting for the thread.
      if (performance.eventLoopUtilization(before).utilization < IDLE_UTILIZATION || yielded >= GIVE_WAY_PER_WORKED * worked) break;
    }
    this.#sliceStart = performance.now();
  }
}

/** Runs `steps` (a generator that yields between steps) to its end, taking `turns` with other work between steps. */
export async function inTurns<T>(steps: Generator<void, T>, turns = new EventLoopTurns()): Promise<T> {
  let step = steps.next();
  while (step.done !== true) {
    await turns.turn();
    step = steps.next();
  }
  return step.value;
}
