import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToken } from '../../src/publish/Tokens.js';
import { dataPath } from '../../src/rdf/dataPath.js';
import { describeRun, runCli } from '../cli/runCli.js';
import { startPostgres, type PostgresCluster } from '../support/startPostgres.js';
import { startServerProcess, type ServerProcess } from '../support/startServerProcess.js';

/**
 * API replicas: several server processes (src/main.ts) on one PostgreSQL
 * store (DATABASE_URL), each serving the whole graph from memory and
 * following every publish, whichever replica took it.
 */

const DATASET = 'https://w3id.org/kulturskola/dataset/';
const COLLABORATION = 'https://w3id.org/kulturskola/samverkan/';
/** How long a replica is given to take in another's publish: a bound on the test, not the speed the benchmark measures. */
const FOLLOWS_WITHIN_MS = 30_000;

let cluster: PostgresCluster;
let folder: string;
let databaseUrl: string;
let tokensFile: string;
let token: string;
const replicas: ServerProcess[] = [];

function startReplica(env: Record<string, string> = {}): Promise<ServerProcess> {
  // Each replica has a store folder of its own that it must not use: the database is the store.
  return startServerProcess({ DATABASE_URL: databaseUrl, TOKENS_FILE: tokensFile, STORE_DIR: join(folder, `unused-${replicas.length}`), ...env }).then((replica) => {
    replicas.push(replica);
    return replica;
  });
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'kulturskolegrafen-replicas-'));
  tokensFile = join(folder, 'tokens.json');
  token = addToken(tokensFile, { publisher: 'Samordnaren i Örebro län', datasets: ['orebro-lan', 'test-*'] });
  cluster = await startPostgres();
  databaseUrl = await cluster.createDatabase();
  // The first seeds the empty database from the shipped data; the second finds it seeded.
  await startReplica();
  await startReplica();
}, 300_000);

afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.stop().catch(() => undefined)));
  await cluster?.stop();
  await rm(folder, { recursive: true, force: true });
}, 120_000);

/** A collaboration of one test's own, as Turtle: its IRI and its Swedish name. */
function collaborationTurtle(slug: string, name: string): string {
  return `@prefix org: <http://www.w3.org/ns/org#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    <${COLLABORATION}${slug}> a org:OrganizationalCollaboration ; skos:prefLabel "${name}"@sv .`;
}

function put(replica: ServerProcess, slug: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${replica.url}/datasets/${slug}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/turtle', ...headers }, body });
}

/** The collaboration's Swedish name as the replica's GraphQL answers it (null when it has none), with the data version the answer names. */
async function nameOn(replica: ServerProcess, slug: string): Promise<{ name: string | null; dataVersion: string | null }> {
  const response = await fetch(`${replica.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ collaboration(id: "${COLLABORATION}${slug}") { name(lang: "sv") } }` }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { data: { collaboration: { name: string } | null } };
  return { name: body.data.collaboration?.name ?? null, dataVersion: response.headers.get('data-version') };
}

async function health(replica: ServerProcess): Promise<{ dataVersion: string | null; body: { quads: number; graphs: Array<{ graph: string; version: number; quads: number }> } }> {
  const response = await fetch(`${replica.url}/health`);
  return { dataVersion: response.headers.get('data-version'), body: (await response.json()) as never };
}

async function versionsOn(replica: ServerProcess, slug: string): Promise<number[]> {
  const response = await fetch(`${replica.url}/datasets/${slug}/versions`);
  if (response.status === 404) return [];
  return ((await response.json()) as { versions: Array<{ version: number }> }).versions.map(({ version }) => version);
}

/** Resolves once `look` gives what `done` accepts, asking again every 100 ms; fails the test after FOLLOWS_WITHIN_MS. */
async function eventually<T>(look: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + FOLLOWS_WITHIN_MS;
  for (;;) {
    const value = await look();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(value)} after ${FOLLOWS_WITHIN_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Each waits for other processes (FOLLOWS_WITHIN_MS at the most for each wait), on a machine that may be busy.
describe('two replicas on one PostgreSQL store', { timeout: 120_000 }, () => {
  it('serve the same data at the same data version', async () => {
    const [a, b] = replicas as [ServerProcess, ServerProcess];
    const [first, second] = await Promise.all([health(a), health(b)]);
    expect(second.dataVersion).toBe(first.dataVersion);
    expect(second.body.graphs).toEqual(first.body.graphs);
    // The shipped files, which the first replica seeded the database with.
    const shipped = (await readdir(dataPath('graphs'))).map((file) => `${DATASET}${file.slice(0, file.lastIndexOf('.'))}`).sort();
    expect(first.body.graphs.map(({ graph }) => graph)).toEqual(shipped);
    expect(first.body.graphs.map(({ version }) => version)).toEqual(shipped.map(() => 1));
    expect(await nameOn(b, 'orebro-lan')).toEqual(await nameOn(a, 'orebro-lan'));
    expect((await nameOn(a, 'orebro-lan')).name).toBe('Kulturskolesamverkan i Örebro län');
  });

  it('serve a publish taken by one on the other too, at the data version the first answers with', async () => {
    const [a, b] = replicas as [ServerProcess, ServerProcess];
    const created = await put(a, 'test-nord', collaborationTurtle('test-nord', 'Testsamverkan Nord'));
    expect(created.status).toBe(201);
    const onA = await nameOn(a, 'test-nord');
    expect(onA.name).toBe('Testsamverkan Nord');
    const onB = await eventually(() => nameOn(b, 'test-nord'), ({ name }) => name !== null);
    expect(onB).toEqual(onA);
    expect(await versionsOn(b, 'test-nord')).toEqual([1]);
    const ask = await fetch(`${b.url}/sparql?query=${encodeURIComponent(`ASK { GRAPH <${DATASET}test-nord> { ?s ?p ?o } }`)}`, { headers: { accept: 'application/sparql-results+json' } });
    expect(((await ask.json()) as { boolean: boolean }).boolean).toBe(true);
  });

  it('serve a withdrawal taken by one on the other too', async () => {
    const [a, b] = replicas as [ServerProcess, ServerProcess];
    await put(b, 'test-borta', collaborationTurtle('test-borta', 'Testsamverkan Borta'));
    await eventually(() => nameOn(a, 'test-borta'), ({ name }) => name !== null);
    const withdrawn = await fetch(`${a.url}/datasets/test-borta`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(withdrawn.status).toBe(204);
    expect((await eventually(() => nameOn(b, 'test-borta'), ({ name }) => name === null)).name).toBeNull();
    expect(await versionsOn(b, 'test-borta')).toEqual([1, 2]);
  });

  it('let one of two writes that both name the same ETag in If-Match win, and answer the other 412', async () => {
    const [a, b] = replicas as [ServerProcess, ServerProcess];
    const created = await put(a, 'test-tavlan', collaborationTurtle('test-tavlan', 'Tävlan 0'));
    const etag = created.headers.get('etag')!;
    await eventually(() => versionsOn(b, 'test-tavlan'), (versions) => versions.length === 1);
    const answers = await Promise.all([
      put(a, 'test-tavlan', collaborationTurtle('test-tavlan', 'Tävlan A'), { 'if-match': etag }),
      put(b, 'test-tavlan', collaborationTurtle('test-tavlan', 'Tävlan B'), { 'if-match': etag }),
    ]);
    expect(answers.map(({ status }) => status).sort()).toEqual([200, 412]);
    const winner = answers[0]!.status === 200 ? 'Tävlan A' : 'Tävlan B';
    for (const replica of [a, b]) {
      expect((await eventually(() => nameOn(replica, 'test-tavlan'), ({ name }) => name === winner)).name).toBe(winner);
      expect(await versionsOn(replica, 'test-tavlan')).toEqual([1, 2]);
    }
  });

  it('number the versions of writes without If-Match on both one after another, losing none', async () => {
    const [a, b] = replicas as [ServerProcess, ServerProcess];
    const answers = await Promise.all([
      put(a, 'test-samtidigt', collaborationTurtle('test-samtidigt', 'Samtidigt A')),
      put(b, 'test-samtidigt', collaborationTurtle('test-samtidigt', 'Samtidigt B')),
    ]);
    const written = (await Promise.all(answers.map((answer) => answer.json()))) as Array<{ version: number }>;
    expect(written.map(({ version }) => version).sort()).toEqual([1, 2]);
    for (const replica of [a, b]) expect(await eventually(() => versionsOn(replica, 'test-samtidigt'), (versions) => versions.length === 2)).toEqual([1, 2]);
  });

  it('load the current versions when a replica starts later', async () => {
    const [a] = replicas as [ServerProcess];
    const late = await startReplica();
    expect((await health(late)).dataVersion).toBe((await health(a)).dataVersion);
    expect(await nameOn(late, 'test-nord')).toEqual(await nameOn(a, 'test-nord'));
    await late.stop();
    replicas.pop();
  }, 120_000);
});

describe('the command line on the database itself (--database), beside running replicas', () => {
  it('publishes through the same checks, and every replica takes the version in', async () => {
    const [a, b] = replicas as [ServerProcess, ServerProcess];
    const file = join(folder, 'test-rad.ttl');
    await writeFile(file, collaborationTurtle('test-rad', 'Testsamverkan från kommandoraden'));
    const run = await runCli('dataset', ['publish', 'test-rad', file, '--database', databaseUrl, '--publisher', 'Samordnaren i Örebro län']);
    expect(run.code, describeRun(run)).toBe(0);
    for (const replica of [a, b]) {
      expect((await eventually(() => nameOn(replica, 'test-rad'), ({ name }) => name !== null)).name).toBe('Testsamverkan från kommandoraden');
    }
    const history = await runCli('dataset', ['history', 'test-rad', '--json'], { DATABASE_URL: databaseUrl });
    expect(history.code, describeRun(history)).toBe(0);
    expect((JSON.parse(history.stdout) as { versions: Array<{ version: number; publisher: string }> }).versions.map(({ version, publisher }) => [version, publisher])).toEqual([
      [1, 'Samordnaren i Örebro län'],
    ]);
  }, 120_000);
});

describe('when the database goes away', () => {
  it('a publish fails with 503 naming the store, readers keep being served, and nothing is half-written', async () => {
    const [a, b] = replicas as [ServerProcess, ServerProcess];
    const before = await health(a);
    await cluster.kill();
    try {
      const refused = await put(a, 'test-nere', collaborationTurtle('test-nere', 'Testsamverkan Nere'));
      expect(refused.status).toBe(503);
      expect(((await refused.json()) as { error: string }).error).toContain('The store could not save version 1 of test-nere, so nothing was changed');
      for (const replica of [a, b]) {
        expect((await nameOn(replica, 'test-nord')).name).toBe('Testsamverkan Nord');
        expect((await health(replica)).dataVersion).toBe(before.dataVersion);
      }
    } finally {
      await cluster.start();
    }
    expect(await versionsOn(a, 'test-nere')).toEqual([]);
  }, 120_000);

  it('publishing works again once it is back, on every replica, without restarting them', async () => {
    const [a, b] = replicas as [ServerProcess, ServerProcess];
    const created = await eventually(
      () => put(b, 'test-tillbaka', collaborationTurtle('test-tillbaka', 'Testsamverkan Tillbaka')),
      (response) => response.status !== 503,
    );
    expect(created.status).toBe(201);
    expect((await eventually(() => nameOn(a, 'test-tillbaka'), ({ name }) => name !== null)).name).toBe('Testsamverkan Tillbaka');
  }, 120_000);
});

describe('when a replica is killed in the middle of a publish', () => {
  it('the other replica and the store are unaffected: the version is there whole on the other, or not at all', async () => {
    const [a] = replicas as [ServerProcess];
    const doomed = await startReplica();
    const answer = put(doomed, 'test-avbruten', collaborationTurtle('test-avbruten', 'Testsamverkan Avbruten')).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await doomed.kill();
    replicas.pop();
    await answer;
    const versions = await versionsOn(a, 'test-avbruten');
    expect([[], [1]]).toContainEqual(versions);
    expect((await nameOn(a, 'test-avbruten')).name).toBe(versions.length === 1 ? 'Testsamverkan Avbruten' : null);
    const next = await put(a, 'test-avbruten', collaborationTurtle('test-avbruten', 'Testsamverkan Avbruten, igen'));
    expect((await next.json()) as { version: number }).toMatchObject({ version: versions.length + 1 });
  }, 120_000);
});

describe('two replicas started together on an empty database', () => {
  it('both seed it from the shipped data, and the one that comes second finds its versions there: one version each, the same data', async () => {
    const empty = await cluster.createDatabase();
    const started = await Promise.all(
      ['together-1', 'together-2'].map((name) => startServerProcess({ DATABASE_URL: empty, TOKENS_FILE: tokensFile, STORE_DIR: join(folder, name) })),
    );
    try {
      const [first, second] = await Promise.all(started.map(health));
      expect(second!.dataVersion).toBe(first!.dataVersion);
      expect(first!.body.graphs.map(({ version }) => version)).toEqual(first!.body.graphs.map(() => 1));
      expect(second!.body.graphs).toEqual(first!.body.graphs);
    } finally {
      await Promise.all(started.map((replica) => replica.stop()));
    }
  }, 180_000);
});

describe('a replica that cannot reach the database at start', () => {
  it('says which database and why, and exits non-zero', async () => {
    const nowhere = `postgres://kulturskola:hemligt@127.0.0.1:${cluster.port + 1}/ingen`;
    const failure = await startServerProcess({ DATABASE_URL: nowhere, TOKENS_FILE: tokensFile, STORE_DIR: join(folder, 'unused-nowhere') }).then(
      () => 'it served',
      (error: Error) => error.message,
    );
    expect(failure).toContain('exited with code 1 before serving');
    expect(failure).toContain(`Could not reach the store's PostgreSQL database at postgres://kulturskola:***@127.0.0.1:${cluster.port + 1}/ingen`);
    expect(failure).not.toContain('hemligt');
  }, 120_000);
});
