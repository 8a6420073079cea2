/**
 * `npm run bench:replicas`: what running several API replicas on one
 * PostgreSQL store (DATABASE_URL) costs and gives, on this machine.
 *
 * Starts a throwaway PostgreSQL 15 cluster (test/support/startPostgres.ts),
 * a database and a tokens file, then replica A (which seeds the empty
 * database from the shipped data) and replica B, each `src/main.ts` in a
 * process of its own as `npm start` runs it (startReplica.ts). Then:
 *
 * 1. Publish-to-visible (measureVisibility.ts): after `--warmup-publishes`
 *    (one on each replica by default: a replica's first publish starts its
 *    checks' process; timed and kept, not counted), `--publishes` times, a
 *    one-collaboration Turtle dataset with a new name each time is PUT on A
 *    and on B in turn; from the moment the PUT is sent, every replica's
 *    GraphQL is asked the collaboration's name every `--poll-ms` until it
 *    answers the new one (at most `--cap-ms`). Reports the PUT's own time and
 *    the median and maximum per replica, by role (writer / the other, which
 *    learns of the commit by LISTEN/NOTIFY or the poll fallback), and whether
 *    all replicas named the same Data-Version. Once more for a larger
 *    synthetic dataset (`--large-triples`, 0 skips it).
 * 2. Read throughput (measureReadThroughput.ts): the main benchmark's
 *    single-entity question (a) for a shipped municipality, loaded with
 *    autocannon (bench/loadGenerator.ts, a child process per replica) on A
 *    alone, then on A and B at once; the ratio two ÷ one.
 *
 * Prints a Markdown table on stdout (progress on stderr) and writes
 * bench/results/replicas-latest.json with the machine and its load average
 * at start. Stops the replicas and the cluster at the end, also on failure
 * or Ctrl-C. Figures count only from a run started on a quiet machine.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { addToken } from '../../src/publish/Tokens.js';
import { startPostgres, type PostgresCluster } from '../../test/support/startPostgres.js';
import { benchmarkQueries } from '../benchmarkQueries.js';
import { DEFAULT_SEED } from '../generateNationalDataset.js';
import { machineInfo } from '../machineInfo.js';
import { syntheticNTriples } from '../publish/syntheticNTriples.js';
import { measureReadThroughput, type ReadLoadOptions } from './measureReadThroughput.js';
import { measureVisibility, type PollPlan, type VisibilityRun } from './measureVisibility.js';
import { replicasResultsTable, type ReplicasResults } from './replicasResultsTable.js';
import { startReplica, type Replica } from './startReplica.js';
import { summariseVisibility } from './summariseVisibility.js';

const { values } = parseArgs({
  options: {
    publishes: { type: 'string', default: '10' },
    'warmup-publishes': { type: 'string', default: '2' },
    'poll-ms': { type: 'string', default: '15' },
    'cap-ms': { type: 'string', default: '30000' },
    'large-triples': { type: 'string', default: '10000' },
    connections: { type: 'string', default: '10' },
    'warmup-seconds': { type: 'string', default: '2' },
    'duration-seconds': { type: 'string', default: '5' },
    runs: { type: 'string', default: '3' },
  },
});

/** Where collaborations' IRIs live, as in the shipped data. */
const COLLABORATION = 'https://w3id.org/kulturskola/samverkan/';
/** The slug of the small dataset published again and again. */
const SMALL_SLUG = 'bench-replikor';
/** The slug of the larger synthetic dataset, published once. */
const LARGE_SLUG = 'bench-replikor-stor';
/** A shipped municipality with several memberships (the load test asks for it too). */
const MUNICIPALITY_CODE = '1883';
/** A replica loads the shipped datasets from PostgreSQL; on a busy machine that can take a while. */
const READY_WITHIN_MS = 300_000;

function progress(message: string): void {
  process.stderr.write(`[bench:replicas ${(performance.now() / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
}

/** The small dataset: one collaboration and its Swedish name, as Turtle. */
function collaborationTurtle(name: string): string {
  return `@prefix org: <http://www.w3.org/ns/org#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<${COLLABORATION}${SMALL_SLUG}> a org:OrganizationalCollaboration ; skos:prefLabel ${JSON.stringify(name)}@sv .\n`;
}

/** "A 120 ms, B 135 ms": when each replica showed a publish. */
function describeReplicas(run: VisibilityRun): string {
  return run.replicas.map((one) => `${one.replica} ${one.visibleMs === null ? 'not within the cap' : `${Math.round(one.visibleMs)} ms`}`).join(', ');
}

const started = performance.now();
const machine = machineInfo();
const poll: PollPlan = { pollEveryMs: Number(values['poll-ms']), capMs: Number(values['cap-ms']) };
const load: ReadLoadOptions = {
  connections: Number(values.connections),
  warmupSeconds: Number(values['warmup-seconds']),
  durationSeconds: Number(values['duration-seconds']),
  runs: Number(values.runs),
};
const folder = await mkdtemp(join(tmpdir(), 'kulturskolegrafen-bench-replicas-'));
let cluster: PostgresCluster | undefined;
const replicas: Replica[] = [];

let cleaning: Promise<void> | undefined;
/** Stops the replicas, then the cluster, and removes the folder; once, whatever called it. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all(replicas.map((replica) => replica.stop().catch(() => undefined)));
    await cluster?.stop().catch((error: Error) => progress(`could not stop PostgreSQL: ${error.message}`));
    await rm(folder, { recursive: true, force: true });
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    progress(`${signal}: stopping the replicas and PostgreSQL`);
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  if (machine.loadAverageAtStart > 0.5) progress(`WARNING: load average ${machine.loadAverageAtStart.toFixed(2)} at start: other work is competing for the cores; the figures will not count`);
  progress('starting a throwaway PostgreSQL cluster');
  cluster = await startPostgres();
  const databaseUrl = await cluster.createDatabase();
  const tokensFile = join(folder, 'tokens.json');
  const token = addToken(tokensFile, { publisher: 'benchmark', datasets: ['bench-*'] });
  for (const name of ['A', 'B']) {
    progress(`starting replica ${name}${name === 'A' ? ' (seeds the empty database)' : ''}`);
    const replica = await startReplica({ name, databaseUrl, tokensFile, storeDirectory: join(folder, `unused-store-${name}`), logDirectory: folder, readyWithinMs: READY_WITHIN_MS });
    replicas.push(replica);
    progress(`replica ${name} ready at ${replica.url} in ${Math.round(replica.startupMs)} ms`);
  }
  const [a, b] = replicas as [Replica, Replica];

  /** Publishes the small dataset with a name of its own on `writer` and measures when every replica shows it. */
  const publishSmall = async (label: string, writer: Replica): Promise<VisibilityRun> => {
    const name = `Replikmätning ${label} ${Date.now()}`;
    const run = await measureVisibility(
      replicas,
      {
        writer,
        token,
        slug: SMALL_SLUG,
        contentType: 'text/turtle',
        body: collaborationTurtle(name),
        triples: 2,
        probe: `{ collaboration(id: ${JSON.stringify(`${COLLABORATION}${SMALL_SLUG}`)}) { name(lang: "sv") } }`,
        shows: (data) => (data as { collaboration: { name: string | null } | null }).collaboration?.name === name,
      },
      poll,
    );
    progress(`publish ${label} on ${writer.name}: PUT ${Math.round(run.putMs)} ms; ${describeReplicas(run)}`);
    await sleep(200);
    return run;
  };
  // A replica's first publishes start its checks' process and compile the write path: timed and kept, not counted.
  const warmupPublishes: VisibilityRun[] = [];
  for (let index = 0; index < Number(values['warmup-publishes']); index++) warmupPublishes.push(await publishSmall(`warm-up ${index + 1}`, replicas[index % 2]!));
  const publishes: VisibilityRun[] = [];
  const count = Number(values.publishes);
  for (let index = 0; index < count; index++) publishes.push(await publishSmall(`${index + 1}/${count}`, index % 2 === 0 ? a : b));

  let largePublish: VisibilityRun | null = null;
  const largeTriples = Number(values['large-triples']);
  if (largeTriples > 0) {
    progress(`a larger publish: ${largeTriples.toLocaleString('en')} synthetic triples (generated or from the cache)`);
    const large = await syntheticNTriples(largeTriples, DEFAULT_SEED + 1, 'synth-replikor');
    largePublish = await measureVisibility(
      replicas,
      {
        writer: a,
        token,
        slug: LARGE_SLUG,
        contentType: 'application/n-triples',
        body: large.content,
        triples: large.triples,
        probe: `{ collaboration(id: ${JSON.stringify(large.probes.collaboration)}) { id } }`,
        shows: (data) => (data as { collaboration: unknown }).collaboration !== null,
      },
      poll,
    );
    progress(`larger publish on A: PUT ${Math.round(largePublish.putMs)} ms; ${describeReplicas(largePublish)}`);
  }

  const query = benchmarkQueries({ municipalityCode: MUNICIPALITY_CODE, collaboration: `${COLLABORATION}orebro-lan` }).find(({ key }) => key === 'a')!;
  const body = JSON.stringify({ query: query.query });
  const check = (await (await fetch(`${a.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json()) as {
    data?: { municipality: { memberships: unknown[] } | null };
  };
  if (!check.data?.municipality?.memberships.length) throw new Error(`Municipality ${MUNICIPALITY_CODE} has no memberships on A: ${JSON.stringify(check).slice(0, 500)}`);
  const seconds = load.warmupSeconds + load.runs * load.durationSeconds;
  progress(`read throughput on A alone (${query.title}, ${load.connections} connections, about ${seconds} s)`);
  const oneReplica = await measureReadThroughput([a], body, load);
  progress(`read throughput on A and B at once (a load generator each, about ${seconds} s)`);
  const twoReplicas = await measureReadThroughput([a, b], body, load);
  const ratio = twoReplicas.requestsPerSecond / oneReplica.requestsPerSecond;

  // Only the load before this run started tells of other work: the one-minute load average before each throughput case
  // is mostly this run's own earlier steps (starting the replicas, the publishes), which a quiet machine shows too.
  const busyAt = [machine.loadAverageAtStart];
  const notes = [
    `On ${machine.cores} cores the load generators, both replicas and PostgreSQL share the same cores, so the ratio shows what sharing them costs here, not what a replica adds. A replica on cores of its own (its own machine or container with its own CPUs) would scale read throughput about linearly with the number of replicas, because replicas share nothing but the store, and reads do not touch it: each answers GraphQL from its own in-memory graph.`,
    'Each replica gets a load generator process of its own, with the same connections as the single replica; there is no load balancer in front. A balancer (nginx in compose.yaml) would add its own cost on the same cores and measure itself too.',
    'In the one-replica case B is running but idle (it only listens for NOTIFY); nothing is pinned to a core in either case, so that the two cases are run alike.',
    'Publish-to-visible is measured from this process: each poll\'s round trip is part of the figure, and the poll interval bounds its resolution.',
    ...(busyAt.some((average) => average > 0.5)
      ? [`WARNING: the machine was busy (load average ${machine.loadAverageAtStart.toFixed(2)} when the run started): these figures are not results; run again on a quiet machine.`]
      : []),
  ];
  const results: ReplicasResults = {
    machine,
    replicas: replicas.map(({ name, startupMs }) => ({ name, startupMs })),
    poll,
    warmupPublishes,
    publishes,
    visibility: summariseVisibility(publishes),
    largePublish,
    query: { key: query.key, title: query.title, municipalityCode: MUNICIPALITY_CODE, body },
    load,
    oneReplica,
    twoReplicas,
    ratio,
    notes,
    elapsedSeconds: (performance.now() - started) / 1000,
  };
  const resultsFile = fileURLToPath(new URL('../results/replicas-latest.json', import.meta.url));
  await mkdir(fileURLToPath(new URL('../results/', import.meta.url)), { recursive: true });
  await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(replicasResultsTable(results));
  progress(`wrote ${resultsFile}`);
} finally {
  progress('stopping the replicas and PostgreSQL');
  await cleanUp();
}
