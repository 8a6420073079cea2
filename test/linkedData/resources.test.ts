import jsonld from 'jsonld';
import type { Store } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/rdf/Graph.js';
import {
  RDFLIB_TO_NQUADS,
  expectPythonSuccess,
  iri,
  keysOf,
  ownAndIncoming,
  parseWithN3,
  runPython,
  shippedData,
  startLinkedDataServer,
  type LinkedDataServer,
} from './linkedDataServer.js';

const KARLSKOGA = iri('kommun/1883');
const OREBRO_LAN = iri('lan/18');
const OREBRO_GRAPH = iri('dataset/orebro-lan');
const PROJECT = iri('projekt/kulturskola-i-hela-landet');
const DCTERMS_IDENTIFIER = 'http://purl.org/dc/terms/identifier';
const ORG_MEMBER = 'http://www.w3.org/ns/org#member';
const KS_COUNTY = iri('def#county');

let store: Store;
let graph: Graph;
let server: LinkedDataServer;

beforeAll(async () => {
  ({ store, graph } = await shippedData());
  server = await startLinkedDataServer(graph);
});

afterAll(async () => {
  await server?.close();
});

describe('GET /kommun/1883', () => {
  it('answers Turtle by default and says Vary: Accept', async () => {
    const response = await get('/kommun/1883');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/turtle; charset=utf-8');
    expect(varyOf(response)).toContain('accept');
    const quads = parseWithN3(await response.text(), 'text/turtle');
    expect(keysOf(quads, false)).toEqual(keysOf(ownAndIncoming(store, KARLSKOGA), false));
  });

  it('answers Turtle for */* too, and when Accept is missing', async () => {
    for (const accept of ['*/*', undefined]) {
      const response = await get('/kommun/1883', accept === undefined ? {} : { accept });
      expect(response.headers.get('content-type')).toBe('text/turtle; charset=utf-8');
    }
  });

  it('holds its own triples, among them dcterms:identifier "1883"', async () => {
    const quads = parseWithN3(await (await get('/kommun/1883', { accept: 'application/n-triples' })).text(), 'application/n-triples');
    expect(quads.some((quad) => quad.subject.value === KARLSKOGA && quad.predicate.value === DCTERMS_IDENTIFIER && quad.object.value === '1883')).toBe(true);
  });

  it('includes the memberships that point at it, in their named graph dataset/orebro-lan (N-Quads)', async () => {
    const response = await get('/kommun/1883', { accept: 'application/n-quads' });
    expect(response.headers.get('content-type')).toBe('application/n-quads; charset=utf-8');
    const quads = parseWithN3(await response.text(), 'application/n-quads');
    const memberships = quads.filter((quad) => quad.predicate.value === ORG_MEMBER && quad.object.value === KARLSKOGA);
    expect(memberships.map((quad) => quad.subject.value).sort()).toEqual([
      iri('samverkan/orebro-lan/huvudman/1883'),
      iri('samverkan/orebro-lan/medlemskap/1883'),
    ]);
    expect(new Set(memberships.map((quad) => quad.graph.value))).toEqual(new Set([OREBRO_GRAPH]));
    expect(keysOf(quads)).toEqual(keysOf(ownAndIncoming(store, KARLSKOGA)));
  });

  it('answers TriG with the same quads, named graphs kept', async () => {
    const response = await get('/kommun/1883', { accept: 'application/trig' });
    expect(response.headers.get('content-type')).toBe('application/trig; charset=utf-8');
    expect(keysOf(parseWithN3(await response.text(), 'application/trig'))).toEqual(keysOf(ownAndIncoming(store, KARLSKOGA)));
  });

  it('answers JSON-LD compacted with our context inlined, which expands with jsonld.js (no loader) to the same quads', async () => {
    const response = await get('/kommun/1883', { accept: 'application/ld+json' });
    expect(response.headers.get('content-type')).toBe('application/ld+json');
    const document = (await response.json()) as { '@context': unknown; graph?: unknown };
    expect(typeof document['@context']).toBe('object');
    expect(document.graph).toBeDefined();
    const quads = await toQuads(document);
    expect(keysOf(quads)).toEqual(keysOf(ownAndIncoming(store, KARLSKOGA)));
  });

  it('answers RDF/XML that Python rdflib reads back to the same triples', async () => {
    const response = await get('/kommun/1883', { accept: 'application/rdf+xml' });
    expect(response.headers.get('content-type')).toBe('application/rdf+xml; charset=utf-8');
    const run = await runPython(RDFLIB_TO_NQUADS, ['xml', `${server.url}/kommun/1883`], await response.text());
    expectPythonSuccess(run);
    expect(keysOf(parseWithN3(run.stdout, 'application/n-quads'), false)).toEqual(keysOf(ownAndIncoming(store, KARLSKOGA), false));
  });

  it('sends a Link header to the catalogue (describedby) and to each other format (alternate)', async () => {
    const link = (await get('/kommun/1883')).headers.get('link') ?? '';
    expect(link).toContain('</catalog>; rel="describedby"');
    for (const [format, type] of [['nt', 'application/n-triples'], ['nq', 'application/n-quads'], ['jsonld', 'application/ld+json'], ['rdf', 'application/rdf+xml'], ['trig', 'application/trig'], ['html', 'text/html']]) {
      expect(link).toContain(`</kommun/1883?format=${format}>; rel="alternate"; type="${type}"`);
    }
    expect(link).not.toContain('format=ttl');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const got = await get('/kommun/1883');
    const head = await get('/kommun/1883', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const header of ['content-type', 'content-length', 'etag', 'vary', 'link']) expect(head.headers.get(header)).toBe(got.headers.get(header));
  });

  it('sends an ETag of the body and answers 304 without a body when If-None-Match names it', async () => {
    const first = await get('/kommun/1883');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get('/kommun/1883', { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(varyOf(again)).toContain('accept');
    const otherFormat = await get('/kommun/1883', { accept: 'application/n-triples', 'if-none-match': etag! });
    expect(otherFormat.status).toBe(200);
    expect(otherFormat.headers.get('etag')).not.toBe(etag);
  });
});

describe('content negotiation', () => {
  it.each([
    ['text/html;q=0.5, application/n-triples', 'application/n-triples'],
    ['application/ld+json;q=0.9, application/rdf+xml;q=0.8', 'application/ld+json'],
    ['application/trig;q=0, */*;q=0.1', 'text/turtle'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'text/html'],
    ['application/rdf+xml,text/rdf+n3;q=0.9,application/xhtml+xml;q=0.5, */*;q=0.1', 'application/rdf+xml'],
    ['application/json', 'application/ld+json'],
    ['text/n3', 'text/turtle'],
    ['text/*', 'text/turtle'],
    ['application/*', 'application/n-triples'],
    ['text/turtle;q=0, */*', 'application/n-triples'],
    ['application/ld+json;q=0, application/json, text/html;q=0.1', 'text/html'],
  ])('Accept: %s → %s', async (accept, mediaType) => {
    const response = await get('/kommun/1883', { accept });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')?.split(';')[0]).toBe(mediaType);
  });

  it.each([
    ['ttl', 'text/turtle'],
    ['nt', 'application/n-triples'],
    ['nq', 'application/n-quads'],
    ['jsonld', 'application/ld+json'],
    ['rdf', 'application/rdf+xml'],
    ['xml', 'application/rdf+xml'],
    ['trig', 'application/trig'],
    ['html', 'text/html'],
  ])('?format=%s overrides Accept and answers %s', async (format, mediaType) => {
    const response = await get(`/kommun/1883?format=${format}`, { accept: 'image/png' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')?.split(';')[0]).toBe(mediaType);
    expect(varyOf(response)).toContain('accept');
  });

  it('answers 406 listing what is offered when nothing in Accept is', async () => {
    const response = await get('/kommun/1883', { accept: 'image/png, application/pdf' });
    expect(response.status).toBe(406);
    expect(varyOf(response)).toContain('accept');
    const message = await response.text();
    expect(message).toContain('image/png');
    for (const mediaType of ['text/turtle', 'application/n-triples', 'application/n-quads', 'application/ld+json', 'application/rdf+xml', 'application/trig', 'text/html']) {
      expect(message).toContain(mediaType);
    }
  });

  it('answers 400 naming the value for an unknown ?format, and for ?format given twice', async () => {
    const unknown = await get('/kommun/1883?format=pdf');
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toMatch(/Unknown format "pdf"; offered: ttl \(text\/turtle\)/);
    const twice = await get('/kommun/1883?format=ttl&format=nt');
    expect(twice.status).toBe(400);
    expect(await twice.text()).toMatch(/\?format once/);
  });
});

describe('GET /projekt/kulturskola-i-hela-landet', () => {
  it('includes the blank-node audience with schema:suggestedMinAge 6', async () => {
    const quads = parseWithN3(await (await get('/projekt/kulturskola-i-hela-landet', { accept: 'application/n-quads' })).text(), 'application/n-quads');
    const audience = quads.find((quad) => quad.subject.value === PROJECT && quad.predicate.value === 'http://purl.org/dc/terms/audience');
    expect(audience?.object.termType).toBe('BlankNode');
    const minAge = quads.find((quad) => quad.subject.equals(audience!.object) && quad.predicate.value === 'https://schema.org/suggestedMinAge');
    expect(minAge?.object.value).toBe('6');
    expect(minAge?.graph.value).toBe(OREBRO_GRAPH);
  });

  it('keeps the blank node in every format', async () => {
    const quadsFrom = {
      ttl: async (text: string) => parseWithN3(text, 'text/turtle'),
      nt: async (text: string) => parseWithN3(text, 'application/n-triples'),
      nq: async (text: string) => parseWithN3(text, 'application/n-quads'),
      trig: async (text: string) => parseWithN3(text, 'application/trig'),
      jsonld: async (text: string) => toQuads(JSON.parse(text)),
      rdf: async (text: string) => {
        const run = await runPython(RDFLIB_TO_NQUADS, ['xml', `${server.url}/projekt/kulturskola-i-hela-landet`], text);
        expectPythonSuccess(run);
        return parseWithN3(run.stdout, 'application/n-quads');
      },
    };
    const expected = keysOf(parseWithN3(await (await get('/projekt/kulturskola-i-hela-landet?format=nq')).text(), 'application/n-quads'), false);
    expect(expected).toContain('_: https://schema.org/suggestedMinAge "6"^^http://www.w3.org/2001/XMLSchema#integer');
    for (const [format, parse] of Object.entries(quadsFrom)) {
      const text = await (await get(`/projekt/kulturskola-i-hela-landet?format=${format}`)).text();
      expect(keysOf(await parse(text), false), format).toEqual(expected);
    }
  });
});

describe('GET /lan/18', () => {
  it('lists the municipalities that point to it through ks:county', async () => {
    const quads = parseWithN3(await (await get('/lan/18', { accept: 'application/n-quads' })).text(), 'application/n-quads');
    const municipalities = quads.filter((quad) => quad.predicate.value === KS_COUNTY && quad.object.value === OREBRO_LAN).map((quad) => quad.subject.value);
    const codes = municipalities.map((municipality) => municipality.slice(iri('kommun/').length)).sort();
    expect(codes).toEqual(['1814', '1860', '1861', '1862', '1863', '1864', '1880', '1881', '1882', '1883', '1884', '1885']);
  });
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> {
  return fetch(`${server.url}${path}`, { method, headers });
}

function varyOf(response: Response): string[] {
  return (response.headers.get('vary') ?? '').toLowerCase().split(/\s*,\s*/);
}

/** The quads of a JSON-LD document, by jsonld.js, with a loader that refuses every URL: the document must be self-contained. */
async function toQuads(document: object) {
  const refuseAll = async (url: string): Promise<never> => {
    throw new Error(`the document asked to load ${url}`);
  };
  const nquads = (await jsonld.toRDF(document as jsonld.JsonLdDocument, { format: 'application/n-quads', documentLoader: refuseAll, safe: true } as jsonld.Options.ToRdf)) as unknown as string;
  return parseWithN3(nquads, 'application/n-quads');
}
