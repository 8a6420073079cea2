import { machineLine, type MachineInfo } from '../machineInfo.js';
import { median } from '../stats.js';
import type { ReadLoadOptions, ThroughputCase } from './measureReadThroughput.js';
import type { PollPlan, VisibilityRun } from './measureVisibility.js';
import type { VisibilitySummary } from './summariseVisibility.js';

/** Everything one `npm run bench:replicas` measured, as written to bench/results/replicas-latest.json. */
export interface ReplicasResults {
  machine: MachineInfo;
  /** Each replica and how long it took from spawn to /ready (A seeds the empty database, B finds it seeded). */
  replicas: Array<{ name: string; startupMs: number }>;
  poll: PollPlan;
  /** The first publishes, one on each replica in turn: timed but not counted in the summary. */
  warmupPublishes: VisibilityRun[];
  /** The small publishes, writers alternating, and their summary. */
  publishes: VisibilityRun[];
  visibility: VisibilitySummary[];
  /** One publish of a larger synthetic dataset, or null when skipped (--large-triples 0). */
  largePublish: VisibilityRun | null;
  /** The GraphQL request every load generator sends: the main benchmark's single-entity question (a). */
  query: { key: string; title: string; municipalityCode: string; body: string };
  load: ReadLoadOptions;
  oneReplica: ThroughputCase;
  twoReplicas: ThroughputCase;
  /** twoReplicas.requestsPerSecond ÷ oneReplica.requestsPerSecond. */
  ratio: number;
  notes: string[];
  elapsedSeconds: number;
}

/** Above this 1-minute load average at the start, other work was competing for the cores (as machineInfo says). */
const BUSY_LOAD_AVERAGE = 0.5;

/** The results as Markdown: the machine line (with the busy-machine warning), publish-to-visible, read throughput, the notes. */
export function replicasResultsTable(results: ReplicasResults): string {
  const load = results.machine.loadAverageAtStart;
  const busy = (average: number) => (average > BUSY_LOAD_AVERAGE ? ` · WARNING: load average ${average.toFixed(2)} at start, other work competed` : '');
  const table = (head: string[], body: string[][]) => [head, head.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`);
  const writers = [...new Set(results.publishes.map(({ writer }) => writer))].join('/');
  const visibility = table(
    ['publish-to-visible', 'n', 'median', 'max'],
    results.visibility.map((row) => [row.what, `${row.count}${row.missed > 0 ? ` (+${row.missed} not within ${results.poll.capMs / 1000} s)` : ''}`, ms(row.medianMs), ms(row.maxMs)]),
  );
  const sameVersion = results.publishes.every((run) => run.sameDataVersion);
  const large = results.largePublish;
  const throughputRow = (label: string, measured: ThroughputCase) => [
    label,
    integer(measured.requestsPerSecond),
    measured.perReplica.map((one) => `${one.replica}: ${integer(median(one.runs))}`).join(', '),
    measured.perReplica.map((one) => `${one.replica}: ${one.p50Ms} / ${one.p99Ms} ms`).join(', '),
    measured.runs.map(integer).join(', '),
    measured.loadAverageAtStart.toFixed(2),
  ];
  return [
    `Machine: ${machineLine(results.machine)} · load average ${load.toFixed(2)} at start${busy(load)}`,
    `Replicas: ${results.replicas.map((replica) => `${replica.name} ready in ${ms(replica.startupMs)}`).join(', ')}; one throwaway PostgreSQL 15 cluster (fsync off) on the same machine.`,
    '',
    `Publish-to-visible: ${results.publishes.length} publishes of a one-collaboration Turtle dataset with a new name each time, writer alternating ${writers}; every replica polled with GraphQL every ${results.poll.pollEveryMs} ms from the moment the PUT is sent. Same Data-Version on every replica: ${sameVersion ? 'yes' : '**no**'}.`,
    '',
    ...visibility,
    '',
    ...(results.warmupPublishes.length === 0
      ? []
      : [`Warm-up publishes, not counted above (a replica's first publish starts its checks' process): ${results.warmupPublishes.map((run) => `on ${run.writer}: PUT ${ms(run.putMs)}, ${visibleOn(run, results.poll)}`).join('; ')}.`, '']),
    ...(large === null
      ? []
      : [
          `Larger publish: ${integer(large.triples)} synthetic triples on ${large.writer}: PUT ${ms(large.putMs)} (${large.putStatus}); ${visibleOn(large, results.poll)}.`,
          '',
        ]),
    `Read throughput: ${results.query.title} (the main benchmark's (a), municipality ${results.query.municipalityCode}), autocannon with ${results.load.connections} connections per replica, one load generator process per replica, ${results.load.warmupSeconds} s warm-up, ${results.load.runs} × ${results.load.durationSeconds} s; the median of the runs' summed req/s. Nothing pinned.`,
    '',
    ...table(['replicas', 'req/s', 'per replica (median)', 'p50 / p99 (median run)', 'runs (summed)', 'load avg before (with this run’s own earlier steps)'], [throughputRow('1 (A; B idle)', results.oneReplica), throughputRow('2 (A + B)', results.twoReplicas)]),
    '',
    `Ratio two replicas ÷ one: **${results.ratio.toFixed(2)}×**`,
    '',
    ...results.notes.map((note) => `- ${note}`),
    '',
    `Total ${integer(results.elapsedSeconds)} s.`,
  ].join('\n');
}

/** "visible on A 120 ms, visible on B 135 ms". */
function visibleOn(run: VisibilityRun, poll: PollPlan): string {
  return run.replicas.map((one) => `visible on ${one.replica} ${one.visibleMs === null ? `not within ${poll.capMs / 1000} s` : ms(one.visibleMs)}`).join(', ');
}

function integer(value: number): string {
  return Number.isNaN(value) ? '–' : Math.round(value).toLocaleString('en');
}

function ms(value: number): string {
  return Number.isNaN(value) ? '–' : `${integer(value)} ms`;
}
