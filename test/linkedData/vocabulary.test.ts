import jsonld from 'jsonld';
import type { Quad, Store } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledContexts } from '../../src/rdf/bundledContexts.js';
import { CONTEXT_IRI } from '../../src/rdf/vocabulary.js';
import {
  RDFLIB_TO_NQUADS,
  expectPythonSuccess,
  iri,
  keysOf,
  parseWithN3,
  runPython,
  shippedData,
  startLinkedDataServer,
  type LinkedDataServer,
} from './linkedDataServer.js';

const ONTOLOGY = iri('def');
const NAMESPACE = iri('def#');
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';

let store: Store;
let server: LinkedDataServer;
/** Every term of ours the shipped data describes, found by scanning (which the server must not need to do). */
let terms: string[];

beforeAll(async () => {
  const shipped = await shippedData();
  store = shipped.store;
  server = await startLinkedDataServer(shipped.graph);
  terms = [...new Set(store.getQuads(null, null, null, null).map((quad) => quad.subject.value).filter((subject) => subject.startsWith(NAMESPACE)))].sort();
});

afterAll(async () => {
  await server?.close();
});

describe('GET /def', () => {
  it('describes the ontology and every term whose IRI starts with def#, with labels and comments', async () => {
    expect(terms.length).toBeGreaterThanOrEqual(17);
    const quads = parseWithN3(await (await get('/def', { accept: 'application/n-quads' })).text(), 'application/n-quads');
    expect(quads.some((quad) => quad.subject.value === ONTOLOGY && quad.predicate.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type')).toBe(true);
    for (const term of terms) {
      for (const predicate of ['label', 'comment']) {
        const stated = store.getQuads(term, RDFS + predicate, null, null);
        expect(stated.length, `${term} rdfs:${predicate}`).toBeGreaterThan(0);
        expect(keysOf(quads)).toEqual(expect.arrayContaining(keysOf(stated)));
      }
    }
    expect(keysOf(quads)).toEqual(expect.arrayContaining(keysOf(store.getQuads(iri('def#county'), RDFS + 'domain', null, null))));
    expect(keysOf(quads)).toEqual(expect.arrayContaining(keysOf(store.getQuads(iri('def#county'), RDFS + 'range', null, null))));
  });

  it('leaves out what merely uses a term (the type of every municipality)', async () => {
    const quads = parseWithN3(await (await get('/def', { accept: 'application/n-quads' })).text(), 'application/n-quads');
    expect(quads.some((quad) => quad.object.value === iri('def#Municipality') && quad.subject.value.startsWith(iri('kommun/')))).toBe(false);
  });

  it('carries the same triples in every RDF format', async () => {
    const expected = keysOf(parseWithN3(await (await get('/def?format=nq')).text(), 'application/n-quads'), false);
    const parsers: Record<string, (text: string) => Promise<Quad[]>> = {
      ttl: async (text) => parseWithN3(text, 'text/turtle'),
      nt: async (text) => parseWithN3(text, 'application/n-triples'),
      trig: async (text) => parseWithN3(text, 'application/trig'),
      jsonld: async (text) => {
        const nquads = (await jsonld.toRDF(JSON.parse(text), { format: 'application/n-quads', documentLoader: refuseAll } as jsonld.Options.ToRdf)) as unknown as string;
        return parseWithN3(nquads, 'application/n-quads');
      },
      rdf: async (text) => {
        const run = await runPython(RDFLIB_TO_NQUADS, ['xml', `${server.url}/def`], text);
        expectPythonSuccess(run);
        return parseWithN3(run.stdout, 'application/n-quads');
      },
    };
    for (const [format, parse] of Object.entries(parsers)) {
      const response = await get(`/def?format=${format}`);
      expect(response.status, format).toBe(200);
      expect(keysOf(await parse(await response.text()), false), format).toEqual(expected);
    }
  });

  it('is an HTML page listing the classes and properties with labels, comments, domains and ranges', async () => {
    const response = await get('/def', { accept: 'text/html', 'accept-language': 'en' });
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>The Kulturskolegrafen vocabulary</title>');
    expect(html).toMatch(/<section id="classes">[\s\S]*<tr id="Municipality">[\s\S]*municipality[\s\S]*A Swedish municipality \(kommun\)/);
    const countyRow = /<tr id="county">.*?<\/tr>/.exec(html)?.[0] ?? '';
    expect(countyRow).toContain('<code>ks:county</code>');
    expect(countyRow).toContain('The county in which the municipality lies.');
    expect(countyRow).toContain('<a href="/def#Municipality"'); // domain
    expect(countyRow).toContain('<a href="/def#County"'); // range
    expect(html).toMatch(/<section id="properties">[\s\S]*<tr id="county">/);
    for (const term of terms) expect(html, term).toContain(`<tr id="${term.slice(NAMESPACE.length)}">`);
  });

  it('writes the HTML page in Swedish by default', async () => {
    const html = await (await get('/def?format=html')).text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('<title>Kulturskolegrafens vokabulär</title>');
    expect(/<tr id="county">.*?<\/tr>/.exec(html)?.[0]).toContain('Länet som kommunen ligger i.');
  });
});

describe('GET /context.jsonld', () => {
  it('serves the bundled JSON-LD context as application/ld+json', async () => {
    const response = await get('/context.jsonld');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/ld+json');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toEqual(bundledContexts.get(CONTEXT_IRI));
  });

  it('can stand in for the inlined context: a description that references it on this server expands to the same quads', async () => {
    const document = (await (await get('/kommun/1883?format=jsonld')).json()) as Record<string, unknown>;
    const contextUrl = `${server.url}/context.jsonld`;
    const origin = new URL(server.url).origin;
    const onlyThisServer = async (url: string) => {
      if (new URL(url).origin !== origin) throw new Error(`refused to load ${url}`);
      const response = await fetch(url, { headers: { accept: 'application/ld+json' } });
      return { documentUrl: url, document: (await response.json()) as object };
    };
    const referencing = { ...document, '@context': contextUrl };
    const nquads = (await jsonld.toRDF(referencing, { format: 'application/n-quads', documentLoader: onlyThisServer, safe: true } as jsonld.Options.ToRdf)) as unknown as string;
    const inline = (await jsonld.toRDF(document, { format: 'application/n-quads', documentLoader: refuseAll } as jsonld.Options.ToRdf)) as unknown as string;
    expect(keysOf(parseWithN3(nquads, 'application/n-quads'))).toEqual(keysOf(parseWithN3(inline, 'application/n-quads')));
    expect(server.accepts.some(({ path }) => path === '/context.jsonld')).toBe(true);
  });

  it('answers 406 for a client that takes no JSON, and 405 for POST', async () => {
    expect((await get('/context.jsonld', { accept: 'text/turtle' })).status).toBe(406);
    const post = await fetch(`${server.url}/context.jsonld`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { headers });
}

/** A JSON-LD document loader for documents that must need none. */
async function refuseAll(url: string): Promise<never> {
  throw new Error(`the document asked to load ${url}`);
}
