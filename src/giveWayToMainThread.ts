import { setPriority } from 'node:os';
import { runWhenIdle } from './runWhenIdle.js';

/** The nice value of a worker thread that gives way to the main thread. */
const WORKER_NICE = 10;

/**
 * Lowers the calling worker thread's priority (on Linux a nice value is a
 * thread's own, and the thread also runs as SCHED_IDLE: see runWhenIdle and
 * giveWayToServer for what that kept of a load), so that it gives way to the
 * main thread, which answers GraphQL, dumps and resources: the worker's work
 * then slows their answers less where the threads outnumber the cores. Where
 * the priority cannot be set, the thread runs at the process's own.
 */
export function giveWayToMainThread(): void {
  try {
    setPriority(WORKER_NICE);
  } catch {
    // Not permitted here: the thread keeps the process's priority.
  }
  runWhenIdle('thread');
}
