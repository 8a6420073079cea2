import type { AbusiveClient, AbusiveRequest } from './abusiveClients.js';
import { sendRequest } from './sendRequest.js';

/** Every answer one kind of hostile request got in a phase. */
export interface AbusiveTally {
  name: string;
  expected: string;
  mayAnswer503: boolean;
  mustAnswer?: number;
  sent: number;
  /** Count per HTTP status; "no answer" for connection errors, timeouts and cut bodies. */
  statuses: Record<string, number>;
  /** The first answer's start for each status, to read why. */
  samples: Record<string, string>;
  maxMs: number;
  maxBytes: number;
  /** Content-Encoding values seen ("identity" when none). */
  encodings: string[];
  /** How many 503s carried Retry-After. */
  retryAfter: number;
  /** How many answers said X-SPARQL-Truncated: true. */
  truncated: number;
}

/** Limits of one client's loop. */
export interface ClientLimits {
  /** No request starts after this (performance.now() time). */
  until: number;
  /** A safety bound on the loop, whatever the time. */
  maxRequests: number;
  /** A request unanswered this long counts as "no answer". */
  timeoutMs: number;
  /** Ends the loop early, e.g. once the server has died. */
  stopWhen: () => boolean;
}

/**
 * Sends the client's requests one after another, in order and round again,
 * until `until`, `maxRequests` or `stopWhen()`; the last one may end up to `timeoutMs`
 * after `until`. Resolves with a tally per request.
 */
export async function runAbusiveClient(baseUrl: string, client: AbusiveClient, limits: ClientLimits): Promise<AbusiveTally[]> {
  const tallies = new Map(client.requests.map((request) => [request.name, emptyTally(request)]));
  for (let sent = 0; sent < limits.maxRequests && performance.now() < limits.until && !limits.stopWhen(); sent++) {
    const request = client.requests[sent % client.requests.length]!;
    const answer = await sendRequest(baseUrl, request.spec, { timeoutMs: limits.timeoutMs, keepBytes: 300 });
    const tally = tallies.get(request.name)!;
    tally.sent++;
    const key = answer.failure !== undefined ? 'no answer' : String(answer.status);
    tally.statuses[key] = (tally.statuses[key] ?? 0) + 1;
    tally.samples[key] ??= (answer.failure ?? answer.bodyStart).replace(/\s+/g, ' ').slice(0, 200);
    tally.maxMs = Math.max(tally.maxMs, answer.ms);
    tally.maxBytes = Math.max(tally.maxBytes, answer.bytes);
    const encoding = String(answer.headers['content-encoding'] ?? 'identity');
    if (answer.status !== null && !tally.encodings.includes(encoding)) tally.encodings.push(encoding);
    if (answer.status === 503 && answer.headers['retry-after'] !== undefined) tally.retryAfter++;
    if (answer.headers['x-sparql-truncated'] === 'true') tally.truncated++;
  }
  return [...tallies.values()];
}

function emptyTally(request: AbusiveRequest): AbusiveTally {
  return {
    name: request.name,
    expected: request.expected,
    mayAnswer503: request.mayAnswer503,
    ...(request.mustAnswer !== undefined && { mustAnswer: request.mustAnswer }),
    sent: 0,
    statuses: {},
    samples: {},
    maxMs: 0,
    maxBytes: 0,
    encodings: [],
    retryAfter: 0,
    truncated: 0,
  };
}
