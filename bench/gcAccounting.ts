/**
 * Garbage-collection accounting for a benchmark server, read by the process
 * that loads it: the first SIGUSR2 starts counting (v8.GCProfiler), the next
 * prints one JSON line { gc: GcAccount } on stdout and stops, and so on.
 * What a request leaves behind shows here before it shows in throughput: the
 * bytes each scavenge promotes to the old generation fill it until a full
 * collection, which at 1M triples pauses the server for a second or more
 * (see patches/README.md for what promoted 2 kB a request, and why).
 */
import { GCProfiler } from 'node:v8';

/** What the collector did between two signals. */
export interface GcAccount {
  scavenges: number;
  /** Bytes the scavenges moved to the old generation (old space and large objects, after less before). */
  promotedBytes: number;
  scavengeMs: number;
  /** Mark-compact collections, incremental marking steps and weak-callback runs, with their time. */
  majors: number;
  majorMs: number;
}

interface GcStatistic {
  gcType: string;
  cost: number;
  beforeGC: { heapSpaceStatistics: Array<{ spaceName: string; spaceUsedSize: number }> };
  afterGC: { heapSpaceStatistics: Array<{ spaceName: string; spaceUsedSize: number }> };
}

const OLD_SPACES = new Set(['old_space', 'large_object_space']);

/** Starts answering SIGUSR2 as described above. */
export function accountGarbageCollection(): void {
  let profiler: GCProfiler | undefined;
  process.on('SIGUSR2', () => {
    if (profiler === undefined) {
      profiler = new GCProfiler();
      profiler.start();
      return;
    }
    const { statistics } = profiler.stop() as unknown as { statistics: GcStatistic[] };
    profiler = undefined;
    process.stdout.write(`${JSON.stringify({ gc: gcAccountOf(statistics) })}\n`);
  });
}

/** Sums a GCProfiler's statistics. */
export function gcAccountOf(statistics: readonly GcStatistic[]): GcAccount {
  const account: GcAccount = { scavenges: 0, promotedBytes: 0, scavengeMs: 0, majors: 0, majorMs: 0 };
  const oldUsed = (spaces: GcStatistic['beforeGC']['heapSpaceStatistics']) =>
    spaces.reduce((sum, { spaceName, spaceUsedSize }) => sum + (OLD_SPACES.has(spaceName) ? spaceUsedSize : 0), 0);
  for (const { gcType, cost, beforeGC, afterGC } of statistics) {
    // GCProfiler's cost is in microseconds.
    if (gcType === 'Scavenge' || gcType === 'MinorMarkCompact' || gcType === 'MinorMarkSweep') {
      account.scavenges++;
      account.scavengeMs += cost / 1000;
      account.promotedBytes += Math.max(0, oldUsed(afterGC.heapSpaceStatistics) - oldUsed(beforeGC.heapSpaceStatistics));
    } else {
      account.majors++;
      account.majorMs += cost / 1000;
    }
  }
  return account;
}
