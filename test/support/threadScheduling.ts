import { readdirSync, readFileSync } from 'node:fs';

/** Linux's scheduling policy for what runs only when nothing else would (sched(7)). */
export const SCHED_IDLE = 5;

/** Each thread of process `pid` with its nice value and scheduling policy, from /proc. */
export function threadScheduling(pid: number): Array<{ tid: number; nice: number; policy: number }> {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    // After the command name in parentheses come field 3 on: nice is field 19, the scheduling policy field 41.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { tid: Number(tid), nice: Number(fields[19 - 3]), policy: Number(fields[41 - 3]) };
  });
}
