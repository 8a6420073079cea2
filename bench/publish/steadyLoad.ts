/**
 * Child process of `npm run bench:publish`: a steady GraphQL load with
 * autocannon that runs until its parent writes a line to its stdin, checking
 * every response. Prints `{ "started": <epoch ms> }` when the load starts,
 * then, once stopped, one SteadyLoadResult line. Usage:
 * `node steadyLoad.js '<{ url, body, connections } as JSON>'`.
 */
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

/** What the load saw, with the time of every response so the parent can cut it into windows. */
export interface SteadyLoadResult {
  /** When each answered request came back (epoch ms, sub-millisecond), in order. */
  answeredAt: number[];
  /** When each lost request was known to be lost (a non-200, an answer with GraphQL errors or no data, a connection error, a timeout). */
  lostAt: number[];
  /** A few of the lost answers, for the report. */
  lostSamples: string[];
  /** autocannon's own counts over the whole run. */
  totals: { requests: number; non2xx: number; errors: number; timeouts: number };
}

const plan = JSON.parse(process.argv[2] ?? 'null') as { url: string; body: string; connections: number } | null;
if (plan === null) throw new Error('usage: steadyLoad.js <{ url, body, connections } as JSON>');

const now = () => performance.timeOrigin + performance.now();
const answeredAt: number[] = [];
const lostAt: number[] = [];
const lostSamples: string[] = [];
const lose = (what: string) => {
  lostAt.push(now());
  if (lostSamples.length < 5) lostSamples.push(what.slice(0, 300));
};

const instance = autocannon(
  {
    url: plan.url,
    connections: plan.connections,
    // Stopped by the parent; this is only a bound.
    duration: 3_600,
    // Far beyond any answer of a healthy server: a request still waiting after this is lost.
    timeout: 30,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: plan.body,
        onResponse: (status: number, body: string) => {
          let answer: { data?: unknown; errors?: unknown } | undefined;
          try {
            answer = JSON.parse(body) as typeof answer;
          } catch {
            // lost below
          }
          if (status === 200 && answer !== undefined && answer.errors === undefined && answer.data !== null && answer.data !== undefined) answeredAt.push(now());
          else lose(`HTTP ${status}: ${body}`);
        },
      },
    ],
  },
  (error, result) => {
    if (error) throw error;
    const output: SteadyLoadResult = {
      answeredAt,
      lostAt,
      lostSamples,
      totals: { requests: result.requests.total, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts },
    };
    console.log(JSON.stringify(output));
  },
);
instance.on('reqError', (error: Error) => lose(`request error: ${error.message}`));
console.log(JSON.stringify({ started: now() }));
createInterface({ input: process.stdin }).once('line', () => instance.stop());
