import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPublishedData } from '../../src/http/openPublishedData.js';
import { startServer, type RunningServer } from '../../src/http/startServer.js';
import type { Publisher } from '../../src/publish/Publisher.js';
import { addToken } from '../../src/publish/Tokens.js';
import type { CommitStep } from '../../src/store/DatasetStore.js';
import { skos } from '../../src/rdf/vocabulary.js';

const COLLABORATION = 'https://w3id.org/kulturskola/samverkan/orebro-lan';

let folder: string;
let server: RunningServer;
let publisher: Publisher;
let closePublishing: () => Promise<void>;
let token: string;
/** The commit step at which the store fails next, as a failing disk would. */
let failAt: CommitStep | undefined;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'kulturskolegrafen-safety-'));
  token = addToken(join(folder, 'tokens.json'), { publisher: 'Testare', datasets: ['*'] });
  const published = await openPublishedData({
    storeDirectory: join(folder, 'store'),
    tokensFile: join(folder, 'tokens.json'),
    logger: pino({ level: 'silent' }),
    storeOptions: {
      faults: (step) => {
        if (step === failAt) throw new Error(`a failure injected at ${step}`);
      },
    },
  });
  publisher = published.publisher;
  closePublishing = published.close;
  server = await startServer({ ...published.served, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server.stop();
  await closePublishing();
  await rm(folder, { recursive: true, force: true });
});

async function servedName(): Promise<string> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ collaboration(id: "${COLLABORATION}") { name(lang: "sv") } }` }),
  });
  return ((await response.json()) as { data: { collaboration: { name: string } } }).data.collaboration.name;
}

/** The shipped Örebro dataset (version 1) with the collaboration's Swedish name replaced. */
async function withName(name: string): Promise<string> {
  const content = await publisher.content('orebro-lan', 1);
  return content.replace(/^(<https:\/\/w3id\.org\/kulturskola\/samverkan\/orebro-lan> <http:\/\/www\.w3\.org\/2004\/02\/skos\/core#prefLabel> )"[^"]*"@sv \.$/m, `$1"${name}"@sv .`);
}

function put(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/datasets/orebro-lan`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/n-triples', ...headers }, body });
}

describe('a store that fails before the commit point', () => {
  for (const step of ['content-written', 'content-renamed', 'manifest-written'] as const) {
    it(`at ${step}: the write gets 503, the previous version stays whole and served, and the next write takes its number`, async () => {
      const before = publisher.state('orebro-lan')!;
      const name = await servedName();
      failAt = step;
      const failed = await put(await withName(`Namn som aldrig sparas (${step})`));
      failAt = undefined;
      expect(failed.status).toBe(503);
      expect(((await failed.json()) as { error: string }).error).toContain('nothing was changed');
      expect(publisher.state('orebro-lan')).toEqual(before);
      expect(await servedName()).toBe(name);
      expect((await readdir(join(folder, 'store', 'versions', 'orebro-lan'))).sort()).toEqual(
        (await publisher.history('orebro-lan')).versions.filter(({ activity }) => activity !== 'withdraw').map(({ version }) => `${version}.nt`).sort(),
      );

      const next = await put(await withName(`Namn efter felet (${step})`));
      expect(next.status).toBe(200);
      expect(((await next.json()) as { version: number }).version).toBe(before.version + 1);
      expect(await servedName()).toBe(`Namn efter felet (${step})`);
    });
  }
});

describe('a store that fails after the commit point', () => {
  for (const step of ['manifest-renamed', 'audit-appended'] as const) {
    it(`at ${step}: the version is committed, so it is served and in the audit log`, async () => {
      const before = publisher.state('orebro-lan')!;
      failAt = step;
      const written = await put(await withName(`Namn sparat trots fel (${step})`));
      failAt = undefined;
      expect(written.status).toBe(200);
      expect(await servedName()).toBe(`Namn sparat trots fel (${step})`);
      const audit = await publisher.store.audit();
      expect(audit.at(-1)).toMatchObject({ slug: 'orebro-lan', version: before.version + 1, activity: 'publish', publisher: 'Testare' });
    });
  }
});

describe('concurrent writes to one dataset', () => {
  it('are serialised: each gets its own version, in order, and the last one is served', async () => {
    const first = publisher.state('orebro-lan')!.version;
    const names = Array.from({ length: 5 }, (_, index) => `Samtidigt namn ${index}`);
    const answers = await Promise.all(names.map(async (name) => ({ name, response: await put(await withName(name)) })));
    const versions = await Promise.all(answers.map(async ({ name, response }) => ({ name, status: response.status, version: ((await response.json()) as { version: number }).version })));
    expect(versions.map(({ status }) => status)).toEqual([200, 200, 200, 200, 200]);
    expect(versions.map(({ version }) => version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5].map((offset) => first + offset));
    const last = versions.reduce((latest, candidate) => (candidate.version > latest.version ? candidate : latest));
    expect(await servedName()).toBe(last.name);
    const history = await publisher.history('orebro-lan');
    expect(history.versions.map(({ version }) => version)).toEqual(Array.from({ length: first + 5 }, (_, index) => index + 1));
  });

  it('with the same If-Match: exactly one wins, the others get 412 and change nothing', async () => {
    const { etag, version } = publisher.state('orebro-lan')!;
    const answers = await Promise.all([0, 1, 2].map(async (index) => put(await withName(`Villkorat namn ${index}`), { 'if-match': etag! })));
    expect(answers.map(({ status }) => status).sort()).toEqual([200, 412, 412]);
    expect(publisher.state('orebro-lan')!.version).toBe(version + 1);
  });
});

describe('the same content again', () => {
  it('makes no new version and changes nothing served', async () => {
    const state = publisher.state('orebro-lan')!;
    const again = await put(await publisher.content('orebro-lan', state.version));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ version: state.version, unchanged: true, added: 0, removed: 0 });
    expect(publisher.state('orebro-lan')).toEqual(state);
  });

  it('in another syntax, with blank nodes relabelled, is the same content', async () => {
    const state = publisher.state('orebro-lan')!;
    const content = await publisher.content('orebro-lan', state.version);
    const turtle = content.replace(/_:c14n(\d+)/g, (_, n: string) => `_:x${9 - Number(n)}`);
    expect(turtle).not.toBe(content);
    const again = await put(turtle, { 'content-type': 'text/turtle' });
    expect(await again.json()).toMatchObject({ version: state.version, unchanged: true });
  });
});

describe('history', () => {
  it('records each change with what it added and removed, and diff names the triples', async () => {
    const history = await publisher.history('orebro-lan');
    const [last, previous] = [history.versions.at(-1)!, history.versions.at(-2)!];
    expect(last).toMatchObject({ activity: 'publish', publisher: 'Testare', added: 1, removed: 1 });
    const diff = await (await fetch(`${server.url}/datasets/orebro-lan/diff?from=${previous.version}&to=${last.version}`)).json();
    expect(diff).toMatchObject({
      added: [expect.stringContaining(`<${skos.prefLabel.value}> "Villkorat namn`)],
      removed: [expect.stringContaining(`<${skos.prefLabel.value}> "Samtidigt namn`)],
    });
  });
});
