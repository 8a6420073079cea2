import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { runWhenIdle } from './runWhenIdle.js';

/**
 * The nice value of a helper process that gives way to the server. Measured
 * with `npm run bench:publish` at 1M: at 19 the checks got so little of the
 * CPU that their canonical form, which the server reads ahead from, came
 * 970 ms after the PUT instead of 795, and the first publish was visible
 * after 2.16 s instead of 1.97.
 */
const HELPER_NICE = 10;

/**
 * Lowers the priority of every thread of this process, the threads V8 and
 * libuv started for it included (their collector and compiler work for this
 * process alone), so that a helper process runs on what the server leaves
 * idle: each thread gets a nice value (on Linux a nice value is a thread's
 * own and a new thread takes its creator's; elsewhere the process's), and on
 * Linux every thread also runs as SCHED_IDLE (see runWhenIdle).
 *
 * SCHED_IDLE measured with `npm run bench:publish` at 1M, with the SPARQL
 * workers' threads SCHED_IDLE too (see giveWayToMainThread), in two runs
 * that started near quiet: the load kept 51-68% of its throughput during a
 * publish (four publishes), against 36-49% at nice 10 (four, the same code
 * otherwise); a first publish was visible later (2.47 and 3.08 s against
 * 1.83 and 2.30), its checks getting only what the server left. An earlier
 * trial of SCHED_IDLE for this process alone, with the SPARQL workers at nice
 * 10, kept 41-58% against 34-48% (eight publishes each), within the noise.
 * Beside a server answering a small graph under autocannon, one busy process
 * at nice 10 or 19 cost the load 30-40% of its throughput, at SCHED_IDLE
 * none measurable: against a nice value, a woken thread of the server or of
 * its clients may wait for the busy one's slice to end.
 */
export function giveWayToServer(): void {
  try {
    setPriority(HELPER_NICE);
    for (const tid of threadIds()) setPriority(tid, HELPER_NICE);
  } catch {
    // Not permitted here: the process keeps its priority.
  }
  runWhenIdle('process');
}

function threadIds(): number[] {
  try {
    return readdirSync('/proc/self/task').map(Number);
  } catch {
    return [];
  }
}
