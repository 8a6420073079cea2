import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApolloServer } from '../../src/http/createApolloServer.js';
import { createGraphqlHandler, type NodeHandler } from '../../src/http/createGraphqlHandler.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { shippedGraph } from '../support/executeQuery.js';
import { createFrontDoor, type FrontDoor } from '../../src/http/createFrontDoor.js';
import type { SparqlPoolStats } from '../../src/http/sparql/SparqlWorkerPool.js';
import { sendRaw, sendRequest } from '../support/sendRaw.js';
import { recordingLogger } from '../support/recordingLogger.js';

/**
 * The front door on its own: an http server whose listener is createFrontDoor's, in front of a
 * handler of the test's own. test/http/observability.test.ts checks the same door in front of the
 * whole server; here each case builds its own door, so that it sees every line of the door run.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SPARQL_READY: SparqlPoolStats = { ready: true, loading: 0, queued: 0, running: 0, timeouts: 0, workerRestarts: 0, engineFailures: 0 };
const SPARQL_GONE: SparqlPoolStats = { ...SPARQL_READY, ready: false, loading: 2 };

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

let door: FrontDoor;
let server: Server;
let url: string;
let lines: LogLine[];
/** What the handler behind the door saw, one entry per request it was given. */
let handled: Array<{ method: string; url: string; requestId: string | undefined }>;

async function open(options: { writeOrigins?: readonly string[] } = {}): Promise<void> {
  lines = [];
  door = createFrontDoor(recordingLogger(lines), options);
  server = createServer(door.listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A handler answering 200 with the path, or the status a `?status=` asks for. */
const echo: NodeHandler = (request, response) => {
  handled.push({ method: request.method!, url: request.url!, requestId: request.headers['x-request-id'] as string | undefined });
  const status = Number(new URL(request.url!, 'http://x').searchParams.get('status') ?? 200);
  response.writeHead(status, { 'content-type': 'text/plain' });
  response.end(`handled ${request.url}`);
};

function serve(handler: NodeHandler = echo, stats: SparqlPoolStats = SPARQL_READY, health: Record<string, unknown> = { quads: 42, dataVersion: 'v7' }): void {
  door.serve(handler, { health, sparqlStats: () => stats });
}

/** The log lines of the request with this id, once the door has written them. */
async function logged(requestId: string): Promise<LogLine[]> {
  for (let tries = 0; tries < 100; tries++) {
    const found = lines.filter((line) => line.requestId === requestId);
    if (found.length > 0) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return [];
}

beforeEach(async () => {
  handled = [];
  await open();
});

async function close(): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

afterEach(close);

describe('while the data loads', () => {
  it('answers /health with 200 and status "loading", uncached', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ status: 'loading' });
  });

  it('answers /ready with 503 naming the data and SPARQL, then only SPARQL once the data is loaded', async () => {
    const before = await fetch(`${url}/ready`);
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({ status: 'loading', waitingFor: ['data', 'sparql'] });
    door.dataLoaded();
    const after = await fetch(`${url}/ready`);
    expect(after.status).toBe(503);
    expect(await after.json()).toEqual({ status: 'loading', waitingFor: ['sparql'] });
  });

  it('answers every other request with 503, Retry-After: 5 and a message saying to wait 5 s', async () => {
    for (const path of ['/graphql', '/kommun/1883', '/sparql?query=ASK%7B%7D']) {
      const response = await fetch(`${url}${path}`);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({ error: 'The service is starting and its data is still loading; try again in 5 s.' });
    }
    expect(handled).toEqual([]);
  });

  it('states the length of each JSON answer, and leaves out the body for HEAD', async () => {
    const answer = await sendRequest(url, { method: 'GET', path: '/ready' });
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    expect(answer.body.length).toBeGreaterThan(0);
    const head = await sendRaw(url, `HEAD /health HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`);
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify({ status: 'loading' })));
    expect(head.body.length).toBe(0);
  });
});

describe('once serving', () => {
  it('hands every other request to the handler', async () => {
    serve();
    const response = await fetch(`${url}/kommun/1883?x=1`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('handled /kommun/1883?x=1');
    expect(handled).toHaveLength(1);
  });

  it('answers /health with status "ok" and the facts it was given', async () => {
    serve(echo, SPARQL_READY, { quads: 42, dataVersion: 'v7' });
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', quads: 42, dataVersion: 'v7' });
  });

  it('answers /ready with 200 while a SPARQL worker can take queries, and 503 naming SPARQL while none can', async () => {
    let stats = SPARQL_READY;
    door.serve(echo, { health: {}, sparqlStats: () => stats });
    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    stats = SPARQL_GONE;
    const unavailable = await fetch(`${url}/ready`);
    expect(unavailable.status).toBe(503);
    expect(await unavailable.json()).toEqual({ status: 'unavailable', waitingFor: ['sparql'] });
  });

  it('reports in /metrics whether it is ready, and counts the requests by route, method and status', async () => {
    serve();
    await fetch(`${url}/kommun/1883?status=404`);
    await fetch(`${url}/kommun/1883?status=404`);
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).toMatch(/^service_ready 1$/m);
    expect(text).toMatch(/^http_requests_total\{route="resource",method="GET",status="404",operation=""\} 2$/m);
  });

  it('answers HEAD /metrics with the length of the text and no body', async () => {
    serve();
    const head = await sendRaw(url, `HEAD /metrics HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`);
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(1000);
    expect(head.body.length).toBe(0);
  });

  it('answers 500 and logs the fault when the metrics cannot be collected', async () => {
    serve();
    door.metrics.registry.metrics = () => Promise.reject(new Error('collector broke'));
    const response = await fetch(`${url}/metrics`, { headers: { 'x-request-id': 'metrics-fault' } });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'Internal server error' });
    const fault = lines.find((line) => line.msg === 'could not collect the metrics');
    expect(fault).toMatchObject({ level: 50, err: { message: 'collector broke' } });
  });
});

describe.each(['/health', '/ready', '/metrics'])('%s', (path) => {
  it.each(['POST', 'PUT', 'DELETE'])('answers %s with 405, naming the methods it answers', async (method) => {
    serve();
    const response = await fetch(`${url}${path}`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await response.text();
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(body));
    expect(JSON.parse(body)).toEqual({ error: `${path} answers GET and HEAD only.` });
  });
});

describe('every answer', () => {
  it('lets pages on any origin read it', async () => {
    for (const path of ['/health', '/graphql']) {
      const response = await fetch(`${url}${path}`);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    }
  });

  it('carries the id the client sent, when it is short and safe, and the handler sees it', async () => {
    serve();
    const response = await fetch(`${url}/graphql`, { headers: { 'x-request-id': 'client-7' } });
    expect(response.headers.get('x-request-id')).toBe('client-7');
    expect(handled[0]!.requestId).toBe('client-7');
  });

  it('carries an id of its own when the client sent none', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.headers.get('x-request-id')).toMatch(UUID);
  });
});

describe('two GraphQL requests in flight with the same id', () => {
  it('give the second one an id of its own, so that each is logged under its own', async () => {
    const waiting: Array<() => void> = [];
    serve((request, response) => {
      handled.push({ method: request.method!, url: request.url!, requestId: request.headers['x-request-id'] as string | undefined });
      waiting.push(() => response.end('ok'));
      if (waiting.length === 2) for (const finish of waiting) finish();
    });
    const [first, second] = await Promise.all([1, 2].map(() => fetch(`${url}/graphql`, { headers: { 'x-request-id': 'same-id' } })));
    const ids = [first!.headers.get('x-request-id'), second!.headers.get('x-request-id')];
    expect(ids).toContain('same-id');
    expect(ids.find((id) => id !== 'same-id')).toMatch(UUID);
    expect(new Set(handled.map((seen) => seen.requestId))).toEqual(new Set(ids));
  });

  it('keep the id a later request may use again once the first has finished', async () => {
    serve();
    for (let round = 0; round < 2; round++) {
      const response = await fetch(`${url}/graphql`, { headers: { 'x-request-id': 'again' } });
      await response.text();
      expect(response.headers.get('x-request-id')).toBe('again');
    }
  });
});

describe('preflights', () => {
  it('are answered by the door with 204, before the handler and even while loading', async () => {
    const response = await fetch(`${url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://page.example', 'access-control-request-method': 'POST' } });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(handled).toEqual([]);
  });
});

describe('writes to the datasets from a page', () => {
  it('are refused with 403 naming the origin, when the origin is not listed for writes', async () => {
    serve();
    const response = await fetch(`${url}/datasets/orebro-lan`, { method: 'PUT', headers: { origin: 'https://other.example' }, body: 'x' });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: string; code: string };
    expect(body.code).toBe('FORBIDDEN_ORIGIN');
    expect(body.error).toContain('"https://other.example"');
    expect(body.error).toContain('CORS_WRITE_ORIGINS');
    expect(handled).toEqual([]);
  });

  it('reach the handler from an origin listed for writes, and reads reach it from any origin', async () => {
    await close();
    await open({ writeOrigins: ['https://publisher.example'] });
    serve();
    const write = await fetch(`${url}/datasets/orebro-lan`, { method: 'PUT', headers: { origin: 'https://publisher.example' }, body: 'x' });
    expect(write.status).toBe(200);
    const read = await fetch(`${url}/datasets/orebro-lan`, { headers: { origin: 'https://other.example' } });
    expect(read.status).toBe(200);
    expect(handled.map((seen) => seen.method)).toEqual(['PUT', 'GET']);
  });

  it('cut a very long origin in the message', async () => {
    serve();
    const origin = `https://${'o'.repeat(400)}.example`;
    const response = await fetch(`${url}/datasets/orebro-lan`, { method: 'DELETE', headers: { origin } });
    expect(response.status).toBe(403);
    const { error } = (await response.json()) as { error: string };
    expect(error).toContain(`"${origin.slice(0, 256)}…"`);
    expect(error).not.toContain(origin);
  });
});

describe('an HTTP/0.9-style request line', () => {
  it('gets 400 naming the versions served', async () => {
    serve();
    const answer = await sendRaw(url, 'GET /health\r\n\r\n', { endAfterWrite: true });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({ error: 'HTTP/0.9 is not served; send HTTP/1.0 or HTTP/1.1.' });
    expect(handled).toEqual([]);
  });
});

describe('the request log', () => {
  it('has one line per request: id, route, method, path without query string, status and duration', async () => {
    serve();
    await fetch(`${url}/kommun/1883?secret=yes`, { headers: { 'x-request-id': 'line-1' } });
    const [line, ...more] = await logged('line-1');
    expect(more).toEqual([]);
    expect(line).toMatchObject({ level: 30, msg: 'request', requestId: 'line-1', route: 'resource', method: 'GET', path: '/kommun/1883', status: 200 });
    expect(line!.ms).toEqual(expect.any(Number));
    expect(line).not.toHaveProperty('operationName');
    expect(line).not.toHaveProperty('aborted');
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('logs client errors and /ready\'s 503 at info, other 503s at warn and other 5xx at error', async () => {
    serve(echo, SPARQL_GONE);
    await fetch(`${url}/x?status=404`, { headers: { 'x-request-id': 'client-error' } });
    await fetch(`${url}/ready`, { headers: { 'x-request-id': 'not-ready' } });
    await fetch(`${url}/x?status=503`, { headers: { 'x-request-id': 'unavailable' } });
    await fetch(`${url}/x?status=500`, { headers: { 'x-request-id': 'fault' } });
    await fetch(`${url}/x?status=502`, { headers: { 'x-request-id': 'bad-gateway' } });
    expect((await logged('client-error'))[0]).toMatchObject({ level: 30, status: 404 });
    expect((await logged('not-ready'))[0]).toMatchObject({ level: 30, status: 503, route: 'ready' });
    expect((await logged('unavailable'))[0]).toMatchObject({ level: 40, msg: 'request', status: 503 });
    expect((await logged('fault'))[0]).toMatchObject({ level: 50, msg: 'request', status: 500 });
    expect((await logged('bad-gateway'))[0]).toMatchObject({ level: 50, msg: 'request', status: 502 });
  });

  it('logs a request whose client went away before the answer with status 499, as aborted', async () => {
    let gone!: () => void;
    const clientGone = new Promise<void>((resolve) => (gone = resolve));
    serve((request) => {
      handled.push({ method: request.method!, url: request.url!, requestId: undefined });
      request.socket.once('close', gone);
    });
    const client = httpRequest(`${url}/kommun/1883`, { headers: { 'x-request-id': 'went-away' } });
    client.on('error', () => {});
    client.end();
    await new Promise((resolve) => setTimeout(resolve, 50));
    client.destroy();
    await clientGone;
    const [line] = await logged('went-away');
    expect(line).toMatchObject({ status: 499, aborted: true, level: 30 });
  });

  it('cuts a path longer than 256 characters', async () => {
    serve();
    const path = `/${'p'.repeat(300)}`;
    await fetch(`${url}${path}`, { headers: { 'x-request-id': 'long-path' } });
    const [line] = await logged('long-path');
    expect(line!.path).toBe(`${path.slice(0, 256)}…`);
  });

  it('keeps a path of exactly 256 characters whole', async () => {
    serve();
    const path = `/${'p'.repeat(255)}`;
    await fetch(`${url}${path}`, { headers: { 'x-request-id': 'path-256' } });
    const [line] = await logged('path-256');
    expect(line!.path).toBe(path);
  });
});

describe('the metrics while loading and once serving', () => {
  it('are answered while the data loads, with no SPARQL worker ready and none queued', async () => {
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/^service_ready 0$/m);
    expect(text).toMatch(/^sparql_ready 0$/m);
    expect(text).toMatch(/^sparql_queued_queries 0$/m);
  });

  it('report the SPARQL pool as the server tells it, once serving', async () => {
    serve(echo, { ...SPARQL_READY, queued: 3, running: 2, loading: 1 });
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toMatch(/^sparql_queued_queries 3$/m);
    expect(text).toMatch(/^sparql_running_queries 2$/m);
    expect(text).toMatch(/^sparql_loading_workers 1$/m);
  });
});

describe('the time a request took', () => {
  it('is logged in milliseconds to a tenth, and counted in seconds, no more than the test waited', async () => {
    serve((request, response) => {
      handled.push({ method: request.method!, url: request.url!, requestId: undefined });
      setTimeout(() => response.end('late'), 30);
    });
    const started = performance.now();
    await (await fetch(`${url}/kommun/1883`, { headers: { 'x-request-id': 'timed' } })).text();
    const waited = performance.now() - started;
    const [line] = await logged('timed');
    const ms = line!.ms as number;
    expect(ms).toBeGreaterThanOrEqual(25);
    expect(ms).toBeLessThanOrEqual(waited);
    expect(Math.round(ms * 10)).toBeCloseTo(ms * 10, 6);
    const text = await (await fetch(`${url}/metrics`)).text();
    const sum = Number(/^http_request_duration_seconds_sum\{route="resource"\} (\S+)$/m.exec(text)![1]);
    expect(sum).toBeGreaterThanOrEqual(0.025);
    expect(sum).toBeLessThanOrEqual(waited / 1000);
  });
});

describe('requests other than GraphQL with the same id', () => {
  it('keep the id the client sent, however many are in flight', async () => {
    const waiting: Array<() => void> = [];
    serve((request, response) => {
      handled.push({ method: request.method!, url: request.url!, requestId: undefined });
      waiting.push(() => response.end('ok'));
      if (waiting.length === 2) for (const finish of waiting) finish();
    });
    const answers = await Promise.all([1, 2].map(() => fetch(`${url}/kommun/1883`, { headers: { 'x-request-id': 'shared' } })));
    expect(answers.map((answer) => answer.headers.get('x-request-id'))).toEqual(['shared', 'shared']);
  });
});

describe('writes other than publishing', () => {
  it('reach the handler from a page on any origin: only publishing is kept to the listed origins', async () => {
    serve();
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { origin: 'https://other.example' }, body: '{}' });
    expect(response.status).toBe(200);
    expect(handled.map((seen) => seen.method)).toEqual(['POST']);
  });
});

describe('GraphQL requests behind the door', () => {
  let graph: Graph;

  beforeAll(async () => {
    graph = await shippedGraph();
  });

  let apollo: ReturnType<typeof createApolloServer>;

  beforeEach(async () => {
    apollo = createApolloServer({ logger: pino({ level: 'silent' }), plugins: [door.operationNames()], execution: 'interpreted' });
    await apollo.start();
    serve(createGraphqlHandler({ apollo, graph, logger: pino({ level: 'silent' }), maxBodyBytes: 10_000 }));
  });

  afterEach(async () => {
    await apollo.stop();
  });


  const post = (query: string, requestId: string) =>
    fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': requestId }, body: JSON.stringify({ query }) });

  it('are logged and counted under their operation name', async () => {
    await (await post('query Karlskoga { municipality(code: "1883") { name } }', 'named')).text();
    const [line] = await logged('named');
    expect(line).toMatchObject({ route: 'graphql', status: 200, operationName: 'Karlskoga' });
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toMatch(/^http_requests_total\{route="graphql",method="POST",status="200",operation="Karlskoga"\} 1$/m);
  });

  it('without a name are logged without one', async () => {
    await (await post('{ municipality(code: "1883") { name } }', 'unnamed')).text();
    const [line] = await logged('unnamed');
    expect(line).toMatchObject({ route: 'graphql', status: 200 });
    expect(line).not.toHaveProperty('operationName');
  });

  it('cut a very long operation name in the log', async () => {
    const name = `Q${'x'.repeat(300)}`;
    await (await post(`query ${name} { municipality(code: "1883") { name } }`, 'long-name')).text();
    const [line] = await logged('long-name');
    expect(line!.operationName).toBe(`${name.slice(0, 256)}…`);
  });

  it('keep their operation name apart from another request in flight with the same id', async () => {
    const waiting: Array<() => void> = [];
    const graphql = createGraphqlHandler({ apollo, graph, logger: pino({ level: 'silent' }), maxBodyBytes: 10_000 });
    serve((request, response) => {
      if (request.url!.startsWith('/graphql')) return graphql(request, response);
      waiting.push(() => response.end('ok'));
    });
    const other = fetch(`${url}/kommun/1883`, { headers: { 'x-request-id': 'both' } });
    while (waiting.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const named = post('query Named { municipality(code: "1883") { name } }', 'both');
    await (await named).text();
    waiting[0]!();
    await (await other).text();
    const lines = await logged('both');
    expect(lines.find((line) => line.route === 'graphql')).toMatchObject({ operationName: 'Named' });
  });
});
