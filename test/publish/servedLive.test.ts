import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'n3';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPublishedData } from '../../src/http/openPublishedData.js';
import { startServer, type RunningServer } from '../../src/http/startServer.js';
import type { Publisher } from '../../src/publish/Publisher.js';
import { addToken } from '../../src/publish/Tokens.js';
import { dcat, foaf, kg, prov, skos } from '../../src/rdf/vocabulary.js';

const COLLABORATION = 'https://w3id.org/kulturskola/samverkan/orebro-lan';
const RENAMED = 'Kulturskolesamverkan i Örebro län (version of this test)';

let folder: string;
let server: RunningServer;
let publisher: Publisher;
let closePublishing: () => Promise<void>;
let token: string;
let shippedName: string;
let firstVersion: string;

async function start(): Promise<void> {
  const published = await openPublishedData({ storeDirectory: join(folder, 'store'), tokensFile: join(folder, 'tokens.json'), logger: pino({ level: 'silent' }) });
  publisher = published.publisher;
  closePublishing = published.close;
  server = await startServer({ ...published.served, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0 });
}

async function stop(): Promise<void> {
  await server.stop();
  await closePublishing();
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'kulturskolegrafen-live-'));
  token = addToken(join(folder, 'tokens.json'), { publisher: 'Samordnaren i Örebro län', datasets: ['orebro-lan', 'test-*'] });
  await start();
  shippedName = (await collaborationName()).name!;
  firstVersion = (await fetch(`${server.url}/health`)).headers.get('data-version')!;
});

afterAll(async () => {
  await stop();
  await rm(folder, { recursive: true, force: true });
});

/** The collaboration's Swedish name as GraphQL answers it, with the data version the answer names. */
async function collaborationName(): Promise<{ name: string | null; version: string | null }> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ collaboration(id: "${COLLABORATION}") { name(lang: "sv") } }` }),
  });
  const body = (await response.json()) as { data: { collaboration: { name: string } | null } };
  return { name: body.data.collaboration?.name ?? null, version: response.headers.get('data-version') };
}

/** The Örebro dataset's current content with the collaboration's Swedish name replaced. */
async function renamedContent(name: string): Promise<string> {
  const state = publisher.state('orebro-lan')!;
  const content = await publisher.content('orebro-lan', state.version);
  const nameLine = content.split('\n').find((line) => line.startsWith(`<${COLLABORATION}> <${skos.prefLabel.value}> `) && line.endsWith('@sv .'));
  expect(nameLine).toBeDefined();
  return content.replace(nameLine!, `<${COLLABORATION}> <${skos.prefLabel.value}> "${name}"@sv .`);
}

function put(slug: string, body: string, contentType = 'application/n-triples'): Promise<Response> {
  return fetch(`${server.url}/datasets/${slug}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body });
}

describe('a publish is served at once, by every route, from one data version', () => {
  let answer: Response;
  let written: { version: number; dataset: string; triples: number };

  beforeAll(async () => {
    answer = await put('orebro-lan', await renamedContent(RENAMED));
    written = (await answer.json()) as typeof written;
  });

  it('answers 200 with version 2 and the new data version', () => {
    expect(answer.status).toBe(200);
    expect(written).toMatchObject({ dataset: kg.dataset('orebro-lan').value, version: 2 });
    expect(answer.headers.get('data-version')).not.toBe(firstVersion);
  });

  it('in GraphQL', async () => {
    expect(shippedName).not.toBe(RENAMED);
    expect(await collaborationName()).toEqual({ name: RENAMED, version: answer.headers.get('data-version') });
  });

  it('in GraphQL, as the dataset’s version', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ orebro: dataset(id: "${kg.dataset('orebro-lan').value}") { version } kommuner: dataset(id: "${kg.dataset('kommuner').value}") { version } }` }),
    });
    expect(await response.json()).toEqual({ data: { orebro: { version: 2 }, kommuner: { version: 1 } } });
  });

  it('in SPARQL', async () => {
    const query = `SELECT ?name WHERE { <${COLLABORATION}> <${skos.prefLabel.value}> ?name FILTER(lang(?name) = "sv") }`;
    const response = await fetch(`${server.url}/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } });
    const names = ((await response.json()) as { results: { bindings: Array<{ name: { value: string } }> } }).results.bindings.map(({ name }) => name.value);
    expect(names).toEqual([RENAMED]);
    expect(response.headers.get('data-version')).toBe(answer.headers.get('data-version'));
  });

  it('on the resource page', async () => {
    const response = await fetch(`${server.url}/samverkan/orebro-lan`, { headers: { accept: 'text/turtle' } });
    const text = await response.text();
    expect(text).toContain(RENAMED);
    expect(text).not.toContain(`"${shippedName}"@sv`);
    expect(response.headers.get('data-version')).toBe(answer.headers.get('data-version'));
  });

  it('in the dump', async () => {
    const response = await fetch(`${server.url}/dump.nq`);
    const text = await response.text();
    expect(text).toContain(`"${RENAMED}"@sv <${kg.dataset('orebro-lan').value}> .`);
    expect(text).not.toContain(`"${shippedName}"@sv <${kg.dataset('orebro-lan').value}> .`);
    expect(response.headers.get('etag')).toContain(answer.headers.get('data-version')!.slice(0, 32));
  });

  it('in the catalogue, with the new version, its predecessor and who made it', async () => {
    const response = await fetch(`${server.url}/catalog`, { headers: { accept: 'application/n-triples' } });
    const quads = new Parser({ format: 'N-Triples' }).parse(await response.text());
    const objects = (subject: string, predicate: string) => quads.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object.value);
    const dataset = kg.dataset('orebro-lan').value;
    const [one, two] = [kg.datasetVersion('orebro-lan', 1).value, kg.datasetVersion('orebro-lan', 2).value];
    expect(objects(dataset, dcat.version.value)).toEqual(['2']);
    expect(objects(dataset, dcat.hasVersion.value).sort()).toEqual([one, two]);
    expect(objects(dataset, dcat.hasCurrentVersion.value)).toEqual([two]);
    expect(objects(two, dcat.previousVersion.value)).toEqual([one]);
    const [activity] = objects(two, prov.wasGeneratedBy.value);
    const [agent] = objects(activity!, prov.wasAssociatedWith.value);
    expect(objects(agent!, foaf.name.value)).toEqual(['Samordnaren i Örebro län']);
  });

  it('in /health', async () => {
    const health = (await (await fetch(`${server.url}/health`)).json()) as { dataVersion: string; graphs: Array<{ graph: string; version: number; quads: number }> };
    expect(health.dataVersion).toBe(answer.headers.get('data-version'));
    expect(health.graphs.find(({ graph }) => graph === kg.dataset('orebro-lan').value)).toEqual({ graph: kg.dataset('orebro-lan').value, version: 2, quads: written.triples });
  });

  it('and its version is citable: its IRI answers that content', async () => {
    const response = await fetch(`${server.url}/datasets/orebro-lan/versions/2`, { headers: { accept: 'application/n-triples' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(RENAMED);
  });
});

describe('a refused version changes nothing that is served', () => {
  it('answers 422 and every route still serves the version before', async () => {
    const before = await collaborationName();
    const content = await renamedContent('Ännu ett namn');
    // A municipality that is in no reference list.
    const response = await put('orebro-lan', `${content}<${COLLABORATION}> <http://www.w3.org/ns/org#hasMember> <https://w3id.org/kulturskola/kommun/9999> .\n`);
    expect(response.status).toBe(422);
    expect(await collaborationName()).toEqual(before);
  });
});

describe('readers during a publish', () => {
  it('each see the old name or the new one, always that of the data version their answer names', async () => {
    const nameOf = new Map<string, string>();
    const current = await collaborationName();
    nameOf.set(current.version!, current.name!);
    const readers = Array.from({ length: 60 }, (_, index) => new Promise((resolve) => setTimeout(resolve, index * 5)).then(collaborationName));
    const writing = put('orebro-lan', await renamedContent('Kulturskolesamverkan under en publicering'));
    const written = await writing;
    expect(written.status).toBe(200);
    nameOf.set(written.headers.get('data-version')!, 'Kulturskolesamverkan under en publicering');
    const seen = await Promise.all(readers);
    for (const { name, version } of seen) expect(name).toBe(nameOf.get(version!));
  });
});

describe('rollback and withdrawal', () => {
  it('a rollback to version 1 serves the shipped name again, as a new version', async () => {
    const response = await fetch(`${server.url}/datasets/orebro-lan/rollback`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: 1 }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { version: number }).version).toBe(4);
    expect((await collaborationName()).name).toBe(shippedName);
  });

  it('a new dataset is served, and withdrawn it is served no more', async () => {
    const turtle = `
      @prefix org: <http://www.w3.org/ns/org#> .
      @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
      <https://w3id.org/kulturskola/samverkan/test-nord> a org:OrganizationalCollaboration ; skos:prefLabel "Testsamverkan Nord"@sv .`;
    const created = await put('test-nord', turtle, 'text/turtle');
    expect(created.status).toBe(201);
    const ask = `ASK { GRAPH <${kg.dataset('test-nord').value}> { ?s ?p ?o } }`;
    const asked = async () => ((await (await fetch(`${server.url}/sparql?query=${encodeURIComponent(ask)}`, { headers: { accept: 'application/sparql-results+json' } })).json()) as { boolean: boolean }).boolean;
    const page = async () => (await fetch(`${server.url}/samverkan/test-nord`, { headers: { accept: 'text/turtle' } })).status;
    expect(await asked()).toBe(true);
    expect(await page()).toBe(200);

    const withdrawn = await fetch(`${server.url}/datasets/test-nord`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(withdrawn.status).toBe(204);
    expect(await asked()).toBe(false);
    expect(await page()).toBe(404);
  });
});

describe('links between datasets', () => {
  const linking = (target: string) => `
    @prefix org: <http://www.w3.org/ns/org#> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    <https://w3id.org/kulturskola/samverkan/test-lank> a org:OrganizationalCollaboration ;
      skos:prefLabel "Testsamverkan med länk"@sv ;
      org:memberOf <${target}> .`;

  it('a dataset may link to an organisation another dataset describes', async () => {
    const response = await put('test-lank', linking(COLLABORATION), 'text/turtle');
    expect(response.status).toBe(201);
  });

  it('but not to one that no dataset describes', async () => {
    const response = await put('test-lank-2', linking('https://w3id.org/kulturskola/samverkan/finns-inte'), 'text/turtle');
    expect(response.status).toBe(422);
    const body = (await response.json()) as { report: { check: string; results: Array<{ focusNode: string; value: string }> } };
    expect(body.report.check).toBe('shacl');
    expect(body.report.results.map(({ value }) => value)).toContain('<https://w3id.org/kulturskola/samverkan/finns-inte>');
  });
});

describe('after a restart', () => {
  it('the store serves the last version written', async () => {
    const before = await collaborationName();
    await stop();
    await start();
    expect(await collaborationName()).toEqual(before);
    expect(publisher.state('orebro-lan')).toMatchObject({ version: 4 });
  });
});

describe('the vocabulary dataset', () => {
  const ROLE = 'https://w3id.org/kulturskola/roll/test-samordnare';
  /** A collaboration whose one membership has a role the shipped vocabulary does not define. */
  const withNewRole = (slug: string) =>
    [
      `<https://w3id.org/kulturskola/samverkan/${slug}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#OrganizationalCollaboration> .`,
      `<https://w3id.org/kulturskola/samverkan/${slug}> <${skos.prefLabel.value}> "Testsamverkan"@sv .`,
      `<https://w3id.org/kulturskola/samverkan/${slug}/medlemskap> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#Membership> .`,
      `<https://w3id.org/kulturskola/samverkan/${slug}/medlemskap> <http://www.w3.org/ns/org#member> <https://w3id.org/kulturskola/kommun/1880> .`,
      `<https://w3id.org/kulturskola/samverkan/${slug}/medlemskap> <http://www.w3.org/ns/org#organization> <https://w3id.org/kulturskola/samverkan/${slug}> .`,
      `<https://w3id.org/kulturskola/samverkan/${slug}/medlemskap> <http://www.w3.org/ns/org#role> <${ROLE}> .`,
      '',
    ].join('\n');
  let council: string;

  beforeAll(() => {
    council = addToken(join(folder, 'tokens.json'), { publisher: 'Kulturskolerådet', datasets: ['*'] });
  });

  it('is what the checks see once a new version is published: a role it adds may be used at once, and after a restart', async () => {
    const refused = await put('test-roles', withNewRole('test-roles'));
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { report: unknown }).report).toMatchObject({ check: 'shacl', results: [{ value: `<${ROLE}>` }] });
    const vocabulary = publisher.state('vokabular')!;
    const role = `<${ROLE}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2004/02/skos/core#Concept> .\n<${ROLE}> <${skos.prefLabel.value}> "Samordnare"@sv .\n`;
    const published = await fetch(`${server.url}/datasets/vokabular`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${council}`, 'content-type': 'application/n-triples' },
      body: (await publisher.content('vokabular', vocabulary.version)) + role,
    });
    expect(published.status).toBe(200);
    expect((await put('test-roles', withNewRole('test-roles'))).status).toBe(201);
    await stop();
    await start();
    expect((await put('test-roles-two', withNewRole('test-roles-two'))).status).toBe(201);
  });

  it('cannot be withdrawn: 409, and it stays', async () => {
    const response = await fetch(`${server.url}/datasets/vokabular`, { method: 'DELETE', headers: { authorization: `Bearer ${council}` } });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: string }).error).toMatch(/vokabular is the vocabulary .* it can be replaced but not withdrawn/);
    expect(publisher.state('vokabular')!.withdrawn).toBe(false);
  });
});
