/**
 * Child process of `npm run load`: drives the frontend mix (frontendMix.ts)
 * with autocannon for a fixed time and prints one JSON line, a MixResult.
 * Usage: `node bench/load/driveMix.js '<MixPlan as JSON>'`.
 *
 * Runs apart from the orchestrator, so that reading the abusive clients'
 * large answers there cannot delay these requests or their timing. Every
 * answer is checked (status and body), not only counted.
 */
import autocannon from 'autocannon';
import { frontendMix } from './frontendMix.js';

/** What to drive and for how long. */
export interface MixPlan {
  /** Base URL, e.g. http://127.0.0.1:4321 */
  url: string;
  connections: number;
  durationSeconds: number;
  /** A valid request unanswered this long counts as a timeout, so as a failure. */
  timeoutSeconds: number;
}

/** What one run of the mix measured. */
export interface MixResult {
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Connection errors (resets, refused). */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Answers whose status or body was not the right one (frontendMix's isValid), non-2xx included. */
  invalid: number;
  /** Up to five wrong answers: request name, status and the body's start. */
  invalidSamples: string[];
  statusCodes: Record<string, number>;
}

const plan = JSON.parse(process.argv[2] ?? 'null') as MixPlan | null;
if (plan === null) throw new Error('usage: driveMix.js <plan as JSON>');

let invalid = 0;
const invalidSamples: string[] = [];
const requests = frontendMix.map((request) => ({
  method: request.method,
  path: request.path,
  headers: request.headers,
  ...(request.body !== undefined && { body: request.body }),
  onResponse: (status: number, body: string) => {
    if (request.isValid(status, body)) return;
    invalid++;
    if (invalidSamples.length < 5) invalidSamples.push(`${request.name}: HTTP ${status} ${body.slice(0, 200)}`);
  },
}));

const result = await autocannon({
  url: plan.url,
  connections: plan.connections,
  duration: plan.durationSeconds,
  timeout: plan.timeoutSeconds,
  requests,
});

const statusCodes: Record<string, number> = {};
for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = count ?? 0;
const output: MixResult = {
  connections: plan.connections,
  durationSeconds: result.duration,
  requests: result.requests.total,
  requestsPerSecond: result.requests.total / result.duration,
  latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.average },
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
  invalid,
  invalidSamples,
  statusCodes,
};
console.log(JSON.stringify(output));
