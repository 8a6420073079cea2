import { routeOf } from '../../src/http/routeOf.js';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveWhenLoaded, type LoadingServer, type RunningServer, type ServedData } from '../../src/http/startServer.js';
import { dataPath } from '../../src/rdf/dataPath.js';
import { loadDataDirectory, type LoadedData } from '../../src/rdf/loadDataDirectory.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { startShippedServer } from '../support/startShippedServer.js';

const KARLSKOGA = 'query Karlskoga { municipality(code: "1883") { name } }';
/** The README's bound: only the first 100 operation names get a label of their own; later ones count as "other", unnamed ones as "anonymous". */
const MAX_OPERATION_LABELS = 100;
const OTHER_OPERATION = 'other';
const ANONYMOUS_OPERATION = 'anonymous';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let shipped: LoadedData;

beforeAll(async () => {
  shipped = await loadDataDirectory(dataPath('graphs'));
});

describe('a server whose data is still loading', () => {
  let server: LoadingServer;
  let finishLoading: (data: ServedData) => void;

  beforeAll(async () => {
    server = await serveWhenLoaded({ logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0 }, () => new Promise((resolve) => (finishLoading = resolve)));
  });

  afterAll(async () => {
    await server.stop();
  });

  it('answers GET /health with 200 and status "loading": it is alive', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'loading' });
  });

  it('answers GET /ready with 503, naming what is still loading', async () => {
    const response = await fetch(`${server.url}/ready`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'loading', waitingFor: ['data', 'sparql'] });
  });

  it.each([
    ['POST', '/graphql'],
    ['GET', '/sparql?query=ASK%20%7B%7D'],
    ['GET', '/kommun/1883'],
    ['GET', '/dump.nq'],
    ['GET', '/catalog'],
  ])('answers %s %s with 503, Retry-After and a JSON message', async (method, path) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      ...(method === 'POST' && { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: KARLSKOGA }) }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toEqual({ error: 'The service is starting and its data is still loading; try again in 5 s.' });
  });

  it('serves Prometheus metrics, reporting that it is not ready', async () => {
    const samples = await scrape(server);
    expect(value(samples, 'service_ready')).toBe(0);
    expect(value(samples, 'sparql_ready')).toBe(0);
  });

  describe('once the data and the SPARQL workers are loaded', () => {
    beforeAll(async () => {
      finishLoading({ graph: new StoreGraph(shipped.store), health: { graphs: ['test'] }, version: { digest: shipped.digest, lastModified: shipped.lastModified } });
      await server.loaded;
    });

    it('answers GET /ready with 200', async () => {
      const response = await fetch(`${server.url}/ready`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ready' });
    });

    it('answers GET /health with status "ok", the quads served, the data version and the facts it was given', async () => {
      const response = await fetch(`${server.url}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', quads: shipped.store.size, dataVersion: shipped.digest, graphs: ['test'] });
    });

    it('answers GraphQL', async () => {
      const { status, body } = await postGraphql(server, { query: KARLSKOGA });
      expect(status).toBe(200);
      expect(body).toEqual({ data: { municipality: { name: 'Karlskoga' } } });
    });

    it('reports itself ready in its metrics', async () => {
      const samples = await scrape(server);
      expect(value(samples, 'service_ready')).toBe(1);
      expect(value(samples, 'sparql_ready')).toBe(1);
    });
  });
});

describe('a server whose data fails to load', () => {
  it('rejects `loaded` with the error and stops listening', async () => {
    const failure = new Error('broken.ttl: not Turtle');
    const server = await serveWhenLoaded({ logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0 }, () => Promise.reject(failure));
    await expect(server.loaded).rejects.toBe(failure);
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    await server.stop();
  });
});

describe('GET /metrics', () => {
  let server: RunningServer;

  beforeAll(async () => {
    ({ server } = await startShippedServer());
  });

  afterAll(async () => {
    await server.stop();
  });

  it('answers Prometheus text exposition', async () => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await response.text()).toContain('# TYPE http_requests_total counter');
  });

  it('counts GraphQL requests by route, method, status and operation name, exactly', async () => {
    const before = await scrape(server);
    const labels = { route: 'graphql', method: 'POST', status: '200', operation: 'Karlskoga' };
    for (let i = 0; i < 3; i++) expect((await postGraphql(server, { query: KARLSKOGA })).status).toBe(200);
    expect((await postGraphql(server, { query: '{ municipality(code: "1883") { name } }' })).status).toBe(200);
    // A parse error is a 400 to a client that takes application/graphql-response+json (200 as application/json).
    expect((await postGraphql(server, { query: '{ municipality(' }, { accept: 'application/graphql-response+json' })).status).toBe(400);
    const after = await scrape(server);
    expect(value(after, 'http_requests_total', labels) - value(before, 'http_requests_total', labels)).toBe(3);
    const anonymous = { ...labels, operation: ANONYMOUS_OPERATION };
    expect(value(after, 'http_requests_total', anonymous) - value(before, 'http_requests_total', anonymous)).toBe(1);
    const failed = { ...anonymous, status: '400' };
    expect(value(after, 'http_requests_total', failed) - value(before, 'http_requests_total', failed)).toBe(1);
    expect(value(after, 'http_request_duration_seconds_count', { route: 'graphql' }) - value(before, 'http_request_duration_seconds_count', { route: 'graphql' })).toBe(5);
  });

  it('labels the datasets and the Graph Store, reads and writes, as publishing', () => {
    expect(['/datasets', '/datasets/orebro-lan', '/datasets/orebro-lan/versions/2', '/graph-store'].map((path) => routeOf(path, 'PUT'))).toEqual(Array(4).fill('publishing'));
    expect(routeOf('/datasets/orebro-lan/versions/2', 'GET')).toBe('publishing');
    expect(routeOf('/dataset/orebro-lan', 'GET')).toBe('resource');
  });

  it('labels requests by a fixed set of routes, never by their path', async () => {
    const paths = { '/kommun/1883': 'resource', '/dump.nq': 'dump', '/catalog': 'catalog', '/health': 'health', '/ready': 'ready', '/sparql?query=ASK%20%7B%7D': 'sparql' };
    const before = await scrape(server);
    for (const path of Object.keys(paths)) expect((await fetch(`${server.url}${path}`)).status).toBe(200);
    expect((await fetch(`${server.url}/nowhere/at/all`, { method: 'PUT' })).status).toBe(404);
    expect((await fetch(`${server.url}/graphql`, { method: 'OPTIONS' })).status).toBe(204);
    expect((await fetch(`${server.url}/explorer/no-such-file.js`)).status).toBe(404);
    const after = await scrape(server);
    expect(value(after, 'http_requests_total', { route: 'explorer', method: 'GET', status: '404', operation: '' })).toBe(1);
    expect(value(after, 'http_requests_total', { route: 'graphql', method: 'OPTIONS', status: '204', operation: '' })).toBe(1);
    for (const route of Object.values(paths)) {
      const labels = { route, method: 'GET', status: '200', operation: '' };
      expect(value(after, 'http_requests_total', labels) - value(before, 'http_requests_total', labels)).toBe(1);
    }
    expect(value(after, 'http_requests_total', { route: 'other', method: 'other', status: '404', operation: '' })).toBe(1);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).not.toContain('kommun');
    expect(text).not.toContain('nowhere');
    expect(text).not.toContain('no-such-file');
  });

  it(`gives at most ${MAX_OPERATION_LABELS} operation names a label of their own, however many clients send`, async () => {
    const names = seededNames(200);
    for (const name of names) expect((await postGraphql(server, { query: `query ${name} { __typename }` })).status).toBe(200);
    const samples = await scrape(server);
    const operations = new Set(samples.filter((sample) => sample.name === 'http_requests_total' && sample.labels.route === 'graphql' && sample.labels.method !== 'OPTIONS').map((sample) => sample.labels.operation));
    expect(operations.size).toBeLessThanOrEqual(MAX_OPERATION_LABELS + 2);
    expect(operations).toContain(OTHER_OPERATION);
    expect(operations).toContain('Karlskoga');
    const labelled = names.filter((name) => operations.has(name)).length;
    const others = value(samples, 'http_requests_total', { route: 'graphql', method: 'POST', status: '200', operation: OTHER_OPERATION });
    // Karlskoga and the first names took every label; the rest of the 200 counted as "other".
    expect(labelled).toBe(MAX_OPERATION_LABELS - 1);
    expect(others).toBe(names.length - labelled);
  });

  it('reports the SPARQL queue, running queries, timeouts, worker restarts and engine failures', async () => {
    const samples = await scrape(server);
    for (const name of ['sparql_queued_queries', 'sparql_running_queries', 'sparql_timeouts_total', 'sparql_worker_restarts_total', 'sparql_engine_failures_total']) {
      expect(value(samples, name)).toBe(0);
    }
  });

  it('reports the heap and the event-loop delay', async () => {
    const samples = await scrape(server);
    expect(value(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(samples.some((sample) => sample.name === 'nodejs_eventloop_lag_p99_seconds')).toBe(true);
    expect(samples.some((sample) => sample.name === 'nodejs_eventloop_lag_max_seconds')).toBe(true);
  });

  it('answers HEAD without a body and other methods with 405', async () => {
    const head = await fetch(`${server.url}/metrics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await fetch(`${server.url}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });
});

describe('the SPARQL metrics', () => {
  let server: RunningServer;

  beforeAll(async () => {
    ({ server } = await startShippedServer({ sparql: { timeoutMs: 300, workers: 1 } }));
  });

  afterAll(async () => {
    await server.stop();
  });

  it('count a query stopped at the time limit and the worker that replaced it', async () => {
    const before = await scrape(server);
    // A triple cross product of the whole graph: billions of rows, far past 300 ms.
    const query = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }';
    const response = await fetch(`${server.url}/sparql?query=${encodeURIComponent(query)}`);
    expect(response.status).toBe(503);
    await vi.waitFor(async () => {
      const after = await scrape(server);
      expect(value(after, 'sparql_timeouts_total') - value(before, 'sparql_timeouts_total')).toBe(1);
      expect(value(after, 'sparql_worker_restarts_total') - value(before, 'sparql_worker_restarts_total')).toBe(1);
      expect(value(after, 'sparql_ready')).toBe(1);
    }, { timeout: 20_000, interval: 50 });
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
  });
});

describe('the request log', () => {
  let server: RunningServer;
  const lines: Array<Record<string, unknown>> = [];
  let written = '';

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString('utf8');
        for (const line of chunk.toString('utf8').split('\n')) if (line !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    ({ server } = await startShippedServer({ logger: pino({ level: 'info' }, destination) }));
  });

  afterAll(async () => {
    await server.stop();
  });

  it('writes one JSON line per request with its id, route, method, path, status, duration and operation name', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'client-id-1' },
      body: JSON.stringify({ query: KARLSKOGA }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('client-id-1');
    const logged = await requestLines('client-id-1');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 30, msg: 'request', requestId: 'client-id-1', route: 'graphql', method: 'POST', path: '/graphql', status: 200, operationName: 'Karlskoga' });
    expect(logged[0]!.ms).toEqual(expect.any(Number));
  });

  it('never logs a token, a cookie, a query string or a body', async () => {
    const response = await fetch(`${server.url}/graphql?token=query-string-secret`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer header-secret', cookie: 'session=cookie-secret', 'x-request-id': 'client-id-2' },
      body: JSON.stringify({ query: '{ organisations(filter: { name: "body-secret" }) { totalCount } }' }),
    });
    expect(response.status).toBe(200);
    const [line] = await requestLines('client-id-2');
    expect(line).toMatchObject({ path: '/graphql', status: 200 });
    for (const secret of ['query-string-secret', 'header-secret', 'Bearer', 'cookie-secret', 'body-secret']) expect(written).not.toContain(secret);
  });

  it('makes up an id when the client sends none or one that is not short and safe, and answers it', async () => {
    for (const sent of [undefined, 'x'.repeat(65), 'a b', '<script>', 'id\u00e9']) {
      const response = await fetch(`${server.url}/health`, { headers: sent === undefined ? {} : { 'x-request-id': sent } });
      const id = response.headers.get('x-request-id')!;
      expect(id).toMatch(UUID);
      expect(await requestLines(id)).toHaveLength(1);
    }
  });

  it('logs client errors at info, not at error level', async () => {
    const graphql = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', 'x-request-id': 'client-id-3' },
      body: '{"query": "{ nope }"}',
    });
    expect(graphql.status).toBe(400);
    const resource = await fetch(`${server.url}/kommun/0000?secret=1`, { headers: { 'x-request-id': 'client-id-4' } });
    expect(resource.status).toBe(404);
    expect(await requestLines('client-id-3')).toMatchObject([{ level: 30, route: 'graphql', status: 400 }]);
    expect(await requestLines('client-id-4')).toMatchObject([{ level: 30, route: 'resource', path: '/kommun/0000', status: 404 }]);
  });

  /** The request lines logged under an id, once there is one: a line is written when its answer is done. */
  async function requestLines(requestId: string): Promise<Array<Record<string, unknown>>> {
    await vi.waitFor(() => expect(lines.some((line) => line.requestId === requestId)).toBe(true), { timeout: 5_000 });
    return lines.filter((line) => line.msg === 'request' && line.requestId === requestId);
  }
});

// ---------------------------------------------------------------- helpers

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

async function postGraphql(server: RunningServer, body: { query: string }, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

/** The samples of GET /metrics, parsed from the Prometheus text format. */
async function scrape(server: RunningServer): Promise<Sample[]> {
  const response = await fetch(`${server.url}/metrics`);
  expect(response.status).toBe(200);
  const samples: Sample[] = [];
  for (const line of (await response.text()).split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null) throw new Error(`Not a sample line: ${line}`);
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, text]) => [key!, text!]));
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the sample with exactly these labels, 0 when there is none yet (a counter not yet incremented). */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels);
  const found = samples.filter(
    (sample) => sample.name === name && Object.keys(sample.labels).length === wanted.length && wanted.every(([key, text]) => sample.labels[key] === text),
  );
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value ?? 0;
}

/** `count` distinct GraphQL names from a fixed-seed generator. */
function seededNames(count: number): string[] {
  let state = 20_241_125;
  const names = new Set<string>();
  while (names.size < count) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    names.add(`Op_${state.toString(36)}`);
  }
  return [...names];
}
