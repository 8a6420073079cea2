import { median } from '../stats.js';
import type { VisibilityRun } from './measureVisibility.js';

/** Median and maximum of one series of publish timings. */
export interface VisibilitySummary {
  /** What was timed, e.g. "visible on B" or "PUT response". */
  what: string;
  /** Timings that arrived (a replica that never showed the content within the cap has none). */
  count: number;
  /** Timings missing because the replica did not show the content within the cap. */
  missed: number;
  medianMs: number;
  maxMs: number;
}

/**
 * The series the table reports for a set of publishes: the PUT's own time;
 * when each replica showed the content; the same split by role, since with
 * alternating writers every replica is the writer in half of the runs (the
 * writer serves the change before it answers the PUT, the other replica has
 * to learn of it through NOTIFY or the poll); and how long after the PUT's
 * response the other replica showed it (negative when it did so first: the
 * writer notifies at its commit, then still swaps in the change itself).
 */
export function summariseVisibility(runs: readonly VisibilityRun[]): VisibilitySummary[] {
  const names = [...new Set(runs.flatMap((run) => run.replicas.map(({ replica }) => replica)))];
  const series: Array<[string, Array<number | null>]> = [
    ['PUT response (on the writer)', runs.map((run) => run.putMs)],
    ...names.map((name): [string, Array<number | null>] => [`visible on ${name}`, runs.map((run) => run.replicas.find(({ replica }) => replica === name)?.visibleMs ?? null)]),
    ['visible on the writer', runs.map((run) => run.replicas.find(({ replica }) => replica === run.writer)?.visibleMs ?? null)],
    ['visible on the other replica', runs.flatMap((run) => run.replicas.filter(({ replica }) => replica !== run.writer).map(({ visibleMs }) => visibleMs))],
    [
      'other replica minus PUT response (negative: before it)',
      runs.flatMap((run) => run.replicas.filter(({ replica }) => replica !== run.writer).map(({ visibleMs }) => (visibleMs === null ? null : visibleMs - run.putMs))),
    ],
  ];
  return series.map(([what, timings]) => {
    const arrived = timings.filter((timing): timing is number => timing !== null);
    return {
      what,
      count: arrived.length,
      missed: timings.length - arrived.length,
      medianMs: arrived.length > 0 ? median(arrived) : Number.NaN,
      maxMs: arrived.length > 0 ? Math.max(...arrived) : Number.NaN,
    };
  });
}
