import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'n3';
import type { Quad } from 'n3';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPublishedData } from '../../src/http/openPublishedData.js';
import { startServer, type RunningServer } from '../../src/http/startServer.js';
import { addToken } from '../../src/publish/Tokens.js';
import type { LoadedData } from '../../src/rdf/loadDataDirectory.js';
import { BASE_IRI, dcat, dcterms, foaf, kg, rdf } from '../../src/rdf/vocabulary.js';
import { collaboration } from './publishing/publishingServer.js';
import { startShippedServer } from '../support/startShippedServer.js';
import { dcatApViolations } from '../support/dcatApViolations.js';

const publicUrl = 'https://kulturskolegrafen.example';
const CC0 = 'http://creativecommons.org/publicdomain/zero/1.0/';

describe('the catalogue, served from the shipped data', () => {
  let server: RunningServer;
  let data: LoadedData;
  let catalog: Quad[];
  beforeAll(async () => {
    ({ server, data } = await startShippedServer({ publicUrl }));
    catalog = await catalogOf(server);
  });
  afterAll(() => server.stop());

  it('meets the DCAT-AP 3.0 requirements of dcatApShapes.ttl', async () => {
    expect(await dcatApViolations(catalog)).toEqual([]);
  });

  it('would not meet them with a publisher that has no foaf:name (the shapes apply)', async () => {
    const nameless = catalog.filter((quad) => !(quad.subject.equals(kg.kulturskolegrafen) && quad.predicate.equals(foaf.name)));
    expect(await dcatApViolations(nameless)).toEqual([`${kg.kulturskolegrafen.value} ${foaf.name.value} MinCountConstraintComponent`]);
  });

  it('puts the catalogue, every dataset and every distribution under CC0 1.0, a dct:LicenseDocument', () => {
    const licensed = [dcat.Catalog, dcat.Dataset, dcat.Distribution].flatMap((type) => subjectsOf(catalog, rdf.type.value, type.value));
    expect(licensed.length).toBeGreaterThan(data.files.length);
    for (const resource of licensed) expect(objectsOf(catalog, resource, dcterms.license.value), resource).toEqual([CC0]);
    expect(objectsOf(catalog, CC0, rdf.type.value)).toEqual([dcterms.LicenseDocument.value]);
  });

  it('lists every named graph as a dataset that the GraphQL and SPARQL services serve', () => {
    const graphs = data.files.map((file) => file.graph.value).sort();
    expect(objectsOf(catalog, kg.catalog.value, dcat.dataset.value).sort()).toEqual(graphs);
    for (const service of [`${publicUrl}/graphql`, `${publicUrl}/sparql`]) expect(objectsOf(catalog, service, dcat.servesDataset.value).sort(), service).toEqual(graphs);
  });

  it('names where the municipality list comes from: Statistics Sweden (SCB)', () => {
    const [source] = objectsOf(catalog, kg.dataset('kommuner').value, 'http://www.w3.org/ns/prov#wasDerivedFrom');
    expect(source).toBeDefined();
    const [publisher] = objectsOf(catalog, source!, dcterms.publisher.value);
    expect(objectsOf(catalog, publisher!, foaf.name.value).sort()).toEqual(['Statistics Sweden', 'Statistiska centralbyrån']);
  });

  describe('GET /dataset/{slug}, the IRI of each named graph', () => {
    it('describes each shipped dataset as the catalogue does, in Turtle', async () => {
      for (const { graph } of data.files) {
        const response = await fetch(`${server.url}/${graph.value.slice(BASE_IRI.length)}`, { headers: { accept: 'text/turtle' } });
        expect(response.status, graph.value).toBe(200);
        const description = new Parser().parse(await response.text());
        expect(objectsOf(description, graph.value, rdf.type.value), graph.value).toContain(dcat.Dataset.value);
        expect(objectsOf(description, graph.value, dcterms.license.value), graph.value).toEqual([CC0]);
        // What the catalogue computes, beside what the data states: its triple count.
        expect(objectsOf(description, graph.value, 'http://rdfs.org/ns/void#triples'), graph.value).toHaveLength(1);
      }
    });

    it('answers a browser with a page titled as the dataset', async () => {
      const response = await fetch(`${server.url}/dataset/katalog`, { headers: { accept: 'text/html', 'accept-language': 'en' } });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('The Kulturskolegrafen catalogue');
    });

    it('is a 404 for a slug that names no dataset', async () => {
      expect((await fetch(`${server.url}/dataset/no-such-dataset`)).status).toBe(404);
    });
  });
});

describe('the catalogue, with a dataset published through the write path', () => {
  let folder: string;
  let server: RunningServer;
  let closePublishing: () => Promise<void>;
  let catalog: Quad[];
  const published = kg.dataset('test-one').value;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'kulturskolegrafen-dcat-ap-'));
    const token = addToken(join(folder, 'tokens.json'), { publisher: 'Samordnaren i Örebro län', datasets: ['test-*'] });
    const publishing = await openPublishedData({ storeDirectory: join(folder, 'store'), tokensFile: join(folder, 'tokens.json'), logger: pino({ level: 'silent' }) });
    closePublishing = publishing.close;
    server = await startServer({ ...publishing.served, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0, publicUrl });
    const put = await fetch(`${server.url}/datasets/test-one`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/turtle' },
      body: collaboration('test-one', ['1880']),
    });
    expect(put.status).toBe(201);
    catalog = await catalogOf(server);
  });
  afterAll(async () => {
    await server.stop();
    await closePublishing();
    await rm(folder, { recursive: true, force: true });
  });

  it('meets the DCAT-AP 3.0 requirements, every version a titled and described dcat:Dataset', async () => {
    expect(objectsOf(catalog, published, dcat.hasCurrentVersion.value)).toEqual([kg.datasetVersion('test-one', 1).value]);
    expect(await dcatApViolations(catalog)).toEqual([]);
  });

  it('resolves the published dataset\'s IRI to its entry, under the catalogue\'s licence', async () => {
    const response = await fetch(`${server.url}/dataset/test-one`, { headers: { accept: 'text/turtle' } });
    expect(response.status).toBe(200);
    const description = new Parser().parse(await response.text());
    expect(objectsOf(description, published, rdf.type.value)).toContain(dcat.Dataset.value);
    expect(objectsOf(description, published, dcterms.title.value)).toEqual(['test-one']);
    expect(objectsOf(description, published, dcterms.license.value)).toEqual([CC0]);
    expect(subjectsOf(description, dcat.dataset.value, published)).toEqual([kg.catalog.value]);
  });
});

/** The catalogue as a client reads it: /catalog in Turtle. */
async function catalogOf(server: RunningServer): Promise<Quad[]> {
  const response = await fetch(`${server.url}/catalog`, { headers: { accept: 'text/turtle' } });
  expect(response.status).toBe(200);
  return new Parser().parse(await response.text());
}


function objectsOf(quads: readonly Quad[], subject: string, predicate: string): string[] {
  return quads.filter((quad) => quad.subject.value === subject && quad.predicate.value === predicate).map((quad) => quad.object.value);
}

function subjectsOf(quads: readonly Quad[], predicate: string, object: string): string[] {
  return quads.filter((quad) => quad.predicate.value === predicate && quad.object.value === object).map((quad) => quad.subject.value);
}
