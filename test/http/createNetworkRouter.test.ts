import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import express from 'express';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNetworkRouter } from '../../src/http/createNetworkRouter.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { graphOfTriG } from '../support/graphOfTriG.js';
import { requestBytes, type AnswerBytes } from '../support/requestBytes.js';

const BASE = 'https://w3id.org/kulturskola/';
const DIGEST = '0123456789abcdef'.repeat(4);
const VERSION = '0123456789abcdef0123456789abcdef';
const LAST_MODIFIED = new Date('2026-01-02T03:04:05.678Z');
const LAST_MODIFIED_TEXT = 'Fri, 02 Jan 2026 03:04:05 GMT';

/** Two municipalities in a collaboration, and a county, which is no organisation. */
const graph = graphOfTriG(`
GRAPH <dataset/prov> {
  <kommun/1> a ks:Municipality ; skos:prefLabel "Ett"@sv ; ks:county <lan/1> .
  <kommun/2> a ks:Municipality ; skos:prefLabel "Två"@sv .
  <lan/1> a ks:County ; skos:prefLabel "Län ett"@sv .
  <samverkan/s> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan"@sv .
  <samverkan/s/m/1> a org:Membership ; org:member <kommun/1> ; org:organization <samverkan/s> .
  <samverkan/s/m/2> a org:Membership ; org:member <kommun/2> ; org:organization <samverkan/s> .
}`);

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="n_id" for="node" attr.name="id" attr.type="string"/>
  <key id="n_label" for="node" attr.name="label" attr.type="string"/>
  <key id="n_kind" for="node" attr.name="kind" attr.type="string"/>
  <key id="e_relation" for="edge" attr.name="relation" attr.type="string"/>
  <key id="e_label" for="edge" attr.name="label" attr.type="string"/>
  <key id="e_role" for="edge" attr.name="role" attr.type="string"/>
  <key id="e_roleLabel" for="edge" attr.name="roleLabel" attr.type="string"/>
  <key id="e_via" for="edge" attr.name="via" attr.type="string"/>
  <key id="e_start" for="edge" attr.name="start" attr.type="string"/>
  <key id="e_end" for="edge" attr.name="end" attr.type="string"/>
  <graph id="organisations" edgedefault="directed">
`;
const node = (id: string, path: string, label: string, kind: string) =>
  `    <node id="${id}"><data key="n_id">${BASE}${path}</data><data key="n_label">${label}</data><data key="n_kind">${kind}</data></node>\n`;
const edge = (id: string, source: string, member: number) =>
  `    <edge id="${id}" source="${source}" target="n2"><data key="e_relation">http://www.w3.org/ns/org#memberOf</data><data key="e_label">är medlem i</data><data key="e_via">${BASE}samverkan/s/m/${member}</data></edge>\n`;
const TAIL = '  </graph>\n</graphml>\n';
const WHOLE =
  HEAD + node('n0', 'kommun/1', 'Ett', 'Municipality') + node('n1', 'kommun/2', 'Två', 'Municipality') + node('n2', 'samverkan/s', 'Samverkan', 'Collaboration') + edge('e0', 'n0', 1) + edge('e1', 'n1', 2) + TAIL;
const KOMMUN_1 = HEAD + node('n0', 'kommun/1', 'Ett', 'Municipality') + node('n2', 'samverkan/s', 'Samverkan', 'Collaboration') + edge('e0', 'n0', 1) + TAIL;

let server: Server;
let url: string;
let close: () => Promise<void>;

// A router of its own for each case (not one in beforeAll): mutation testing credits code run in
// beforeAll to no case, so what the router does as it is made would go unchecked.
beforeEach(async () => {
  const router = createNetworkRouter({ graph, digest: DIGEST, lastModified: LAST_MODIFIED, logger: pino({ level: 'silent' }) });
  close = router.close;
  const app = express();
  app.disable('x-powered-by');
  app.use(router);
  // What follows in the server: the resource pages' router, here a stand-in that says what reached it.
  app.use((request, response) => {
    response.status(404).json({ passedOn: `${request.method} ${request.originalUrl}` });
  });
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await close();
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<AnswerBytes> {
  return requestBytes(`${url}${path}`, headers, method);
}

function etagOf(body: Buffer | string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

describe('the whole network', () => {
  it.each([
    ['/network.graphml', 'application/graphml+xml; charset=utf-8', 'graphml', 'kulturskolegrafen-network.graphml', WHOLE],
    [
      '/network/nodes.csv',
      'text/csv; charset=utf-8; header=present',
      'nodes-csv',
      'kulturskolegrafen-network-nodes.csv',
      `id,label,kind\r\n${BASE}kommun/1,Ett,Municipality\r\n${BASE}kommun/2,Två,Municipality\r\n${BASE}samverkan/s,Samverkan,Collaboration\r\n`,
    ],
    [
      '/network/edges.csv',
      'text/csv; charset=utf-8; header=present',
      'edges-csv',
      'kulturskolegrafen-network-edges.csv',
      'id,source,target,relation,label,role,roleLabel,via,start,end\r\n' +
        `e0,${BASE}kommun/1,${BASE}samverkan/s,http://www.w3.org/ns/org#memberOf,är medlem i,,,${BASE}samverkan/s/m/1,,\r\n` +
        `e1,${BASE}kommun/2,${BASE}samverkan/s,http://www.w3.org/ns/org#memberOf,är medlem i,,,${BASE}samverkan/s/m/2,,\r\n`,
    ],
  ])('GET %s answers %s, tagged with the data version, under its file name', async (path, contentType, tag, filename, body) => {
    const answer = await get(path);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe(contentType);
    expect(answer.headers.etag).toBe(`"${VERSION}-${tag}"`);
    expect(answer.headers['last-modified']).toBe(LAST_MODIFIED_TEXT);
    expect(answer.headers['cache-control']).toBe('public, no-cache');
    expect(answer.headers['content-disposition']).toBe(`inline; filename="${filename}"`);
    expect(answer.headers.vary).toBe('Accept-Encoding');
    expect(answer.body.toString()).toBe(body);
  });

  it('answers If-None-Match with the version tag with 304, and gzip with its own tag', async () => {
    const again = await get('/network.graphml', { 'if-none-match': `"${VERSION}-graphml"` });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const gzip = await get('/network/nodes.csv', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.etag).toBe(`"${VERSION}-nodes-csv-gz"`);
    expect(gunzipSync(gzip.body).toString().startsWith('id,label,kind\r\n')).toBe(true);
  });

  it('answers another method with 405 and Allow: GET, HEAD', async () => {
    const answer = await get('/network/edges.csv', {}, 'POST');
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
    expect(answer.body.toString()).toBe('The method POST is not allowed on /network/edges.csv; it answers GET and HEAD.\n');
  });
});

describe('a network that cannot be produced', () => {
  it('answers 503 with Retry-After, and no ETag', async () => {
    const failing = new Proxy({}, {
      get: () => () => {
        throw new Error('the store is gone');
      },
    }) as Graph;
    const router = createNetworkRouter({ graph: failing, digest: DIGEST, lastModified: LAST_MODIFIED, logger: pino({ level: 'silent' }) });
    const app = express();
    app.use(router);
    const broken: Server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    try {
      const answer = await requestBytes(`http://127.0.0.1:${(broken.address() as AddressInfo).port}/network/nodes.csv`);
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('60');
      expect(answer.headers.etag).toBeUndefined();
      expect(answer.body.toString()).toBe('/network/nodes.csv could not be produced; try again in 60 s.\n');
    } finally {
      broken.closeAllConnections();
      await new Promise((resolve) => broken.close(resolve));
      await router.close();
    }
  });
});

describe("an organisation's page with ?format=graphml", () => {
  it('answers its neighbourhood: it, its relations and the organisations at their other ends, with a strong ETag of the bytes', async () => {
    const answer = await get('/kommun/1?format=graphml');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/graphml+xml; charset=utf-8');
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers.vary).toBe('Accept-Encoding');
    expect(answer.headers['content-disposition']).toBeUndefined();
    expect(answer.body.toString()).toBe(KOMMUN_1);
    expect(answer.headers.etag).toBe(etagOf(KOMMUN_1));
    expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(KOMMUN_1)));
  });

  it("answers a collaboration's neighbourhood with every member", async () => {
    expect((await get('/samverkan/s?format=graphml')).body.toString()).toBe(WHOLE);
  });

  it('answers If-None-Match with that ETag with 304, HEAD with no body, and gzip with the coded tag', async () => {
    const etag = etagOf(KOMMUN_1);
    const again = await get('/kommun/1?format=graphml', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const head = await get('/kommun/1?format=graphml', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(KOMMUN_1)));
    expect(head.body.length).toBe(0);
    const gzip = await get('/kommun/1?format=graphml', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.etag).toBe(`${etag.slice(0, -1)}-gz"`);
    expect(gunzipSync(gzip.body).toString()).toBe(KOMMUN_1);
  });

  it('answers 404, saying why, for a resource that is no organisation, or nothing at all', async () => {
    for (const path of ['lan/1', 'kommun/0']) {
      const answer = await get(`/${path}?format=graphml`);
      expect(answer.status, path).toBe(404);
      expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(answer.headers['access-control-allow-origin']).toBe('*');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.body.toString()).toBe(
        `<${BASE}${path}> is no organisation of the network, so it has no neighbourhood to give as GraphML; ?format=graphml is offered on organisations' pages (municipalities, collaborations, projects, other organisations and units).\n`,
      );
    }
  });

  it('answers 400 for a path that names no IRI, and 414 for one too long', async () => {
    const bad = await get('/kommun/%ff?format=graphml');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(bad.headers['access-control-allow-origin']).toBe('*');
    expect(bad.body.toString()).toBe('The path "/kommun/%ff" has percent-escapes that are not UTF-8.\n');
    const long = await get(`/${'a'.repeat(2048)}?format=graphml`);
    expect(long.status).toBe(414);
    expect(long.body.toString()).toBe('The path is 2049 characters long; the limit is 2048.\n');
  });

  it('leaves every other ?format, no ?format, and other methods to the routes after it', async () => {
    for (const [method, path] of [
      ['GET', '/kommun/1?format=ttl'],
      ['GET', '/kommun/1'],
      ['POST', '/kommun/1?format=graphml'],
      ['GET', '/kommun/1?format=graphml&format=graphml'],
    ]) {
      const answer = await get(path!, {}, method);
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      expect(JSON.parse(answer.body.toString())).toEqual({ passedOn: `${method} ${path}` });
    }
  });
});
