import type { MixResult } from './driveMix.js';
import type { LoadResults } from './LoadResults.js';
import { describeExit } from './startLoadServer.js';

/** One pass/fail judgement of the load run. */
export interface LoadCheck {
  name: string;
  measured: string;
  limit: string;
  passed: boolean;
}

/** The steady p99 beside the abusive clients may be at most this many times the steady p99 alone. */
export const MAX_P99_RATIO_UNDER_ABUSE = 2;
/** The steady mix beside a client looping on dumps must keep at least this share of its throughput alone. */
export const MIN_THROUGHPUT_SHARE_BESIDE_DUMPS = 0.8;
/** The heap after forced collections may grow at most this much per soak round. */
export const MAX_HEAP_GROWTH_PER_ROUND = 10 * 2 ** 20;

/**
 * Judges a load run as issue 8 asks: every valid request answered right;
 * no hostile request answered with a 5xx (but the SPARQL endpoint's 503,
 * its documented refusal at the time limit or a full queue), left without
 * an answer, or — for the fan-out, whose answer the issue names — answered
 * other than 400; the server alive throughout; the steady p99 beside the
 * abuse at most twice the steady p99 alone; the heap growing at most 10 MB
 * per soak round after the first; and the probes answered after the load as
 * before it. A phase that did not run fails its checks.
 */
export function loadChecks(results: LoadResults): LoadCheck[] {
  const checks: LoadCheck[] = [];
  const died = results.server.died;
  checks.push({
    name: 'server alive throughout',
    measured: died ? `ended during ${died.phase} (${describeExit(died.exit)})` : 'yes',
    limit: 'alive',
    passed: died === undefined,
  });

  checks.push({
    name: 'the load test itself ran',
    measured: results.harnessErrors.length === 0 ? 'yes' : results.harnessErrors.join(' | '),
    limit: 'no harness error',
    passed: results.harnessErrors.length === 0,
  });

  const wrongProbes = results.probesBefore.filter((probe) => !probe.valid);
  checks.push({
    name: 'each mix request answered right, alone',
    measured: wrongProbes.length === 0 ? `${results.probesBefore.length}/${results.probesBefore.length}` : `wrong: ${wrongProbes.map((probe) => `${probe.name} (HTTP ${probe.status})`).join(', ')}`,
    limit: 'all',
    passed: wrongProbes.length === 0,
  });

  const mixPhases: Array<[string, MixResult | undefined]> = [
    ['warm-up', results.warmup],
    ['steady', results.steady],
    ['stress', results.stress],
    ['steady beside abuse', results.abuse?.steady],
    ['steady beside a dump loop', results.dumpLoop?.steady],
    ...(results.soak?.rounds ?? []).map((round, index): [string, MixResult] => [`soak round ${index + 1}`, round.load]),
  ];
  for (const [phase, mix] of mixPhases) {
    const failures = mix ? failedValidRequests(mix) : undefined;
    checks.push({
      name: `${phase}: every valid request answered right`,
      measured: mix === undefined ? 'did not run' : failures === 0 ? `0 of ${integer(mix.requests)} failed` : `${integer(failures!)} failed: ${describeFailures(mix)}`,
      limit: '0 failed',
      passed: failures === 0,
    });
  }

  const tallies = [
    ...(results.abuse?.abusive ?? []).map((tally) => ({ tally, name: abusiveCheckName('abuse', tally.name) })),
    ...(results.dumpLoop?.dumps ?? []).map((tally) => ({ tally, name: abusiveCheckName('dump loop', tally.name) })),
  ];
  for (const { tally, name } of tallies) {
    const bad = Object.keys(tally.statuses).filter((status) => {
      if (status === 'no answer') return true;
      if (tally.mustAnswer !== undefined) return Number(status) !== tally.mustAnswer;
      return Number(status) >= 500 && !(Number(status) === 503 && tally.mayAnswer503);
    });
    checks.push({
      name,
      measured: tally.sent === 0 ? 'not sent' : statusList(tally.statuses),
      limit: tally.mustAnswer !== undefined ? `${tally.mustAnswer} only` : tally.mayAnswer503 ? 'no 5xx but 503, always an answer' : 'no 5xx, always an answer',
      passed: tally.sent > 0 && bad.length === 0,
    });
  }
  if (!results.abuse) checks.push({ name: 'abusive requests', measured: 'did not run', limit: '–', passed: false });
  if (!results.dumpLoop) checks.push({ name: 'dump loop', measured: 'did not run', limit: '–', passed: false });

  const alone = results.steady?.latencyMs.p99;
  const beside = results.abuse?.steady?.latencyMs.p99;
  checks.push({
    name: 'steady p99 beside abuse vs alone',
    measured: alone === undefined || beside === undefined ? 'did not run' : `${beside} ms vs ${alone} ms = ${(beside / Math.max(alone, 1)).toFixed(2)}×`,
    limit: `≤ ${MAX_P99_RATIO_UNDER_ABUSE}×`,
    passed: alone !== undefined && beside !== undefined && beside <= MAX_P99_RATIO_UNDER_ABUSE * alone,
  });

  const steadyRate = results.steady?.requestsPerSecond;
  const besideDumps = results.dumpLoop?.steady?.requestsPerSecond;
  checks.push({
    name: 'steady throughput beside a dump loop vs alone',
    measured:
      steadyRate === undefined || besideDumps === undefined
        ? 'did not run'
        : `${integer(besideDumps)} req/s vs ${integer(steadyRate)} req/s = ${((100 * besideDumps) / steadyRate).toFixed(1)}%`,
    limit: `≥ ${100 * MIN_THROUGHPUT_SHARE_BESIDE_DUMPS}%`,
    passed: steadyRate !== undefined && besideDumps !== undefined && besideDumps >= MIN_THROUGHPUT_SHARE_BESIDE_DUMPS * steadyRate,
  });

  const growth = heapGrowthPerRound(results);
  checks.push({
    name: 'heap growth per soak round (after GC, rounds 1 → last)',
    measured: growth === undefined ? 'did not run' : `${signedMegabytes(growth)}/round`,
    limit: `≤ ${MAX_HEAP_GROWTH_PER_ROUND / 2 ** 20} MB/round`,
    passed: growth !== undefined && growth <= MAX_HEAP_GROWTH_PER_ROUND,
  });

  const after = results.probesAfter;
  const changed = after?.filter((probe, index) => probe.body !== results.probesBefore[index]?.body || !probe.valid);
  checks.push({
    name: 'after the load, each mix request answers as before',
    measured: changed === undefined ? 'did not run' : changed.length === 0 ? `${after!.length}/${after!.length} identical` : `changed: ${changed.map((probe) => probe.name).join(', ')}`,
    limit: 'identical',
    passed: changed?.length === 0,
  });
  return checks;
}

/** The name of the check of one hostile request in a phase: `abusive: …` beside the abuse, `dump loop: …` in the dump-loop phase. */
export function abusiveCheckName(phase: 'abuse' | 'dump loop', request: string): string {
  return `${phase === 'abuse' ? 'abusive' : 'dump loop'}: ${request}`;
}

/**
 * Growth of the heap after forced collections per soak round: (last −
 * first) / (rounds − 1). The first round is the warm-up of per-Graph views
 * and caches, so it is the reference rather than the pre-soak heap.
 */
export function heapGrowthPerRound(results: LoadResults): number | undefined {
  const rounds = results.soak?.rounds ?? [];
  if (rounds.length < 2) return undefined;
  return (rounds.at(-1)!.heap.heapUsedBytes - rounds[0]!.heap.heapUsedBytes) / (rounds.length - 1);
}

/** Valid requests that failed: connection errors, timeouts and wrong answers (non-2xx are among the wrong answers). */
function failedValidRequests(mix: MixResult): number {
  return mix.errors + mix.timeouts + Math.max(mix.invalid, mix.non2xx);
}

function describeFailures(mix: MixResult): string {
  const parts = [`${mix.errors} connection errors`, `${mix.timeouts} timeouts`, `${mix.non2xx} non-2xx`, `${mix.invalid} wrong answers`];
  return [...parts, ...mix.invalidSamples.slice(0, 2)].join(', ');
}

/** "400 ×12 · 503 ×2", most frequent first. */
export function statusList(statuses: Record<string, number>): string {
  return Object.entries(statuses)
    .sort(([, a], [, b]) => b - a)
    .map(([status, count]) => `${status} ×${integer(count)}`)
    .join(' · ');
}

export function integer(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function signedMegabytes(bytes: number): string {
  return `${bytes >= 0 ? '+' : '−'}${(Math.abs(bytes) / 2 ** 20).toFixed(2)} MB`;
}
