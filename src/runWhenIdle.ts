import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';

/**
 * Sets the Linux scheduling policy SCHED_IDLE, the policy of work that runs
 * only when nothing else would, with util-linux's chrt: on every thread of
 * this process (`process`) or on the calling thread alone (`thread`). A
 * thread of the server or of its clients that wakes up then takes the core
 * at once, where against a nice value it may wait for the slice of the
 * thread on it to end. Elsewhere than Linux, without chrt, or where it is not
 * permitted, the policy stays as it was.
 */
export function runWhenIdle(which: 'process' | 'thread'): void {
  if (process.platform !== 'linux') return;
  try {
    const target = which === 'process' ? ['--all-tasks', '--pid', '0', String(process.pid)] : ['--pid', '0', readlinkSync('/proc/thread-self').split('/').pop()!];
    execFileSync('chrt', ['--idle', ...target], { stdio: 'ignore', timeout: 5000 });
  } catch {
    // No chrt, or not permitted: the nice value holds.
  }
}
