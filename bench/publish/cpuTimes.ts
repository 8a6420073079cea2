import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system, ms) of each thread of process `pid`, by thread id; empty where /proc cannot be read. */
export function threadCpuMs(pid: number | 'self' = 'self'): Map<number, number> {
  const times = new Map<number, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // After the command name in parentheses, fields 14 and 15 (utime, stime) are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      times.set(Number(tid), ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND);
    }
  } catch {
    // Not Linux, or the process is gone: no figures.
  }
  return times;
}

/** CPU time (ms) of a whole process: the sum of its threads'. */
export function processCpuMs(pid: number | 'self' = 'self'): number {
  return [...threadCpuMs(pid).values()].reduce((sum, ms) => sum + ms, 0);
}

/** Each thread's CPU time between two readings of threadCpuMs (threads started since count from zero). */
export function cpuSince(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): Map<number, number> {
  return new Map([...after].map(([tid, ms]) => [tid, ms - (before.get(tid) ?? 0)] as const));
}
