import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPublishedData } from '../../src/http/openPublishedData.js';
import { startServer } from '../../src/http/startServer.js';
import { dataPath } from '../../src/rdf/dataPath.js';
import { Preparer } from '../../src/publish/Preparer.js';
import { Publisher } from '../../src/publish/Publisher.js';
import { PublishError } from '../../src/publish/PublishError.js';
import { FolderStore } from '../../src/store/FolderStore.js';

// While a publish is checked, whoever serves the data is told the content it may become, so that
// reading it in can start before the checks end; then told that the write has ended, served or not.

const COLLABORATION = 'https://w3id.org/kulturskola/samverkan/orebro-lan';
const NAME = 'http://www.w3.org/2004/02/skos/core#prefLabel';

let folder: string;
let preparation: Preparer;
let publisher: Publisher;
/** What the publisher told, in order: anticipations, and the changes it had served. */
let told: Array<{ anticipated: string; content: string | null } | { served: string; content: string | null }>;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'kulturskolegrafen-anticipation-'));
  preparation = new Preparer();
  publisher = await Publisher.open({ store: await FolderStore.open(join(folder, 'store')), preparation, seedDirectory: dataPath('graphs') });
  publisher.follow(
    async ({ slug, content }) => void told.push({ served: slug, content }),
    (slug, content) => void told.push({ anticipated: slug, content }),
  );
});

afterAll(async () => {
  await preparation.close();
  await publisher.close();
  await rm(folder, { recursive: true, force: true });
});

/** The Örebro dataset as it is now, with the collaboration's Swedish name replaced, as N-Triples. */
async function renamed(name: string): Promise<string> {
  const content = await publisher.content('orebro-lan', publisher.state('orebro-lan')!.version);
  const line = content.split('\n').find((candidate) => candidate.startsWith(`<${COLLABORATION}> <${NAME}> `) && candidate.endsWith('@sv .'));
  expect(line).toBeDefined();
  return content.replace(line!, `<${COLLABORATION}> <${NAME}> "${name}"@sv .`);
}

function publish(body: string) {
  return publisher.publish({ slug: 'orebro-lan', mediaType: 'application/n-triples', body: Buffer.from(body), publisher: 'test' });
}

describe('a publish tells what it may serve before its checks end', () => {
  it('an accepted one: its canonical content, then the change served with that same content, then that the write has ended', async () => {
    told = [];
    // Lines out of order: what is told is the canonical form, not the body as sent.
    const body = (await renamed('Ett namn medan den granskas')).split('\n').reverse().join('\n');
    const result = await publish(body);
    expect(result.status).toBe(200);
    const served = await publisher.content('orebro-lan', result.version);
    expect(told).toEqual([
      { anticipated: 'orebro-lan', content: served },
      { served: 'orebro-lan', content: served },
      { anticipated: 'orebro-lan', content: null },
    ]);
  });

  it('a refused one after its syntax and graph name checks: its content, then that the write has ended, and nothing served', async () => {
    told = [];
    const body = `${await renamed('Ett namn som inte godtas')}<${COLLABORATION}> <http://www.w3.org/ns/org#hasMember> <https://w3id.org/kulturskola/kommun/9999> .\n`;
    await expect(publish(body)).rejects.toMatchObject({ code: 'NOT_CONFORMING' });
    expect(told).toHaveLength(2);
    expect(told[0]).toMatchObject({ anticipated: 'orebro-lan' });
    expect((told[0] as { content: string }).content).toContain('kommun/9999');
    expect(told[1]).toEqual({ anticipated: 'orebro-lan', content: null });
  });

  it('one refused for its syntax: nothing at all, since it has no content', async () => {
    told = [];
    await expect(publish('<not n-triples')).rejects.toBeInstanceOf(PublishError);
    expect(told).toEqual([]);
  });

  it('the same content again: its content, then that the write has ended; no new version is served', async () => {
    const body = await publisher.content('orebro-lan', publisher.state('orebro-lan')!.version);
    told = [];
    const result = await publish(body);
    expect(result.unchanged).toBe(true);
    expect(told).toEqual([
      { anticipated: 'orebro-lan', content: body },
      { anticipated: 'orebro-lan', content: null },
    ]);
  });

  it('a rollback tells the content it restores', async () => {
    const first = await publisher.content('orebro-lan', 1);
    told = [];
    const result = await publisher.rollback({ slug: 'orebro-lan', version: 1, publisher: 'test' });
    expect(result.version).toBeGreaterThan(1);
    expect(told).toEqual([
      { anticipated: 'orebro-lan', content: first },
      { served: 'orebro-lan', content: first },
      { anticipated: 'orebro-lan', content: null },
    ]);
  });

  it('a validation tells nothing: it can never be served', async () => {
    told = [];
    await publisher.validate({ slug: 'orebro-lan', mediaType: 'application/n-triples', body: Buffer.from(await renamed('Bara granskad')) });
    expect(told).toEqual([]);
  });
});

describe('a server reads in what it is told early, but serves only what was committed', () => {
  it('when what it was told differs from the committed content, it serves the committed content', async () => {
    const serverFolder = await mkdtemp(join(tmpdir(), 'kulturskolegrafen-anticipation-server-'));
    const published = await openPublishedData({ storeDirectory: join(serverFolder, 'store'), logger: pino({ level: 'silent' }) });
    // Whatever the server is told early is replaced by a content that is never committed: a stale anticipation.
    const follow = published.publisher.follow.bind(published.publisher);
    published.publisher.follow = (serve, anticipate) =>
      follow(serve, (slug, content) => anticipate?.(slug, content === null ? null : content.replace('Ett namn som publicerades', 'Ett namn som aldrig publicerades')));
    const server = await startServer({ ...published.served, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0 });
    try {
      const current = await published.publisher.content('orebro-lan', published.publisher.state('orebro-lan')!.version);
      const line = current.split('\n').find((candidate) => candidate.startsWith(`<${COLLABORATION}> <${NAME}> `) && candidate.endsWith('@sv .'))!;
      const body = current.replace(line, `<${COLLABORATION}> <${NAME}> "Ett namn som publicerades"@sv .`);
      await published.publisher.publish({ slug: 'orebro-lan', mediaType: 'application/n-triples', body: Buffer.from(body), publisher: 'test' });
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ collaboration(id: "${COLLABORATION}") { name(lang: "sv") } }` }),
      });
      expect(await response.json()).toEqual({ data: { collaboration: { name: 'Ett namn som publicerades' } } });
    } finally {
      await server.stop();
      await published.close();
      await rm(serverFolder, { recursive: true, force: true });
    }
  });
});
