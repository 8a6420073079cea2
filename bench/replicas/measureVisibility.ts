import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Replica } from './startReplica.js';

/** One publish to measure: what to PUT where, and how to tell from a GraphQL answer that a replica serves it. */
export interface PublishToMeasure {
  /** The replica that takes the PUT. */
  writer: Replica;
  /** A bearer token that may write `slug`. */
  token: string;
  slug: string;
  contentType: string;
  body: string | Buffer;
  triples: number;
  /** The GraphQL query each replica is polled with. */
  probe: string;
  /** Whether the answer's `data` shows the published content. */
  shows(data: unknown): boolean;
}

/** How one replica came to serve a publish. */
export interface ReplicaVisibility {
  replica: string;
  /** From sending the PUT to this replica's first GraphQL answer showing the new content; null when it did not within the cap. */
  visibleMs: number | null;
  /** GraphQL polls sent until then. */
  polls: number;
  /** The Data-Version header of that first answer. */
  dataVersion: string | null;
}

/** One publish, and when every replica served it. */
export interface VisibilityRun {
  writer: string;
  slug: string;
  triples: number;
  putStatus: number;
  /** From sending the PUT to its response. */
  putMs: number;
  replicas: ReplicaVisibility[];
  /** Whether every replica named the same Data-Version when it first showed the content. */
  sameDataVersion: boolean;
}

/** How often and how long each replica is asked. */
export interface PollPlan {
  pollEveryMs: number;
  capMs: number;
}

/**
 * PUTs a dataset on its writer and, from the same moment, asks every replica
 * (the writer included) its GraphQL probe every `pollEveryMs` until the answer
 * shows the new content, or `capMs` has passed. All timing is on this
 * process's monotonic clock, from just before the PUT is sent; a poll's own
 * round trip is part of what it measures, as it would be for a client.
 * Throws when the PUT is refused or a probe answers other than 200 with data.
 */
export async function measureVisibility(replicas: readonly Replica[], publish: PublishToMeasure, plan: PollPlan): Promise<VisibilityRun> {
  const { writer } = publish;
  const sentAt = performance.now();
  let refused: Error | undefined;
  const put = fetch(`${writer.url}/datasets/${publish.slug}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${publish.token}`, 'content-type': publish.contentType },
    body: publish.body,
  }).then(async (response) => {
    const text = await response.text();
    const answer = { status: response.status, ms: performance.now() - sentAt };
    if (response.status >= 300) refused = new Error(`The PUT of ${publish.slug} on ${writer.name} answered HTTP ${response.status}: ${text.slice(0, 1000)}`);
    return answer;
  });
  const follow = async (replica: Replica): Promise<ReplicaVisibility> => {
    let polls = 0;
    for (;;) {
      if (refused) throw refused;
      polls++;
      const answer = await ask(replica, publish.probe);
      if (publish.shows(answer.data)) return { replica: replica.name, visibleMs: performance.now() - sentAt, polls, dataVersion: answer.dataVersion };
      if (performance.now() - sentAt > plan.capMs) return { replica: replica.name, visibleMs: null, polls, dataVersion: null };
      await sleep(plan.pollEveryMs);
    }
  };
  const [answer, ...seen] = await Promise.all([put, ...replicas.map(follow)]);
  if (refused) throw refused;
  const versions = new Set(seen.map(({ dataVersion }) => dataVersion));
  return {
    writer: writer.name,
    slug: publish.slug,
    triples: publish.triples,
    putStatus: answer.status,
    putMs: answer.ms,
    replicas: seen,
    sameDataVersion: versions.size === 1 && !versions.has(null),
  };
}

/** The replica's GraphQL answer to `query` and the Data-Version it names; throws unless it is a 200 with data and no errors. */
async function ask(replica: Replica, query: string): Promise<{ data: unknown; dataVersion: string | null }> {
  const response = await fetch(`${replica.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const text = await response.text();
  const answer = JSON.parse(text) as { data?: unknown; errors?: unknown };
  if (response.status !== 200 || answer.errors !== undefined || answer.data === null || answer.data === undefined) {
    throw new Error(`Replica ${replica.name} answered the probe with HTTP ${response.status}: ${text.slice(0, 500)}`);
  }
  return { data: answer.data, dataVersion: response.headers.get('data-version') };
}
