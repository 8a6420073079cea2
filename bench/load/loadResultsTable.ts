import { machineLine } from '../machineInfo.js';
import type { MixResult } from './driveMix.js';
import { abusiveCheckName, integer, signedMegabytes, statusList, type LoadCheck } from './loadChecks.js';
import type { AbusiveTally } from './runAbusiveClient.js';
import type { LoadResults } from './LoadResults.js';

/**
 * The run as one Markdown table (phase · case · measured · check), headed by
 * the machine line and followed by the failed checks and a last line that
 * says PASS or FAIL.
 */
export function loadResultsTable(results: LoadResults, checks: readonly LoadCheck[]): string {
  const rows: string[][] = [];
  const check = (name: string): string => {
    const found = checks.find((candidate) => candidate.name === name);
    return found ? `${found.passed ? 'met' : '**not met**'} (${found.limit})` : '';
  };
  rows.push(['server', results.server.command, `ready on ${results.server.readinessPath} after ${seconds(results.server.startupMs)}`, check('server alive throughout')]);
  if (results.harnessErrors.length > 0) rows.push(['harness', 'a child process of the load test failed', results.harnessErrors.join(' · ').replace(/\|/g, '\\|'), check('the load test itself ran')]);
  rows.push(['probe', 'each mix request alone', results.probesBefore.map((probe) => `${probe.name}: ${probe.status ?? 'no answer'}`).join(' · '), check('each mix request answered right, alone')]);
  const mixRow = (phase: string, what: string, checkName: string, mix: MixResult | undefined): void => {
    rows.push([phase, mix ? `${what}: ${mix.connections} connections, ${mix.durationSeconds} s` : what, mix ? mixFigures(mix) : 'did not run', check(checkName)]);
  };
  mixRow('warm-up', 'frontend mix', 'warm-up: every valid request answered right', results.warmup);
  mixRow('steady', 'frontend mix', 'steady: every valid request answered right', results.steady);
  mixRow('stress', 'frontend mix', 'stress: every valid request answered right', results.stress);
  mixRow('abuse', 'frontend mix beside the hostile clients below', 'steady beside abuse: every valid request answered right', results.abuse?.steady);
  const tallyRow = (phase: 'abuse' | 'dump loop', tally: AbusiveTally): void => {
    const figures = [
      `${integer(tally.sent)} sent: ${statusList(tally.statuses) || '–'}`,
      `max ${integer(tally.maxMs)} ms`,
      `max ${bytes(tally.maxBytes)}`,
      tally.encodings.join('/') || '–',
      ...(tally.retryAfter > 0 ? [`Retry-After on ${tally.retryAfter}`] : []),
      ...(tally.truncated > 0 ? [`truncated ${tally.truncated}`] : []),
    ];
    const sample = Object.entries(tally.samples).find(([status]) => status !== '200');
    if (sample) figures.push(`e.g. ${sample[0]}: ${sample[1].slice(0, 120).replace(/\|/g, '\\|')}`);
    rows.push([phase, `${tally.name} (expect ${tally.expected})`, figures.join(' · '), check(abusiveCheckName(phase, tally.name))]);
  };
  for (const tally of results.abuse?.abusive ?? []) tallyRow('abuse', tally);
  const ratio = checks.find((candidate) => candidate.name === 'steady p99 beside abuse vs alone');
  rows.push(['abuse', 'steady p99 beside abuse vs alone', ratio?.measured ?? '', check('steady p99 beside abuse vs alone')]);
  mixRow('dump loop', 'frontend mix beside the dump loop alone', 'steady beside a dump loop: every valid request answered right', results.dumpLoop?.steady);
  for (const tally of results.dumpLoop?.dumps ?? []) tallyRow('dump loop', tally);
  const share = checks.find((candidate) => candidate.name === 'steady throughput beside a dump loop vs alone');
  rows.push(['dump loop', 'steady throughput beside the dump loop vs alone', share?.measured ?? '', check('steady throughput beside a dump loop vs alone')]);
  if (results.soak) {
    rows.push(['soak', 'before round 1', heapFigures(results.soak.before.heapUsedBytes, results.soak.before.rssBytes), '']);
    results.soak.rounds.forEach((round, index) => {
      const previous = index === 0 ? results.soak!.before : results.soak!.rounds[index - 1]!.heap;
      rows.push([
        'soak',
        `round ${index + 1}: ${round.load.connections} connections, ${round.load.durationSeconds} s`,
        `${mixFigures(round.load)} · ${heapFigures(round.heap.heapUsedBytes, round.heap.rssBytes)} (${signedMegabytes(round.heap.heapUsedBytes - previous.heapUsedBytes)})${round.metricsHeapUsedBytes === undefined ? '' : ` · /metrics heap ${megabytes(round.metricsHeapUsedBytes)}`}`,
        check(`soak round ${index + 1}: every valid request answered right`),
      ]);
    });
  }
  const growth = checks.find((candidate) => candidate.name.startsWith('heap growth per soak round'));
  rows.push(['soak', 'heap growth per round, round 1 → last', growth?.measured ?? '', growth ? check(growth.name) : '']);
  const after = checks.find((candidate) => candidate.name === 'after the load, each mix request answers as before');
  rows.push(['after', 'each mix request alone, compared with before', after?.measured ?? '', check('after the load, each mix request answers as before')]);
  const log = results.server.log;
  rows.push(['server log', 'lines at level error or fatal', log ? `${integer(log.errorLines)} of ${integer(log.lines)} lines${log.errorSamples[0] ? ` · e.g. ${log.errorSamples[0].slice(0, 160).replace(/\|/g, '\\|')}` : ''}` : '–', '(not judged)']);

  const failed = checks.filter((candidate) => !candidate.passed);
  const load = results.machine.loadAverageAtStart;
  return [
    `Machine: ${machineLine(results.machine)}${results.quick ? ' · LOAD_QUICK: short phases' : ''}${load > 0.5 ? ` · WARNING: load average ${load.toFixed(2)} at start, other work competed` : ''}`,
    '',
    '| phase | case | measured | check |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    ...failed.map((candidate) => `FAILED: ${candidate.name}: ${candidate.measured} (limit ${candidate.limit})`),
    failed.length === 0 ? `PASS: all ${checks.length} checks met in ${integer(results.elapsedSeconds)} s` : `FAIL: ${failed.length} of ${checks.length} checks not met`,
  ].join('\n');
}

function mixFigures(mix: MixResult): string {
  const { p50, p99, max } = mix.latencyMs;
  const failures = mix.errors + mix.timeouts + Math.max(mix.invalid, mix.non2xx);
  return `${integer(mix.requestsPerSecond)} req/s · p50 ${p50} ms · p99 ${p99} ms · max ${integer(max)} ms · ${integer(mix.requests)} requests · errors ${mix.errors} · timeouts ${mix.timeouts} · non-2xx ${mix.non2xx} · wrong ${mix.invalid}${failures > 0 && mix.invalidSamples[0] ? ` · e.g. ${mix.invalidSamples[0].slice(0, 120).replace(/\|/g, '\\|')}` : ''}`;
}

function heapFigures(heapUsed: number, rss: number): string {
  return `heap after GC ${megabytes(heapUsed)} · RSS ${megabytes(rss)}`;
}

function megabytes(value: number): string {
  return `${(value / 2 ** 20).toFixed(1)} MB`;
}

function bytes(value: number): string {
  return value >= 2 ** 20 ? megabytes(value) : value >= 1024 ? `${(value / 1024).toFixed(1)} kB` : `${value} B`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
