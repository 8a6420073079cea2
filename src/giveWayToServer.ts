import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * The nice value of a helper process that gives way to the server, where it
 * cannot run as SCHED_IDLE. Measured with `npm run bench:publish` at 1M: at
 * 19 the checks got so little of the CPU that their canonical form, which
 * the server reads ahead from, came 970 ms after the PUT instead of 795, and
 * the first publish was visible after 2.16 s instead of 1.97.
 */
const HELPER_NICE = 10;

/**
 * Lowers the priority of every thread of this process, the threads V8 and
 * libuv started for it included (their collector and compiler work for this
 * process alone), so that a helper process runs on what the server leaves
 * idle. On Linux every thread runs as SCHED_IDLE, the policy of work that
 * runs only when nothing else would: a thread of the server or of its
 * clients that wakes up takes the core at once, where against a nice value
 * it may wait for the helper's slice to end. Measured with `npm run
 * bench:publish` at 1M, two runs of each, alternated, each started at load
 * average 0.5: the load kept 41-58% of its throughput during a publish (mean
 * 47%) against 34-48% (mean 43%) at nice 10 alone, and the publish was
 * visible later (1.69-2.46 s against 1.73-2.19 s): the checks, the longest
 * step, get less of the CPU. (Runs one after another on a busier machine
 * had shown 44-70% against 35-45%.) A new thread takes its creator's policy
 * and nice value, so the threads libuv starts later give way too. Each
 * thread also gets a nice value (on Linux a nice value is a thread's own;
 * elsewhere the process's), which is what holds where SCHED_IDLE cannot be
 * set. Where neither can, the process keeps its priority.
 */
export function giveWayToServer(): void {
  try {
    setPriority(HELPER_NICE);
    for (const tid of threadIds()) setPriority(tid, HELPER_NICE);
  } catch {
    // Not permitted here: the process keeps its priority.
  }
  runWhenIdle();
}

/** Sets SCHED_IDLE on every thread of this process with util-linux's chrt (Linux only; any failure leaves the policy as it was). */
function runWhenIdle(): void {
  if (process.platform !== 'linux') return;
  try {
    execFileSync('chrt', ['--all-tasks', '--idle', '--pid', '0', String(process.pid)], { stdio: 'ignore', timeout: 5000 });
  } catch {
    // No chrt, or not permitted: the nice value holds.
  }
}

function threadIds(): number[] {
  try {
    return readdirSync('/proc/self/task').map(Number);
  } catch {
    return [];
  }
}
