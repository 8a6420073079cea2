import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import express from 'express';
import jsonld from 'jsonld';
import type { Logger } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDumpRouter, dumps, type DumpOptions } from '../../src/http/createDumpRouter.js';
import { dataPath } from '../../src/rdf/dataPath.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { graphOfTriG } from '../support/graphOfTriG.js';
import { openDumpFiles } from '../support/openDumpFiles.js';
import { requestBytes, type AnswerBytes } from '../support/requestBytes.js';

const BASE = 'https://w3id.org/kulturskola/';
const DIGEST = 'fedcba9876543210'.repeat(4);
const VERSION = 'fedcba9876543210fedcba9876543210';
const LAST_MODIFIED = new Date('2026-01-02T03:04:05.678Z');
const LAST_MODIFIED_TEXT = 'Fri, 02 Jan 2026 03:04:05 GMT';

/** One triple in two named graphs, and a blank node. */
const graph = graphOfTriG(`
GRAPH <dataset/a> { <kommun/1> skos:prefLabel "Ett"@sv ; ks:county <lan/1> . }
GRAPH <dataset/b> { <kommun/1> skos:prefLabel "Ett"@sv . <lan/1> dcterms:audience [ schema:suggestedMinAge 6 ] . }
`);

const NQUADS = `<${BASE}kommun/1> <http://www.w3.org/2004/02/skos/core#prefLabel> "Ett"@sv <${BASE}dataset/a> .
<${BASE}kommun/1> <${BASE}def#county> <${BASE}lan/1> <${BASE}dataset/a> .
<${BASE}kommun/1> <http://www.w3.org/2004/02/skos/core#prefLabel> "Ett"@sv <${BASE}dataset/b> .
<${BASE}lan/1> <http://purl.org/dc/terms/audience> _:b <${BASE}dataset/b> .
_:b <https://schema.org/suggestedMinAge> "6"^^<http://www.w3.org/2001/XMLSchema#integer> <${BASE}dataset/b> .
`;

/** Blank node labels are the writer's own; every other byte is compared. */
const blanksNamed = (text: string) => text.replace(/_:[\w-]+/g, '_:b');

const running: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((stop) => stop()));
});

/** An express app serving the dump router alone; `close` stops it and closes the router. */
async function start(options: Partial<DumpOptions> = {}): Promise<{ url: string; close(): Promise<void> }> {
  const router = createDumpRouter({ graph, digest: DIGEST, lastModified: LAST_MODIFIED, logger: { error: vi.fn(), debug: vi.fn() } as unknown as Logger, ...options });
  const app = express();
  app.disable('x-powered-by');
  app.use(router);
  app.use((request, response) => {
    response.status(404).json({ passedOn: `${request.method} ${request.path}` });
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await router.close();
    })());
  running.push(close);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close };
}

/** The address of a new app serving the dump router alone (see start). */
async function serve(options: Partial<DumpOptions> = {}): Promise<string> {
  return (await start(options)).url;
}

// A router of its own for each case (not one in beforeAll): mutation testing credits code run in
// beforeAll to no case, so what the router does as it is made would go unchecked.
let url: string;
beforeEach(async () => {
  url = await serve();
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<AnswerBytes> {
  return requestBytes(`${url}${path}`, headers, method);
}

describe('the dumps', () => {
  it('are listed for the catalogue in this order, saying which keep the named graphs', () => {
    expect(dumps.map(({ path, mediaType, keepsGraphs }) => ({ path, mediaType, keepsGraphs }))).toEqual([
      { path: '/dump.nq', mediaType: 'application/n-quads', keepsGraphs: true },
      { path: '/dump.trig', mediaType: 'application/trig', keepsGraphs: true },
      { path: '/dump.ttl', mediaType: 'text/turtle', keepsGraphs: false },
      { path: '/dump.jsonld', mediaType: 'application/ld+json', keepsGraphs: true },
    ]);
  });

  it.each(dumps.map((dump) => [dump.path, dump] as const))('%s writes the whole graph to the output it is given and leaves it open, for its caller to end', async (path, dump) => {
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    await dump.write(graph, output);
    expect(output.writableEnded).toBe(false);
    output.end();
    await new Promise((resolve) => output.on('end', resolve));
    expect(Buffer.concat(chunks).equals((await get(path)).body)).toBe(true);
  });

  it.each([
    ['/dump.nq', 'application/n-quads; charset=utf-8', 'nq'],
    ['/dump.trig', 'application/trig; charset=utf-8', 'trig'],
    ['/dump.ttl', 'text/turtle; charset=utf-8', 'ttl'],
    ['/dump.jsonld', 'application/ld+json; charset=utf-8', 'jsonld'],
  ])('GET %s answers %s, tagged with the data version and its extension, saved as kulturskolegrafen.<extension>', async (path, contentType, extension) => {
    const answer = await get(path);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe(contentType);
    expect(answer.headers.etag).toBe(`"${VERSION}-${extension}"`);
    expect(answer.headers['last-modified']).toBe(LAST_MODIFIED_TEXT);
    expect(answer.headers['cache-control']).toBe('public, no-cache');
    expect(answer.headers['content-disposition']).toBe(`inline; filename="kulturskolegrafen.${extension}"`);
    expect(answer.headers['accept-ranges']).toBe('bytes');
    expect(answer.headers.vary).toBe('Accept-Encoding');
    expect(answer.headers['content-length']).toBe(String(answer.body.length));
  });

  it('/dump.nq holds every quad, in every named graph', async () => {
    expect(blanksNamed((await get('/dump.nq')).body.toString())).toBe(NQUADS);
  });

  it('/dump.trig holds the same quads, graph by graph, with the context prefixes', async () => {
    const text = (await get('/dump.trig')).body.toString();
    expect(text.startsWith(`@prefix kg: <${BASE}>.\n@prefix ks: <${BASE}def#>.\n`)).toBe(true);
    expect(blanksNamed(text).endsWith(`
<${BASE}dataset/a> {
<${BASE}kommun/1> skos:prefLabel "Ett"@sv;
    ks:county <${BASE}lan/1>
}
<${BASE}dataset/b> {
<${BASE}kommun/1> skos:prefLabel "Ett"@sv.
<${BASE}lan/1> dcterms:audience _:b.
_:b schema:suggestedMinAge 6
}
`)).toBe(true);
  });

  it('/dump.ttl holds each triple once, without graphs, with the context prefixes', async () => {
    const text = (await get('/dump.ttl')).body.toString();
    expect(text.startsWith(`@prefix kg: <${BASE}>.\n@prefix ks: <${BASE}def#>.\n`)).toBe(true);
    expect(blanksNamed(text).endsWith(`>.

<${BASE}kommun/1> skos:prefLabel "Ett"@sv;
    ks:county <${BASE}lan/1>.
<${BASE}lan/1> dcterms:audience _:b.
_:b schema:suggestedMinAge 6.
`)).toBe(true);
  });

  it('/dump.jsonld holds the context inline and expands, with no fetch, to every quad', async () => {
    const document = JSON.parse((await get('/dump.jsonld')).body.toString()) as { '@context': unknown };
    const bundled = JSON.parse(readFileSync(dataPath('context.jsonld'), 'utf8')) as { '@context': unknown };
    expect(document['@context']).toEqual(bundled['@context']);
    const refuseAll = async (address: string): Promise<never> => {
      throw new Error(`the dump needed ${address}`);
    };
    const nquads = (await jsonld.toRDF(document as jsonld.JsonLdDocument, { format: 'application/n-quads', documentLoader: refuseAll, safe: true } as jsonld.Options.ToRdf)) as unknown as string;
    const lines = (text: string) => blanksNamed(text).trim().split('\n').sort();
    expect(lines(nquads)).toEqual(lines(NQUADS));
  });

  it('answer If-None-Match with the version tag with 304, and gzip with the coded tag', async () => {
    const again = await get('/dump.ttl', { 'if-none-match': `"${VERSION}-ttl"` });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const gzip = await get('/dump.nq', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.etag).toBe(`"${VERSION}-nq-gz"`);
    expect(blanksNamed(gunzipSync(gzip.body).toString())).toBe(NQUADS);
  });

  it('answer another method with 405 and Allow: GET, HEAD, and leave other paths to the routes after them', async () => {
    const refused = await get('/dump.trig', {}, 'PUT');
    expect(refused.status).toBe(405);
    expect(refused.headers.allow).toBe('GET, HEAD');
    expect(refused.body.toString()).toBe('The method PUT is not allowed on /dump.trig; it answers GET and HEAD.\n');
    const other = await get('/dump.rdf');
    expect(other.status).toBe(404);
    expect(JSON.parse(other.body.toString())).toEqual({ passedOn: 'GET /dump.rdf' });
  });

  it.runIf(process.platform === 'linux')('are kept in memory, no file open, up to the default limit of 16 MB', async () => {
    const before = await openDumpFiles();
    await requestBytes(`${url}/dump.nq`);
    await requestBytes(`${url}/dump.ttl`);
    expect(await openDumpFiles()).toBe(before);
  });
});

describe('the dumps, when too large to keep in memory', () => {
  it('are served from files with the same bytes, whole and by range', async () => {
    const files = await serve({ memoryLimitBytes: 0 });
    const whole = await requestBytes(`${files}/dump.nq`);
    expect(whole.status).toBe(200);
    expect(blanksNamed(whole.body.toString())).toBe(NQUADS);
    const part = await requestBytes(`${files}/dump.nq`, { range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 10-19/${whole.body.length}`);
    expect(part.body.equals(whole.body.subarray(10, 20))).toBe(true);
  });

  it.runIf(process.platform === 'linux')('are kept in files that stay open, one for each dump served, until the router is closed', async () => {
    const before = await openDumpFiles();
    const files = await start({ memoryLimitBytes: 0 });
    await requestBytes(`${files.url}/dump.nq`);
    await requestBytes(`${files.url}/dump.ttl`);
    expect(await openDumpFiles()).toBe(before + 2);
    await files.close();
    expect(await openDumpFiles()).toBe(before);
  });
});

describe('a dump that cannot be produced', () => {
  it('answers 503 with Retry-After', async () => {
    const failing = {
      quads: () => {
        throw new Error('the store is gone');
      },
    } as unknown as Graph;
    const broken = await serve({ graph: failing });
    for (const path of ['/dump.nq', '/dump.ttl']) {
      const answer = await requestBytes(`${broken}${path}`);
      expect(answer.status, path).toBe(503);
      expect(answer.headers['retry-after']).toBe('60');
      expect(answer.body.toString()).toBe(`${path} could not be produced; try again in 60 s.\n`);
    }
  });
});
