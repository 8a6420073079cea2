import { describe, expect, it } from 'vitest';
import { cpuSince, processCpuMs, threadCpuMs } from '../../bench/publish/cpuTimes.js';

/** Keeps this thread busy for `ms`. */
function work(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe.runIf(process.platform === 'linux')('CPU times from /proc, as bench:publish reads them', () => {
  it("count a thread's work to that thread, whose id is the process id for the main thread", () => {
    const before = threadCpuMs();
    work(120);
    const since = cpuSince(before, threadCpuMs());
    // Clock ticks are 10 ms; a busy 120 ms is at least 80 of them however the ticks fall.
    expect(since.get(process.pid)).toBeGreaterThanOrEqual(80);
    expect(processCpuMs()).toBeGreaterThanOrEqual([...threadCpuMs().values()].reduce((sum, ms) => Math.max(sum, ms), 0));
  });

  it('count a thread started since the first reading from zero, and give nothing for a process that is gone', () => {
    expect(cpuSince(new Map([[1, 50]]), new Map([[1, 70], [2, 30]]))).toEqual(new Map([[1, 20], [2, 30]]));
    expect(threadCpuMs(2 ** 22 + 17).size).toBe(0);
  });
});
