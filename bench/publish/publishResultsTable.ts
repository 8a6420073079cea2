import { machineLine, type MachineInfo } from '../machineInfo.js';
import { BUSY_LOAD_AVERAGE } from '../targets.js';
import type { CpuOfWindow, PublishRow } from './measurePublish.js';

/** Everything one `npm run bench:publish` measured, as written to bench/results/publish-latest.json. */
export interface PublishResults {
  machine: MachineInfo;
  seed: number;
  connections: number;
  rows: PublishRow[];
  targets: TargetCheck[];
  elapsedSeconds: number;
}

/** One target of issue 10's "Speed" section, at one size. */
export interface TargetCheck {
  size: string;
  target: string;
  measured: string;
  met: boolean;
}

/** The most a publish may take to be visible, the longest the event loop may stall, the least share of throughput kept (issue 10, "Speed"). */
export const TARGETS = { visibleMs: 2_000, eventLoopDelayMs: 100, throughputRatio: 0.5, lost: 0 } as const;

/** The targets, checked at every size (the issue asks them of the 1M store). */
export function checkPublishTargets(rows: PublishRow[]): TargetCheck[] {
  return rows.flatMap((row) => [
    { size: row.label, target: `visible within ${TARGETS.visibleMs / 1000} s`, measured: `${integer(row.visibleMs)} ms`, met: row.visibleMs <= TARGETS.visibleMs },
    { size: row.label, target: `event loop never blocked over ${TARGETS.eventLoopDelayMs} ms`, measured: `max ${integer(row.server.delay.maxMs)} ms`, met: row.server.delay.maxMs <= TARGETS.eventLoopDelayMs },
    { size: row.label, target: `load keeps ≥ ${TARGETS.throughputRatio * 100}% of its throughput`, measured: percent(row.throughputRatio), met: row.throughputRatio >= TARGETS.throughputRatio },
    { size: row.label, target: 'load loses no request', measured: `${row.lost} lost`, met: row.lost === TARGETS.lost },
  ]);
}

/** The results as Markdown: the machine line (with the busy-machine warning), the measurements, the step timings and the targets. */
export function publishResultsTable(results: PublishResults): string {
  const load = results.machine.loadAverageAtStart;
  const header = ['size', 'served', 'published', 'PUT → visible', 'PUT response', 'event loop max / p99', 'GC longest', 'req/s baseline → during', 'ratio', 'lost'];
  const rows = results.rows.map((row) => [
    row.label,
    `${integer(row.servedQuads)} quads`,
    `${integer(row.publishedTriples)} triples`,
    `${integer(row.visibleMs)} ms`,
    `${integer(row.putMs)} ms (${row.putStatus})`,
    `${integer(row.server.delay.maxMs)} / ${integer(row.server.delay.p99Ms)} ms`,
    `${integer(row.server.gc.longestMs)} ms (${row.server.gc.pauses} pauses)`,
    `${integer(row.baselinePerSecond)} → ${integer(row.duringPerSecond)}`,
    percent(row.throughputRatio),
    `${row.lost}${row.lostSamples[0] ? ` (e.g. ${row.lostSamples[0].slice(0, 80).replace(/\|/g, '\\|')})` : ''}`,
  ]);
  const stepHeader = ['size', 'checks (own process)', '…alone: parse / SHACL / canonical', 'store commit', 'serving the change', '…of which alone: graphOfContent', 'UnionGraph.with', 'list sizes: again after the change / whole graph', 'rest: those steps slowed by the load, SPARQL replaceGraph, snapshot'];
  const stepRows = results.rows.map((row) => {
    const step = (name: string) => row.server.steps.find((candidate) => candidate.step.startsWith(name))?.ms ?? Number.NaN;
    const serving = step('serving');
    const { prepareMs, parseMs, shaclMs, canonicalMs, graphOfContentMs, unionWithMs, measureListSizesMs, largestListSizesMs } = row.steps;
    return [
      row.label,
      `${integer(step('checks'))} ms`,
      `${integer(prepareMs)} ms: ${integer(parseMs)} / ${integer(shaclMs)} / ${integer(canonicalMs)} ms`,
      `${integer(step('store'))} ms`,
      `${integer(serving)} ms`,
      `${integer(graphOfContentMs)} ms`,
      `${integer(unionWithMs)} ms`,
      `${integer(measureListSizesMs)} / ${integer(largestListSizesMs)} ms`,
      `≈ ${integer(serving - graphOfContentMs - unionWithMs - measureListSizesMs)} ms`,
    ];
  });
  const table = (head: string[], body: string[][]) => [head, head.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`);
  return [
    `Machine: ${machineLine(results.machine)} · load average ${load.toFixed(2)} at start${load > BUSY_LOAD_AVERAGE ? ` · WARNING: load average ${load.toFixed(2)} at start, other work competed` : ''}`,
    `Steady load: GraphQL single entity, ${results.connections} connections, server and load not pinned; visibility polled with GraphQL about every 20 ms from the load's start (the baseline carries the polls too).`,
    '',
    ...table(header, rows),
    '',
    'Where a publish spends its time (server side; the first three timed during the publish, the rest each alone afterwards):',
    '',
    ...table(stepHeader, stepRows),
    '',
    ...results.rows.map((row) => `CPU at ${row.label}, ms per second of each window on ${results.machine.cores} cores (the rest idle or other processes): ${cpuLine('baseline', row.cpu.baseline)}; ${cpuLine('PUT → visible', row.cpu.publish)}.`),
    ...results.rows.map((row) => `Throughput kept at ${row.label} in each 200 ms after the PUT: ${row.perInterval.map(percent).join(', ')}.`),
    ...results.rows.map((row) => `Throughput kept at ${row.label} during each step (from → to, ms after the PUT): ${row.perStep.map(({ step, startMs, ms, ratio }) => (ms === 0 ? `${step} at ${integer(startMs)}` : `${step.replace(/ \(.*\)$/, '')} ${integer(startMs)} → ${integer(startMs + ms)}, ${percent(ratio)}`)).join('; ') || 'no steps timed'}.`),
    '',
    ...results.rows.map((row) => `Longest event-loop stalls at ${row.label} (a 5 ms timer late by): ${row.server.stalls.slice(0, 5).map((stall) => `${integer(stall.ms)} ms`).join(', ') || 'none over 50 ms'}.`),
    '',
    // A pass on a machine busy at start does not count (see TargetStatus in ../targets.ts).
    ...results.targets.map((check) => `${check.met ? (load > BUSY_LOAD_AVERAGE ? 'UNRELIABLE (busy machine)' : 'PASS') : 'FAIL'}  ${check.size}: ${check.target}: ${check.measured}`),
    '',
    `Total ${integer(results.elapsedSeconds)} s.`,
  ].join('\n');
}

/** One window's CPU time per second: the server's main thread, checks' worker, SPARQL workers and other threads (the largest few), the load generator, the benchmark's polls. */
function cpuLine(label: string, { ms, mainMs, checksMs, sparqlMs, otherThreadsMs, loadMs, benchmarkMs }: CpuOfWindow): string {
  const perSecond = (value: number) => integer((value * 1000) / ms);
  const others = otherThreadsMs.reduce((sum, value) => sum + value, 0);
  const largest = otherThreadsMs.slice(0, 3).map(perSecond).join(' + ') || 'none';
  return `${label} server main ${perSecond(mainMs)}, checks ${perSecond(checksMs)}, SPARQL workers ${perSecond(sparqlMs)}, V8's and libuv's threads ${perSecond(others)} (${largest}${otherThreadsMs.length > 3 ? ' + …' : ''}), load ${perSecond(loadMs)}, polls ${perSecond(benchmarkMs)}`;
}

function integer(value: number): string {
  return Number.isNaN(value) ? '–' : Math.round(value).toLocaleString('en');
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(0)}%`;
}
