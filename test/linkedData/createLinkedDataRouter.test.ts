import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Quad } from '@rdfjs/types';
import express from 'express';
import { DataFactory } from 'n3';
import type { Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLinkedDataRouter, type LinkedDataRouterOptions, type ServedDocument } from '../../src/http/linkedData/createLinkedDataRouter.js';
import { dataPath } from '../../src/rdf/dataPath.js';
import { graphOfTriG } from '../support/graphOfTriG.js';
import { requestBytes, type AnswerBytes } from '../support/requestBytes.js';

const { namedNode, literal, quad } = DataFactory;
const BASE = 'https://w3id.org/kulturskola/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const DCTERMS_TITLE = 'http://purl.org/dc/terms/title';
const DCAT_DATASET = 'http://www.w3.org/ns/dcat#dataset';
const CSP = "default-src 'none'; style-src 'sha256-mWzQE/lTXrV2RTXxnytPUaR6dz9EWMVCOlmGW/Anni8='; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const OFFERED = 'ttl (text/turtle), nt (application/n-triples), nq (application/n-quads), jsonld (application/ld+json), rdf (application/rdf+xml), trig (application/trig), html (text/html)';

/**
 * A county, a municipality in it and in a collaboration, a resource only pointed at, one RDF/XML
 * cannot write, one JSON-LD cannot write (an rdf:JSON literal that is not JSON), a vocabulary of
 * one term, and a dataset the catalogue also describes (one triple of it in the same graph as
 * there, the default graph, and one in another).
 */
const graph = graphOfTriG(`
GRAPH <dataset/prov> {
  <kommun/1> a ks:Municipality ; skos:prefLabel "Ett"@sv ; ks:county <lan/1> .
  <lan/1> a ks:County ; skos:prefLabel "Län ett"@sv .
  <ting/a> schema:about <ting/mål> .
  <ting/trasig> <http://example.org/p/1> "x" .
  <ting/json> schema:text "{inte json"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> .
  <samverkan/s> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan"@sv .
  <samverkan/s/m/1> a org:Membership ; org:member <kommun/1> ; org:organization <samverkan/s> .
  <def> a <http://www.w3.org/2002/07/owl#Ontology> ; dcterms:title "Ordlista"@sv .
  ks:Municipality <http://www.w3.org/2000/01/rdf-schema#isDefinedBy> <def> ; skos:prefLabel "Kommun"@sv .
  <dataset/prov> a dcat:Dataset .
}
<dataset/prov> dcterms:title "Provdata"@sv .
`);

/** The catalogue's quads: it lists dataset/prov (which the graph also names) and dataset/bara-i-katalogen, and describes dataset/olistad without listing it. */
const catalogQuads: Quad[] = [
  quad(namedNode(`${BASE}katalog`), namedNode(DCAT_DATASET), namedNode(`${BASE}dataset/prov`)),
  quad(namedNode(`${BASE}katalog`), namedNode(DCAT_DATASET), namedNode(`${BASE}dataset/bara-i-katalogen`)),
  quad(namedNode(`${BASE}dataset/prov`), namedNode(DCTERMS_TITLE), literal('Provdata', 'sv')),
  quad(namedNode(`${BASE}dataset/prov`), namedNode(RDF_TYPE), namedNode('http://www.w3.org/ns/dcat#Dataset')),
  quad(namedNode(`${BASE}dataset/bara-i-katalogen`), namedNode(DCTERMS_TITLE), literal('Bara', 'sv')),
  quad(namedNode(`${BASE}dataset/olistad`), namedNode(DCTERMS_TITLE), literal('Olistad', 'sv')),
];

interface Mounted {
  url: string;
  server: Server;
}

/** Mounts the router as the server does; `after` then adds to the app (settings, an error handler of the server's own). */
async function mount(options: LinkedDataRouterOptions, before?: express.RequestHandler, after?: (app: express.Express) => void): Promise<Mounted> {
  const app = express();
  app.disable('x-powered-by');
  if (before) app.use(before);
  app.use(createLinkedDataRouter(options));
  // The server's own catch-all, which requests the router passes on reach.
  app.use((request, response) => {
    response.status(404).json({ error: `No route for ${request.method} ${request.path}` });
  });
  after?.(app);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const loggerError = vi.fn();
const logger = { error: loggerError } as unknown as Logger;
/** The router as the tests of resource pages mount it: a graph and a logger, nothing else. */
let plain: Mounted;
/** The router as the server mounts it: a catalogue at /katalog, documents, dataset versions, and a front door that exposes headers of its own. */
let full: Mounted;
/** A graph that has no ontology. */
let bare: Mounted;

beforeAll(async () => {
  plain = await mount({ graph, logger });
  const catalogue = { subject: namedNode(`${BASE}katalog`), quads: () => catalogQuads };
  full = await mount(
    {
      graph,
      logger,
      catalogPath: '/katalog',
      datasetVersions: new Map([[`${BASE}dataset/prov`, 3]]),
      documents: new Map<string, ServedDocument>([
        ['/', { ...catalogue, page: ({ language, alternates }) => `<p>${language} ${alternates.map((alternate) => `${alternate.mediaType}=${alternate.href}`).join(' ')}</p>` }],
        ['/katalog', catalogue],
        [
          '/trasig',
          {
            subject: namedNode(`${BASE}trasig`),
            quads: () => {
              throw new Error('the catalogue could not be made');
            },
          },
        ],
      ]),
    },
    (_request, response, next) => {
      response.setHeader('Access-Control-Expose-Headers', 'X-Request-Id');
      next();
    },
  );
  bare = await mount({ graph: graphOfTriG('<ting/x> schema:name "x" .'), logger });
});

afterAll(async () => {
  for (const mounted of [plain, full, bare]) await unmount(mounted);
});

async function unmount({ server }: Mounted): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

function get(at: Mounted, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<AnswerBytes> {
  return requestBytes(`${at.url}${path}`, headers, method);
}

function etagOf(body: Buffer | string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

function links(path: string, except: string, extra = ''): string {
  const all: Array<[string, string]> = [
    ['ttl', 'text/turtle'],
    ['nt', 'application/n-triples'],
    ['nq', 'application/n-quads'],
    ['jsonld', 'application/ld+json'],
    ['rdf', 'application/rdf+xml'],
    ['trig', 'application/trig'],
    ['html', 'text/html'],
  ];
  return all
    .filter(([, type]) => type !== except)
    .map(([format, type]) => `<${path}?format=${format}>; rel="alternate"; type="${type}"`)
    .join(', ') + extra;
}

const LAN_NT = `<${BASE}lan/1> <${RDF_TYPE}> <${BASE}def#County> .
<${BASE}lan/1> <http://www.w3.org/2004/02/skos/core#prefLabel> "Län ett"@sv .
<${BASE}kommun/1> <${BASE}def#county> <${BASE}lan/1> .
`;

describe('a resource', () => {
  it('answers Turtle by default, with its triples and those pointing at it, Vary, CORS, nosniff, a strong ETag of the body and Link', async () => {
    const answer = await get(plain, '/lan/1');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/turtle; charset=utf-8');
    expect(answer.headers.vary).toBe('Accept, Accept-Encoding');
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['access-control-expose-headers']).toBe('Link, ETag');
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers.etag).toBe(etagOf(answer.body));
    expect(answer.headers['content-length']).toBe(String(answer.body.length));
    expect(answer.headers.link).toBe(`</catalog>; rel="describedby", ${links('/lan/1', 'text/turtle')}`);
    expect(answer.body.toString()).toMatch(/\n\n<https:\/\/w3id\.org\/kulturskola\/lan\/1> a ks:County;\n {4}skos:prefLabel "Län ett"@sv\.\n<https:\/\/w3id\.org\/kulturskola\/kommun\/1> ks:county <https:\/\/w3id\.org\/kulturskola\/lan\/1>\.\n$/);
  });

  it('answers N-Triples and N-Quads (in its named graph) exactly', async () => {
    const nt = await get(plain, '/lan/1', { accept: 'application/n-triples' });
    expect(nt.headers['content-type']).toBe('application/n-triples; charset=utf-8');
    expect(nt.body.toString()).toBe(LAN_NT);
    const nq = await get(plain, '/lan/1?format=nq');
    expect(nq.headers['content-type']).toBe('application/n-quads; charset=utf-8');
    expect(nq.body.toString()).toBe(LAN_NT.replace(/ \.\n/g, ` <${BASE}dataset/prov> .\n`));
  });

  it.each([
    ['ttl', 'text/turtle; charset=utf-8'],
    ['nt', 'application/n-triples; charset=utf-8'],
    ['nq', 'application/n-quads; charset=utf-8'],
    ['jsonld', 'application/ld+json'],
    ['rdf', 'application/rdf+xml; charset=utf-8'],
    ['xml', 'application/rdf+xml; charset=utf-8'],
    ['trig', 'application/trig; charset=utf-8'],
    ['html', 'text/html; charset=utf-8'],
  ])('?format=%s overrides Accept and answers %s', async (format, contentType) => {
    const answer = await get(plain, `/lan/1?format=${format}`, { accept: 'image/png' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe(contentType);
  });

  it('answers JSON-LD for application/json, with no charset parameter', async () => {
    const answer = await get(plain, '/lan/1', { accept: 'application/json' });
    expect(answer.headers['content-type']).toBe('application/ld+json');
    const document = JSON.parse(answer.body.toString()) as { '@context': unknown };
    expect(typeof document['@context']).toBe('object');
  });

  it('describes a resource that is only ever an object', async () => {
    const answer = await get(plain, '/ting/m%C3%A5l?format=nt');
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe(`<${BASE}ting/a> <https://schema.org/about> <${BASE}ting/mål> .\n`);
    expect(answer.headers.link).toBe(`</catalog>; rel="describedby", ${links('/ting/m%C3%A5l', 'application/n-triples')}`);
  });

  it("links an organisation's neighbourhood as GraphML, after the other formats", async () => {
    const answer = await get(plain, '/kommun/1');
    expect(answer.headers.link).toBe(`</catalog>; rel="describedby", ${links('/kommun/1', 'text/turtle')}, </kommun/1?format=graphml>; rel="alternate"; type="application/graphml+xml"`);
  });

  it("titles the link to an organisation's GraphML neighbourhood GraphML on its HTML page, in the head and in the list of formats", async () => {
    const html = (await get(plain, '/kommun/1?format=html')).body.toString();
    expect(html).toContain('<link rel="alternate" type="application/graphml+xml" href="/kommun/1?format=graphml" title="GraphML">');
    expect(html).toContain('<a href="/kommun/1?format=graphml" type="application/graphml+xml">GraphML</a>');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const got = await get(plain, '/lan/1');
    const head = await get(plain, '/lan/1', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const header of ['content-type', 'content-length', 'etag', 'vary', 'link']) expect(head.headers[header], header).toBe(got.headers[header]);
  });

  it('answers 304 without a body to If-None-Match naming its ETag, or *, and 200 to another', async () => {
    const etag = etagOf(LAN_NT);
    for (const ifNoneMatch of [etag, '*']) {
      const answer = await get(plain, '/lan/1?format=nt', { 'if-none-match': ifNoneMatch });
      expect(answer.status, ifNoneMatch).toBe(304);
      expect(answer.body.length).toBe(0);
      expect(answer.headers.etag).toBe(etag);
      expect(answer.headers['content-type']).toBeUndefined();
    }
    const stale = await get(plain, '/lan/1?format=nt', { 'if-none-match': '"stale"' });
    expect(stale.status).toBe(200);
    expect(stale.body.toString()).toBe(LAN_NT);
  });

  it('sends a body over a kilobyte with gzip or brotli as asked, the ETag suffixed with the coding', async () => {
    const identity = await get(plain, '/lan/1');
    expect(identity.body.length).toBeGreaterThan(1024);
    const gzip = await get(plain, '/lan/1', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.etag).toBe(`${etagOf(identity.body).slice(0, -1)}-gz"`);
    expect(gzip.headers.vary).toBe('Accept, Accept-Encoding');
    expect(gunzipSync(gzip.body).equals(identity.body)).toBe(true);
    const brotli = await get(plain, '/lan/1', { 'accept-encoding': 'gzip, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.etag).toBe(`${etagOf(identity.body).slice(0, -1)}-br"`);
    expect(brotliDecompressSync(brotli.body).equals(identity.body)).toBe(true);
  });

  it('sends a body under a kilobyte as it is, even to a client that takes gzip', async () => {
    const answer = await get(plain, '/lan/1?format=nt', { 'accept-encoding': 'gzip' });
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers.etag).toBe(etagOf(LAN_NT));
    expect(answer.body.toString()).toBe(LAN_NT);
  });

  it('answers 406 naming the header when Accept-Encoding refuses identity, brotli and gzip', async () => {
    const answer = await get(plain, '/lan/1', { 'accept-encoding': 'identity;q=0, *;q=0' });
    expect(answer.status).toBe(406);
    expect(answer.headers.vary).toBe('Accept, Accept-Encoding');
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(answer.headers.etag).toBeUndefined();
    expect(answer.body.toString()).toBe('None of the content codings in Accept-Encoding: "identity;q=0, *;q=0" is offered here; offered: br, gzip, identity.\n');
  });
});

describe('HTML pages', () => {
  it('are in Swedish by default, with Content-Language, Vary: Accept-Language, the CSP, and Link to every other format', async () => {
    const answer = await get(plain, '/lan/1', { accept: 'text/html' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['content-language']).toBe('sv');
    expect(answer.headers.vary).toBe('Accept, Accept-Language, Accept-Encoding');
    expect(answer.headers['content-security-policy']).toBe(CSP);
    expect(answer.headers.link).toBe(`</catalog>; rel="describedby", ${links('/lan/1', 'text/html')}`);
    const html = answer.body.toString();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('<title>Län ett</title>');
    expect(html).toContain('<link rel="alternate" type="text/turtle" href="/lan/1?format=ttl" title="Turtle">');
    expect(html).not.toContain('type="text/html"');
    expect(html).not.toContain('<figure>');
  });

  it('are in English by ?lang=en or Accept-Language, and Swedish for a language not served', async () => {
    expect((await get(plain, '/lan/1?format=html&lang=en')).headers['content-language']).toBe('en');
    expect((await get(plain, '/lan/1?format=html&lang=sv', { 'accept-language': 'en' })).headers['content-language']).toBe('sv');
    const byHeader = await get(plain, '/lan/1?format=html', { 'accept-language': 'en' });
    expect(byHeader.headers['content-language']).toBe('en');
    expect(byHeader.body.toString()).toContain('<html lang="en">');
    expect((await get(plain, '/lan/1?format=html', { 'accept-language': 'de' })).headers['content-language']).toBe('sv');
  });

  it('open with the picture of the relationships on a collaboration', async () => {
    const html = (await get(plain, '/samverkan/s?format=html')).body.toString();
    expect(html).toContain('<section id="relationships">');
    expect(html).toContain('<figure>');
  });

  it('show the dataset version beside a source when versions are given', async () => {
    const versioned = (await get(full, '/lan/1?format=html')).body.toString();
    expect(versioned).toContain('<a href="/datasets/prov/versions/3">3</a>');
    expect((await get(plain, '/lan/1?format=html')).body.toString()).not.toContain('/datasets/prov/versions/');
  });

  it('describe the vocabulary at /def, term by term', async () => {
    const answer = await get(plain, '/def?format=html');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-language']).toBe('sv');
    expect(answer.body.toString()).toContain('<tr id="Municipality">');
  });
});

describe('/def', () => {
  it('answers the ontology and the terms it defines, without what points at the terms', async () => {
    const answer = await get(plain, '/def?format=nt');
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe(`<${BASE}def> <${RDF_TYPE}> <http://www.w3.org/2002/07/owl#Ontology> .
<${BASE}def> <${DCTERMS_TITLE}> "Ordlista"@sv .
<${BASE}def#Municipality> <http://www.w3.org/2000/01/rdf-schema#isDefinedBy> <${BASE}def> .
<${BASE}def#Municipality> <http://www.w3.org/2004/02/skos/core#prefLabel> "Kommun"@sv .
`);
    expect(answer.headers.link).toBe(`</catalog>; rel="describedby", ${links('/def', 'application/n-triples')}`);
  });
});

describe('/context.jsonld', () => {
  const context = readFileSync(dataPath('context.jsonld'), 'utf8');

  it('answers the bundled context, indented, with an ETag and no Link', async () => {
    const answer = await get(plain, '/context.jsonld');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/ld+json');
    expect(answer.body.toString()).toBe(`${JSON.stringify(JSON.parse(context), null, 2)}\n`);
    expect(answer.headers.etag).toBe(etagOf(answer.body));
    expect(answer.headers.vary).toBe('Accept, Accept-Encoding');
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.headers.link).toBeUndefined();
  });

  it('answers application/json and ?format=jsonld with the same bytes', async () => {
    const first = await get(plain, '/context.jsonld');
    for (const [path, headers] of [['/context.jsonld', { accept: 'application/json' }], ['/context.jsonld?format=jsonld', { accept: 'text/html' }]] as const) {
      const answer = await get(plain, path, headers);
      expect(answer.status, path).toBe(200);
      expect(answer.body.equals(first.body)).toBe(true);
    }
  });

  it('answers 406 to Accept: text/turtle, and 400 to ?format=ttl, offering JSON-LD alone', async () => {
    const refused = await get(plain, '/context.jsonld', { accept: 'text/turtle' });
    expect(refused.status).toBe(406);
    expect(refused.body.toString()).toBe('None of the media types in Accept: "text/turtle" is offered here; offered: jsonld (application/ld+json) (or ?format=).\n');
    const unknown = await get(plain, '/context.jsonld?format=ttl');
    expect(unknown.status).toBe(400);
    expect(unknown.body.toString()).toBe('Unknown format "ttl"; offered: jsonld (application/ld+json)\n');
  });
});

describe('documents at fixed paths', () => {
  it('serve their own quads, and Link to the catalogue path given', async () => {
    const answer = await get(full, '/katalog?format=nt');
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe(`<${BASE}katalog> <${DCAT_DATASET}> <${BASE}dataset/prov> .
<${BASE}katalog> <${DCAT_DATASET}> <${BASE}dataset/bara-i-katalogen> .
<${BASE}dataset/prov> <${DCTERMS_TITLE}> "Provdata"@sv .
<${BASE}dataset/prov> <${RDF_TYPE}> <http://www.w3.org/ns/dcat#Dataset> .
<${BASE}dataset/bara-i-katalogen> <${DCTERMS_TITLE}> "Bara"@sv .
<${BASE}dataset/olistad> <${DCTERMS_TITLE}> "Olistad"@sv .
`);
    expect(answer.headers.link).toBe(`</katalog>; rel="describedby", ${links('/katalog', 'application/n-triples')}`);
  });

  it("keep the front door's Access-Control-Expose-Headers", async () => {
    expect((await get(full, '/katalog')).headers['access-control-expose-headers']).toBe('X-Request-Id');
  });

  it('show a page of their own as HTML, given the language and the other formats at their path', async () => {
    const answer = await get(full, '/?lang=en', { accept: 'text/html' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-language']).toBe('en');
    expect(answer.headers['content-security-policy']).toBe(CSP);
    expect(answer.body.toString()).toBe(
      '<p>en text/turtle=/?format=ttl application/n-triples=/?format=nt application/n-quads=/?format=nq application/ld+json=/?format=jsonld application/rdf+xml=/?format=rdf application/trig=/?format=trig</p>',
    );
    expect(answer.headers.link).toBe(`</katalog>; rel="describedby", ${links('/', 'text/html')}`);
  });

  it('show the description page as HTML when they have no page of their own', async () => {
    const answer = await get(full, '/katalog?format=html');
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toContain('<html lang="sv">');
    expect(answer.body.toString()).toContain('Provdata');
  });

  it('answer a document that fails with a 500 naming a reference, which the log holds', async () => {
    loggerError.mockClear();
    const answer = await get(full, '/trasig');
    expect(answer.status).toBe(500);
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
    const reference = /^Internal server error \(reference ([0-9a-f-]{36})\)\.\n$/.exec(answer.body.toString())?.[1];
    expect(reference).toBeDefined();
    expect(loggerError).toHaveBeenCalledTimes(1);
    const [fields, message] = loggerError.mock.calls[0] as [{ err: Error; reference: string; path: string }, string];
    expect(fields).toEqual({ err: new Error('the catalogue could not be made'), reference, path: '/trasig' });
    expect(message).toBe('unexpected error answering a linked-data request');
  });
});

describe('datasets of the catalogue', () => {
  it("are described by the graph and the catalogue's account, each quad once", async () => {
    // N-Quads, which (unlike the triple formats) writes every quad it is given.
    const answer = await get(full, '/dataset/prov?format=nq');
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe(`<${BASE}dataset/prov> <${DCTERMS_TITLE}> "Provdata"@sv .
<${BASE}dataset/prov> <${RDF_TYPE}> <http://www.w3.org/ns/dcat#Dataset> <${BASE}dataset/prov> .
<${BASE}dataset/prov> <${RDF_TYPE}> <http://www.w3.org/ns/dcat#Dataset> .
<${BASE}katalog> <${DCAT_DATASET}> <${BASE}dataset/prov> .
`);
    expect((await get(plain, '/dataset/prov?format=nq')).body.toString()).toBe(`<${BASE}dataset/prov> <${DCTERMS_TITLE}> "Provdata"@sv .
<${BASE}dataset/prov> <${RDF_TYPE}> <http://www.w3.org/ns/dcat#Dataset> <${BASE}dataset/prov> .
`);
  });

  it('are served when only the catalogue knows them', async () => {
    const answer = await get(full, '/dataset/bara-i-katalogen?format=nt');
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe(`<${BASE}dataset/bara-i-katalogen> <${DCTERMS_TITLE}> "Bara"@sv .
<${BASE}katalog> <${DCAT_DATASET}> <${BASE}dataset/bara-i-katalogen> .
`);
  });

  it('keep every distinct quad of the graph and the catalogue, even two whose terms run together read the same', async () => {
    // <…/o> in graph <…/g> and <…/ohttp://example.org/g> in the default graph: one string once their terms are joined with nothing between.
    const colliding = await mount({
      graph: graphOfTriG('GRAPH <http://example.org/g> { <dataset/krock> <http://example.org/p> <http://example.org/o> . }'),
      logger,
      catalogPath: '/katalog',
      documents: new Map([
        [
          '/katalog',
          {
            subject: namedNode(`${BASE}katalog`),
            quads: () => [
              quad(namedNode(`${BASE}katalog`), namedNode(DCAT_DATASET), namedNode(`${BASE}dataset/krock`)),
              quad(namedNode(`${BASE}dataset/krock`), namedNode('http://example.org/p'), namedNode('http://example.org/ohttp://example.org/g')),
            ],
          },
        ],
      ]),
    });
    try {
      const answer = await get(colliding, '/dataset/krock?format=nq');
      expect(answer.status).toBe(200);
      expect(answer.body.toString()).toBe(`<${BASE}dataset/krock> <http://example.org/p> <http://example.org/o> <http://example.org/g> .
<${BASE}dataset/krock> <http://example.org/p> <http://example.org/ohttp://example.org/g> .
<${BASE}katalog> <${DCAT_DATASET}> <${BASE}dataset/krock> .
`);
    } finally {
      await unmount(colliding);
    }
  });

  it('are not what the catalogue describes without listing', async () => {
    expect((await get(full, '/dataset/olistad')).status).toBe(404);
  });
});

describe('refusals', () => {
  it('answers an unknown resource with 404 and a message naming its IRI', async () => {
    const answer = await get(plain, '/kommun/0');
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(answer.headers.vary).toBe('Accept');
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers.link).toBeUndefined();
    expect(answer.headers.etag).toBeUndefined();
    expect(answer.body.toString()).toBe(`Nothing is known about <${BASE}kommun/0>: no triple here has it as subject or object.\n`);
  });

  it('answers /def with 404 when the graph has no ontology, and another method on it goes on to the next handler too', async () => {
    expect((await get(bare, '/def')).status).toBe(404);
    const patched = await get(bare, '/def', {}, 'PATCH');
    expect([patched.status, JSON.parse(patched.body.toString())]).toEqual([404, { error: 'No route for PATCH /def' }]);
  });

  it('answers the message as an HTML page, escaped, when the client prefers HTML', async () => {
    const answer = await get(plain, '/kommun/0', { accept: 'text/html' });
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['content-security-policy']).toBe(CSP);
    const html = answer.body.toString();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>404 Not Found</title>');
    expect(html).toContain(`<header><h1>404 Not Found</h1></header>\n<main><p>Nothing is known about &lt;${BASE}kommun/0&gt;: no triple here has it as subject or object.</p></main>`);
  });

  it('answers the message as HTML for ?format=html, whatever Accept says', async () => {
    const answer = await get(plain, '/kommun/0?format=html', { accept: 'text/plain' });
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('answers HEAD refusals with their headers and no body, in HTML too', async () => {
    for (const accept of ['text/plain', 'text/html']) {
      const answer = await get(plain, '/kommun/0', { accept }, 'HEAD');
      expect(answer.status).toBe(404);
      expect(answer.headers['content-type']).toBe(`${accept}; charset=utf-8`);
      expect(answer.body.length).toBe(0);
    }
  });

  it('answers 406 naming Accept and every offer when nothing in Accept is offered, but 404 first for an unknown resource', async () => {
    const answer = await get(plain, '/lan/1', { accept: 'image/png' });
    expect(answer.status).toBe(406);
    expect(answer.headers.vary).toBe('Accept');
    expect(answer.body.toString()).toBe(`None of the media types in Accept: "image/png" is offered here; offered: ${OFFERED} (or ?format=).\n`);
    expect((await get(plain, '/kommun/0', { accept: 'image/png' })).status).toBe(404);
  });

  it('repeats up to 200 characters of Accept in a 406, and cuts a longer one', async () => {
    const exact = `x/${'y'.repeat(198)}`;
    expect((await get(plain, '/lan/1', { accept: exact })).body.toString()).toBe(`None of the media types in Accept: "${exact}" is offered here; offered: ${OFFERED} (or ?format=).\n`);
    expect((await get(plain, '/lan/1', { accept: `${exact}z` })).body.toString()).toBe(`None of the media types in Accept: "${exact}…" is offered here; offered: ${OFFERED} (or ?format=).\n`);
  });

  it('answers 406 naming the predicate, and the other formats, when RDF/XML cannot write the description', async () => {
    const answer = await get(plain, '/ting/trasig?format=rdf');
    expect(answer.status).toBe(406);
    expect(answer.body.toString()).toBe(
      'This description cannot be written as RDF/XML: RDF/XML cannot write the predicate <http://example.org/p/1>: its IRI does not end in an XML name; ask for another format: ttl (text/turtle), nt (application/n-triples), nq (application/n-quads), jsonld (application/ld+json), trig (application/trig), html (text/html).\n',
    );
    expect((await get(plain, '/ting/trasig?format=nt')).status).toBe(200);
  });

  it('answers 500 naming a reference, not a 406 about RDF/XML, when another format cannot write the description', async () => {
    loggerError.mockClear();
    const answer = await get(plain, '/ting/json?format=jsonld');
    expect(answer.status).toBe(500);
    expect(answer.body.toString()).toMatch(/^Internal server error \(reference [0-9a-f-]{36}\)\.\n$/);
    expect(loggerError).toHaveBeenCalledTimes(1);
    expect((loggerError.mock.calls[0] as [{ err: Error }])[0].err.message).toBe('JSON literal could not be parsed.');
    expect((await get(plain, '/ting/json?format=nt')).status).toBe(200);
  });

  it('answers a bad path in plain text to a client that prefers it, even when the query string cannot be read', async () => {
    const unreadable = await mount({ graph, logger }, undefined, (app) => {
      app.set('query parser', () => {
        throw new URIError('the query string cannot be read');
      });
    });
    try {
      const answer = await get(unreadable, '/kommun/%ff?lang=en', { accept: 'text/plain' });
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(answer.body.toString()).toBe('The path "/kommun/%ff" has percent-escapes that are not UTF-8.\n');
    } finally {
      await unmount(unreadable);
    }
  });

  it("leaves an error after an earlier handler began the answer to the server's own error handler, neither logging it nor answering again", async () => {
    loggerError.mockClear();
    const passedOn: unknown[] = [];
    const begun = await mount(
      { graph, logger },
      (_request, response, next) => {
        response.status(202).flushHeaders();
        next();
      },
      (app) => {
        app.use(((error, _request, response, _next) => {
          passedOn.push(error);
          response.end();
        }) satisfies express.ErrorRequestHandler);
      },
    );
    try {
      const answer = await get(begun, '/lan/1');
      expect(answer.status).toBe(202);
      expect(answer.body.length).toBe(0);
      expect(loggerError).not.toHaveBeenCalled();
      expect(passedOn).toHaveLength(1);
      expect((passedOn[0] as NodeJS.ErrnoException).code).toBe('ERR_HTTP_HEADERS_SENT');
    } finally {
      await unmount(begun);
    }
  });

  it('answers 400 for an unknown ?format, before looking the resource up', async () => {
    for (const path of ['/lan/1?format=pdf', '/kommun/0?format=pdf']) {
      const answer = await get(plain, path);
      expect(answer.status, path).toBe(400);
      expect(answer.body.toString()).toBe(`Unknown format "pdf"; offered: ${OFFERED}\n`);
    }
  });

  it('answers 400 for ?format given twice', async () => {
    const answer = await get(plain, '/lan/1?format=ttl&format=nt');
    expect(answer.status).toBe(400);
    expect(answer.body.toString()).toBe(`Give ?format once, as one of: ${OFFERED}.\n`);
  });

  it('answers 400 for a ?lang not served or given twice, after ?format given twice and before an unknown ?format', async () => {
    expect((await get(plain, '/lan/1?lang=de')).body.toString()).toBe('Give ?lang once, as one of: sv, en; it was given as "de".\n');
    const twice = await get(plain, '/lan/1?lang=sv&lang=en');
    expect(twice.status).toBe(400);
    expect(twice.body.toString()).toBe('Give ?lang once, as one of: sv, en; it was given more than once or as a list.\n');
    expect((await get(plain, '/context.jsonld?lang=de')).status).toBe(400);
    expect((await get(plain, '/lan/1?format=ttl&format=nt&lang=de')).body.toString()).toBe(`Give ?format once, as one of: ${OFFERED}.\n`);
    expect((await get(plain, '/lan/1?format=pdf&lang=de')).body.toString()).toBe('Give ?lang once, as one of: sv, en; it was given as "de".\n');
  });

  it('repeats up to 200 characters of ?lang, and cuts a longer one', async () => {
    const exact = 'a'.repeat(200);
    expect((await get(plain, `/lan/1?lang=${exact}`)).body.toString()).toBe(`Give ?lang once, as one of: sv, en; it was given as "${exact}".\n`);
    expect((await get(plain, `/lan/1?lang=${exact}b`)).body.toString()).toBe(`Give ?lang once, as one of: sv, en; it was given as "${exact}…".\n`);
  });

  it('answers 400 for a path that names no IRI, before the format is looked at', async () => {
    const answer = await get(plain, '/kommun/%ff?format=pdf');
    expect(answer.status).toBe(400);
    expect(answer.headers.vary).toBe('Accept');
    expect(answer.body.toString()).toBe('The path "/kommun/%ff" has percent-escapes that are not UTF-8.\n');
  });

  it('answers 414 for a path over 2048 characters', async () => {
    const answer = await get(plain, `/${'a'.repeat(2048)}`);
    expect(answer.status).toBe(414);
    expect(answer.body.toString()).toBe('The path is 2049 characters long; the limit is 2048.\n');
  });
});

describe('other methods', () => {
  it.each([
    ['POST', '/lan/1', () => plain],
    ['PUT', '/ting/m%C3%A5l', () => plain],
    ['DELETE', '/context.jsonld', () => plain],
    ['PATCH', '/def', () => plain],
    ['POST', '/katalog', () => full],
    ['POST', '/dataset/bara-i-katalogen', () => full],
  ] as const)('%s %s answers 405 with Allow: GET, HEAD', async (method, path, at) => {
    const answer = await get(at(), path, {}, method);
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
    expect(answer.headers.vary).toBe('Accept');
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(answer.body.toString()).toBe(`The method ${method} is not allowed here; resources answer GET, HEAD.\n`);
  });

  it.each([
    ['/kommun/0', () => plain],
    ['/kommun/%ff', () => plain],
    ['/dataset/olistad', () => full],
  ] as const)('POST %s goes on to the next handler', async (path, at) => {
    const answer = await get(at(), path, {}, 'POST');
    expect(answer.status).toBe(404);
    expect(answer.headers.allow).toBeUndefined();
    expect(answer.headers.vary).toBeUndefined();
    expect(JSON.parse(answer.body.toString())).toEqual({ error: `No route for POST ${path}` });
  });
});
