import { performance } from 'node:perf_hooks';
import { median } from './stats.js';

/** How long to repeat an operation. */
export interface RepeatOptions {
  /** Repeat before measuring for this long (at least once). */
  warmupMs: number;
  /** Measure for at least this long and at least `minRuns` times… */
  budgetMs: number;
  minRuns: number;
  /** …but stop after this long, even with fewer runs (never fewer than one). */
  maxMs: number;
}

/** Operations per second and the median time of one, measured one after the other in this process. */
export interface InProcessMeasurement {
  perSecond: number;
  medianMs: number;
  runs: number;
}

/** Runs `operation` sequentially, warm-up first, and measures how often it completes per second. */
export async function measureInProcess(operation: () => Promise<unknown>, options: RepeatOptions): Promise<InProcessMeasurement> {
  const warmupStarted = performance.now();
  do await operation();
  while (performance.now() - warmupStarted < options.warmupMs);
  const times: number[] = [];
  const started = performance.now();
  for (;;) {
    const before = performance.now();
    await operation();
    times.push(performance.now() - before);
    const elapsed = performance.now() - started;
    if ((times.length >= options.minRuns && elapsed >= options.budgetMs) || elapsed >= options.maxMs) {
      return { perSecond: times.length / (elapsed / 1000), medianMs: median(times), runs: times.length };
    }
  }
}
