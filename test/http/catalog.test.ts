import { Parser } from 'n3';
import type { Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/startServer.js';
import { startShippedServer } from '../support/startShippedServer.js';
import type { LoadedData } from '../../src/rdf/loadDataDirectory.js';
import { dcat, dcterms, kg, org, skos, voidVocabulary } from '../../src/rdf/vocabulary.js';

let data: LoadedData;
let server: RunningServer;
const publicUrl = 'https://kulturskolegrafen.example';

beforeAll(async () => {
  ({ server, data } = await startShippedServer({ publicUrl }));
});

afterAll(async () => {
  await server.stop();
});

describe('GET /.well-known/void', () => {
  let quads: Quad[];
  beforeAll(async () => {
    const response = await fetch(`${server.url}/.well-known/void`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/turtle/);
    quads = new Parser({ format: 'text/turtle' }).parse(await response.text());
  });
  const objects = (subject: string, predicate: string) =>
    quads.filter((quad) => quad.subject.value === subject && quad.predicate.value === predicate).map((quad) => quad.object.value);

  it('counts the triples of the whole and of each dataset', () => {
    expect(objects(kg.catalog.value, voidVocabulary.triples.value)).toEqual([String(data.store.size)]);
    const subsets = objects(kg.catalog.value, voidVocabulary.subset.value);
    expect(subsets.sort()).toEqual(data.files.map((file) => file.graph.value).sort());
    const perDataset = subsets.map((subset) => Number(objects(subset, voidVocabulary.triples.value)[0]));
    expect(perDataset.reduce((sum, count) => sum + count, 0)).toBe(data.store.size);
  });

  it('names the SPARQL endpoint and every dump at the public URL', () => {
    expect(objects(kg.catalog.value, voidVocabulary.sparqlEndpoint.value)).toEqual([`${publicUrl}/sparql`]);
    expect(objects(kg.catalog.value, voidVocabulary.dataDump.value).sort()).toEqual(
      ['/dump.jsonld', '/dump.nq', '/dump.trig', '/dump.ttl'].map((path) => `${publicUrl}${path}`),
    );
  });

  it('lists the vocabularies the data uses, its URI space and example resources', () => {
    const vocabularies = objects(kg.catalog.value, voidVocabulary.vocabulary.value);
    expect(vocabularies).toEqual(expect.arrayContaining([org.iri, skos.iri, dcterms.iri, dcat.iri, 'https://schema.org/', 'https://w3id.org/kulturskola/def#']));
    expect(objects(kg.catalog.value, voidVocabulary.uriSpace.value)).toEqual(['https://w3id.org/kulturskola/']);
    expect(objects(kg.catalog.value, voidVocabulary.exampleResource.value)).toEqual(
      expect.arrayContaining(['https://w3id.org/kulturskola/samverkan/orebro-lan']),
    );
  });

  it('states the licence, and where the Örebro dataset comes from', () => {
    expect(objects(kg.catalog.value, dcterms.license.value)).toEqual(['http://creativecommons.org/publicdomain/zero/1.0/']);
    expect(objects(kg.dataset('orebro-lan').value, 'http://www.w3.org/ns/prov#wasDerivedFrom')).toEqual(['https://www.kulturskolesamverkan.se/om-oss/']);
  });

  it('lists the GraphQL and SPARQL endpoints as DCAT data services at the public URL', () => {
    expect(objects(kg.catalog.value, dcat.service.value).sort()).toEqual([`${publicUrl}/graphql`, `${publicUrl}/sparql`]);
    for (const [path, standard] of [
      ['/graphql', 'https://graphql.github.io/graphql-over-http/draft/'],
      ['/sparql', 'https://www.w3.org/TR/sparql11-protocol/'],
    ] as const) {
      const service = `${publicUrl}${path}`;
      expect(objects(service, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), path).toEqual([dcat.DataService.value]);
      expect(objects(service, dcat.endpointURL.value), path).toEqual([service]);
      expect(objects(service, dcterms.conformsTo.value), path).toEqual([standard]);
      expect(objects(service, dcat.servesDataset.value).sort(), path).toEqual(data.files.map((file) => file.graph.value).sort());
    }
  });

  it('describes each dump and each network download (GraphML, two CSV lists) as a DCAT distribution with its media type', () => {
    const distributions = objects(kg.catalog.value, dcat.distribution.value);
    expect(distributions).toHaveLength(7);
    const mediaTypes = quads.filter((quad) => quad.predicate.equals(dcat.mediaType)).map((quad) => quad.object.value).sort();
    expect(mediaTypes).toEqual(
      ['application/ld+json', 'application/n-quads', 'application/trig', 'application/xml', 'text/csv', 'text/csv', 'text/turtle'].map(
        (type) => `https://www.iana.org/assignments/media-types/${type}`,
      ),
    );
  });
});

describe('GET /catalog', () => {
  it('is the same description, in every format the resources have', async () => {
    for (const [format, type] of [
      ['nt', 'application/n-triples'],
      ['jsonld', 'application/ld+json'],
      ['html', 'text/html'],
      ['rdf', 'application/rdf+xml'],
    ]) {
      const response = await fetch(`${server.url}/catalog?format=${format}`);
      expect(response.status, format).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
      const text = await response.text();
      expect(text, format).toContain(`${publicUrl}/sparql`);
      expect(text, format).toContain(`${publicUrl}/graphql`);
    }
  });

  it('is where every resource answer points with Link rel="describedby"', async () => {
    const resource = await fetch(`${server.url}/kommun/1883`, { method: 'HEAD' });
    const link = resource.headers.get('link')!;
    const target = /<([^>]+)>; rel="describedby"/.exec(link)![1]!;
    expect((await fetch(new URL(target, server.url))).status).toBe(200);
  });

  it('answers 405 to a POST', async () => {
    const response = await fetch(`${server.url}/catalog`, { method: 'POST' });
    expect(response.status).toBe(405);
  });
});
