import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * The nice value of a helper process that gives way to the server. Measured
 * with `npm run bench:publish` at 1M: at 19 the checks got so little of the
 * CPU that their canonical form, which the server reads ahead from, came
 * 970 ms after the PUT instead of 795, and the first publish was visible
 * after 2.16 s instead of 1.97.
 */
const HELPER_NICE = 10;

// Tried and not kept: every thread of the process as SCHED_IDLE (util-linux chrt). In runs of
// bench:publish at 1M that started near quiet, eight publishes each, it kept 41-58% of the
// load's throughput (mean 45%) against 34-48% (mean 43%) at nice 10, and the publish was visible
// after 1.69-2.46 s (mean 2.19) against 1.66-2.98 s (mean 2.12): no difference the noise does not
// cover, for a dependence on an outside command. See README, "Speed of a publish".

/**
 * Lowers the priority of every thread of this process, the threads V8 and
 * libuv started for it included (their collector and compiler work for this
 * process alone), so that a helper process runs on what the server leaves
 * idle. On Linux a nice value is a thread's own and a new thread takes its
 * creator's, so each thread there is set; elsewhere the process's. Where the
 * priority cannot be set, the process keeps its own.
 */
export function giveWayToServer(): void {
  try {
    setPriority(HELPER_NICE);
    for (const tid of threadIds()) setPriority(tid, HELPER_NICE);
  } catch {
    // Not permitted here: the process keeps its priority.
  }
}

function threadIds(): number[] {
  try {
    return readdirSync('/proc/self/task').map(Number);
  } catch {
    return [];
  }
}
