import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { ApolloServer } from '@apollo/server';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../src/graphql/context.js';
import { createApolloServer } from '../../src/http/createApolloServer.js';
import { createGraphqlHandler, type GraphqlHandlerOptions } from '../../src/http/createGraphqlHandler.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { shippedGraph } from '../support/executeQuery.js';
import { sendRaw, sendRequest } from '../support/sendRaw.js';

/**
 * GraphQL over HTTP as createGraphqlHandler answers it, on a plain http server of the test's own
 * with Apollo over the shipped data. Each case makes its own handler, so that mutation testing
 * credits every line of it to a case; Apollo and the graph, which it does not make, are shared.
 */

const KARLSKOGA = '{ municipality(code: "1883") { name } }';
const MAX_BODY_BYTES = 2_000;

let graph: Graph;
let apollo: ApolloServer<Context>;
let server: Server | undefined;
let url: string;

beforeAll(async () => {
  graph = await shippedGraph();
  apollo = createApolloServer({ logger: pino({ level: 'silent' }), graph, execution: 'interpreted' });
  await apollo.start();
});

afterAll(async () => {
  await apollo.stop();
});

async function serve(options: Partial<GraphqlHandlerOptions> = {}): Promise<void> {
  const handler = createGraphqlHandler({ apollo, graph, logger: pino({ level: 'silent' }), maxBodyBytes: MAX_BODY_BYTES, ...options });
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

beforeEach(async () => {
  await serve();
});

afterEach(async () => {
  server!.closeAllConnections();
  await new Promise((resolve) => server!.close(resolve));
});

/** The message of a JSON error answer: `{"errors": [{"message", "extensions": {"code": "BAD_REQUEST"}}]}`. */
function messageOf(text: string): string {
  const { errors } = JSON.parse(text) as { errors: Array<{ message: string; extensions: { code: string } }> };
  expect(errors).toHaveLength(1);
  expect(errors[0]!.extensions.code).toBe('BAD_REQUEST');
  return errors[0]!.message;
}

/** A GET carrying Apollo's preflight header, which its CSRF guard asks of a GET with no JSON content type. */
function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}${path}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });
}

function post(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

describe('a POST with a JSON body', () => {
  it('is answered by Apollo over the graph', async () => {
    const response = await post(JSON.stringify({ query: KARLSKOGA }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { municipality: { name: 'Karlskoga' } } });
  });

  it('gets no ETag: only GET answers are cached', async () => {
    const response = await post(JSON.stringify({ query: KARLSKOGA }));
    expect(response.headers.get('etag')).toBeNull();
  });

  it('is answered in the language Accept-Language prefers', async () => {
    const query = JSON.stringify({ query: '{ collaborations { name } }' });
    const swedish = (await (await post(query, { 'accept-language': 'sv' })).json()) as { data: { collaborations: Array<{ name: string }> } };
    const english = (await (await post(query, { 'accept-language': 'en' })).json()) as { data: { collaborations: Array<{ name: string }> } };
    expect(swedish.data.collaborations[0]!.name).toBe('Kulturskolesamverkan i Örebro län');
    expect(english.data.collaborations[0]!.name).not.toBe(swedish.data.collaborations[0]!.name);
  });
});

describe('a body that cannot be read', () => {
  it('declared over the limit is refused with 413 before it is read', async () => {
    const answer = await sendRequest(url, { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) }, contentLength: false });
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(messageOf(answer.text)).toBe(`The request body is ${MAX_BODY_BYTES + 1} bytes long, larger than the limit of ${MAX_BODY_BYTES} bytes`);
  });

  it('sent in chunks over the limit is refused with 413', async () => {
    const body = JSON.stringify({ query: KARLSKOGA, variables: { padding: 'x'.repeat(MAX_BODY_BYTES) } });
    const answer = await sendRequest(url, { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, body: `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`, contentLength: false });
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(messageOf(answer.text)).toBe('Request body is larger than the limit of this endpoint');
  });

  it('that is no JSON is refused with 400 saying so', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(messageOf(await response.text())).toMatch(/^Request body is not valid JSON: /);
  });

  it('that is no UTF-8 is refused with 400 saying so, not read with replacement characters', async () => {
    const bytes = Buffer.concat([Buffer.from('{"query": "{ municipality(code: \\"'), Buffer.from([0xff, 0xfe]), Buffer.from('\\") { name } }"}')]);
    const answer = await sendRequest(url, { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: bytes });
    expect(answer.status).toBe(400);
    expect(messageOf(answer.text)).toBe('The request body is not valid UTF-8');
  });
});

describe('a GET', () => {
  const path = `?query=${encodeURIComponent(KARLSKOGA)}`;

  it('is answered with a strong ETag of its body', async () => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"[^W]/);
    expect(await response.json()).toEqual({ data: { municipality: { name: 'Karlskoga' } } });
  });

  it('naming that ETag in If-None-Match gets 304 with the ETag, no body and no Content-Type', async () => {
    const etag = (await get(path)).headers.get('etag')!;
    const answer = await sendRaw(url, `GET /graphql?query=${encodeURIComponent(KARLSKOGA)} HTTP/1.1\r\nhost: x\r\nconnection: close\r\napollo-require-preflight: true\r\nif-none-match: "other", ${etag}\r\n\r\n`);
    expect(answer.status).toBe(304);
    expect(answer.headers.etag).toBe(etag);
    expect(answer.body.length).toBe(0);
    // The validators, not the metadata of a body it does not have (RFC 9110 §15.4.5).
    expect(answer.headers['content-type']).toBeUndefined();
  });

  it('naming another ETag gets the whole answer', async () => {
    const response = await get(path, { 'if-none-match': '"something-else"' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { municipality: { name: 'Karlskoga' } } });
  });

  it('whose answer is an error gets no ETag', async () => {
    const response = await get(`?query=${encodeURIComponent('{ nope }')}`, { accept: 'application/graphql-response+json' });
    expect(response.status).toBe(400);
    expect(response.headers.get('etag')).toBeNull();
  });

  it('with a query string that is no UTF-8 is refused with 400 naming the query string', async () => {
    const response = await get('?query=%7B%20municipality(code%3A%20%22%ff%22)%20%7B%20name%20%7D%20%7D');
    expect(response.status).toBe(400);
    expect(messageOf(await response.text())).toBe("The URL's query string is not valid UTF-8: a %-escape is malformed or encodes bytes that are no UTF-8");
  });

  it('with a malformed %-escape is refused the same way', async () => {
    const response = await get('?query=%E0%A4%A');
    expect(response.status).toBe(400);
    expect(messageOf(await response.text())).toMatch(/^The URL's query string is not valid UTF-8/);
  });

  it('with "+" for spaces in a valid query string is answered', async () => {
    const response = await get(`?query=${encodeURIComponent(KARLSKOGA).replace(/%20/g, '+')}`);
    expect(response.status).toBe(200);
  });
});

describe('an answer over the byte limit', () => {
  const query = JSON.stringify({ query: '{ municipalities { name code } }' });

  it('is replaced by a RESPONSE_TOO_LARGE error naming its size and the limit, as 400 for graphql-response+json', async () => {
    server!.close();
    await serve({ maxResponseBytes: 1_000 });
    const response = await post(query, { accept: 'application/graphql-response+json' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { data?: unknown; errors: Array<{ message: string; extensions: { code: string; limit: number; bytes: number } }> };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]!.extensions.code).toBe('RESPONSE_TOO_LARGE');
    expect(body.errors[0]!.extensions.limit).toBe(1_000);
    expect(body.errors[0]!.extensions.bytes).toBeGreaterThan(1_000);
    expect(body.errors[0]!.message).toBe(
      `The answer is ${body.errors[0]!.extensions.bytes.toLocaleString('en')} bytes long, over the limit of 1,000 bytes; ask for fewer fields, or page with "first" and "after"`,
    );
  });

  it('is a 200 for a client that accepts application/json only', async () => {
    server!.close();
    await serve({ maxResponseBytes: 1_000 });
    const response = await post(query, { accept: 'application/json' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('RESPONSE_TOO_LARGE');
  });

  it('counts bytes, not characters: an answer of as many characters as the limit but more bytes is refused', async () => {
    // "Kulturskolesamverkan i Örebro län": each of ö and ä is one character and two bytes.
    const query = JSON.stringify({ query: '{ collaborations { name } }' });
    const answer = await (await post(query, { 'accept-language': 'sv' })).text();
    expect(Buffer.byteLength(answer)).toBeGreaterThan(answer.length);
    server!.close();
    await serve({ maxResponseBytes: answer.length });
    expect(await (await post(query, { 'accept-language': 'sv' })).text()).toContain('RESPONSE_TOO_LARGE');
  });

  it('that fits exactly is sent whole', async () => {
    const answer = await (await post(JSON.stringify({ query: KARLSKOGA }))).text();
    server!.close();
    await serve({ maxResponseBytes: Buffer.byteLength(answer) });
    const response = await post(JSON.stringify({ query: KARLSKOGA }));
    expect(await response.text()).toBe(answer);
    server!.close();
    await serve({ maxResponseBytes: Buffer.byteLength(answer) - 1 });
    const over = await post(JSON.stringify({ query: KARLSKOGA }));
    expect(await over.text()).toContain('RESPONSE_TOO_LARGE');
  });
});

describe('a large answer', () => {
  it('is compressed as Accept-Encoding asks', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      body: JSON.stringify({ query: '{ municipalities { name code } }' }),
    });
    expect(response.status).toBe(200);
    // fetch decodes the body itself; the header says it came compressed.
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(((await response.json()) as { data: { municipalities: unknown[] } }).data.municipalities).toHaveLength(290);
  });

  it('sent to a GET gets an ETag that names the coding', async () => {
    const path = `/graphql?query=${encodeURIComponent('{ municipalities { name code } }')}`;
    const plain = await sendRaw(url, `GET ${path} HTTP/1.1\r\nhost: x\r\nconnection: close\r\napollo-require-preflight: true\r\n\r\n`);
    const gzip = await sendRaw(url, `GET ${path} HTTP/1.1\r\nhost: x\r\nconnection: close\r\napollo-require-preflight: true\r\naccept-encoding: gzip\r\n\r\n`);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString('utf8')).toBe(plain.text);
    expect(gzip.headers.etag).not.toBe(plain.headers.etag);
  });
});

describe('the datasets\' version numbers', () => {
  const query = JSON.stringify({ query: '{ datasets { id version } }' });
  const OREBRO_LAN = 'https://w3id.org/kulturskola/dataset/orebro-lan';

  it('are given to the resolvers when the handler has them', async () => {
    server!.close();
    await serve({ datasetVersions: new Map([[OREBRO_LAN, 4]]) });
    const { data } = (await (await post(query)).json()) as { data: { datasets: Array<{ id: string; version: number | null }> } };
    expect(data.datasets.find((dataset) => dataset.id === OREBRO_LAN)!.version).toBe(4);
  });

  it('are null when the handler has none (the data does not come from the publishing store)', async () => {
    const { data } = (await (await post(query)).json()) as { data: { datasets: Array<{ id: string; version: number | null }> } };
    expect(data.datasets.map((dataset) => dataset.id)).toContain(OREBRO_LAN);
    expect(data.datasets.every((dataset) => dataset.version === null)).toBe(true);
  });
});
