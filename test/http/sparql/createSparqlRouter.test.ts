import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as RDF from '@rdfjs/types';
import express, { type RequestHandler } from 'express';
import { DataFactory, Store } from 'n3';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSparqlRouter, type SparqlRouter, type SparqlRouterOptions } from '../../../src/http/sparql/createSparqlRouter.js';
import { SparqlWorkerPool } from '../../../src/http/sparql/SparqlWorkerPool.js';
import { sendRequest } from '../../support/sendRaw.js';

/**
 * The SPARQL endpoint as createSparqlRouter makes it, on an express app of the test's own over a
 * handful of quads of its own. Each case builds its own router (one worker unless it needs more)
 * and closes it after, so that mutation testing credits the router's set-up to the case that ran
 * it, and a case costs a worker's start, not a load of the shipped data. test/sparql/*.test.ts
 * check the endpoint over the shipped data; this file checks what createSparqlRouter.ts itself
 * does: its options and their defaults, the answer's headers, its errors, stats(), close() and
 * replaceGraph(). Two defaults are left to the specs over the shipped data, as each would cost
 * this file more than the rest: the 10 s time limit and the 16 MiB byte cap. A worker reports a
 * 500 only for a fault of the endpoint's own code, which no query can cause, so those cases stand
 * in for the pool's reply with a spy.
 */

const { namedNode, literal, blankNode, quad } = DataFactory;
const name = namedNode('urn:kg:name');
const PLACES = 'urn:kg:places';
const PEOPLE = 'urn:kg:people';
const XSD_INTEGER = 'http://www.w3.org/2001/XMLSchema#integer';
const CRASH = 'ASK { <urn:kg:crash> ?p ?o }';

/** Four plain quads (one with a typed literal) and three with a blank node: as subject, as object, as graph name. */
const QUADS: readonly RDF.Quad[] = [
  quad(namedNode('urn:kg:orebro'), name, literal('Örebro'), namedNode(PLACES)),
  quad(namedNode('urn:kg:orebro'), namedNode('urn:kg:code'), literal('1880', namedNode(XSD_INTEGER)), namedNode(PLACES)),
  quad(namedNode('urn:kg:karlskoga'), name, literal('Karlskoga'), namedNode(PLACES)),
  quad(blankNode('school'), namedNode('urn:kg:in'), namedNode('urn:kg:orebro'), namedNode(PLACES)),
  quad(namedNode('urn:kg:anna'), name, literal('Anna'), namedNode(PEOPLE)),
  quad(namedNode('urn:kg:anna'), namedNode('urn:kg:teaches'), blankNode('course'), namedNode(PEOPLE)),
  quad(namedNode('urn:kg:draft'), name, literal('Utkast'), blankNode('drafts')),
];

const NAMES = 'SELECT ?name WHERE { ?thing <urn:kg:name> ?name } ORDER BY ?name';

/** A query that counts the combinations of `patterns` triples of the seven, 7^patterns solutions. */
const combinations = (patterns: number) => `SELECT (COUNT(*) AS ?n) WHERE { ${Array.from({ length: patterns }, (_, index) => `?s${index} ?p${index} ?o${index}`).join(' . ')} }`;

/** 7^10 solutions to count: far more work than any time limit here allows. */
const RUNAWAY = combinations(10);

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

interface Endpoint {
  sparql: SparqlRouter;
  /** The endpoint, e.g. http://127.0.0.1:41234/sparql */
  url: string;
}

/** What the endpoint answered. */
interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

let lines: LogLine[];
let opened: Array<() => Promise<void>>;

beforeEach(() => {
  lines = [];
  opened = [];
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const close of opened.reverse()) await close();
});

const logger = () => pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });

/** The router over `QUADS` with one worker and `options`, on an app of its own; `front` runs before it, as a front door would. */
async function serve(options: Partial<SparqlRouterOptions> = {}, front?: RequestHandler): Promise<Endpoint> {
  const sparql = await createSparqlRouter({ quads: QUADS, logger: logger(), workers: 1, ...options });
  opened.push(() => sparql.close());
  return mount(sparql, front);
}

/** An app of its own serving `sparql`; `front` runs before it, as a front door would. */
async function mount(sparql: SparqlRouter, front?: RequestHandler): Promise<Endpoint> {
  const app = express();
  if (front !== undefined) app.use(front);
  app.use(sparql.router);
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  opened.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { sparql, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sparql` };
}

/** Sends `query` as the protocol allows: GET, a POSTed form, or a POSTed application/sparql-query body. */
async function ask(
  url: string,
  query: string,
  { via = 'GET', accept, parameters = [], signal }: { via?: 'GET' | 'form' | 'body'; accept?: string; parameters?: Array<[string, string]>; signal?: AbortSignal } = {},
): Promise<Answer> {
  const headers: Record<string, string> = accept === undefined ? {} : { accept };
  let response: Response;
  if (via === 'GET') {
    response = await fetch(`${url}?${new URLSearchParams([['query', query], ...parameters])}`, { headers, signal: signal ?? null });
  } else if (via === 'form') {
    response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([['query', query], ...parameters]).toString(),
      signal: signal ?? null,
    });
  } else {
    const search = parameters.length === 0 ? '' : `?${new URLSearchParams(parameters)}`;
    response = await fetch(`${url}${search}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/sparql-query' }, body: query, signal: signal ?? null });
  }
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** The values of `variable` in an answer of SPARQL JSON results, in their order. */
function column(answer: Answer, variable: string): string[] {
  const results = JSON.parse(answer.body) as { results: { bindings: Array<Record<string, { value: string }>> } };
  return results.results.bindings.map((binding) => binding[variable]?.value ?? '');
}

/** Resolves once `condition` holds, checking every 5 ms; the test's own time limit bounds the wait. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

const IDLE = { ready: true, loading: 0, queued: 0, running: 0, timeouts: 0, workerRestarts: 0, engineFailures: 0 };

describe('the options', () => {
  const refusals: Array<[string, number, Partial<SparqlRouterOptions>]> = [
    ['timeoutMs', 0, { timeoutMs: 0 }],
    ['maxRows', -1, { maxRows: -1 }],
    ['maxResultBytes', 1.5, { maxResultBytes: 1.5 }],
    ['maxQueryBytes', Number.NaN, { maxQueryBytes: Number.NaN }],
    ['workers', Number.POSITIVE_INFINITY, { workers: Number.POSITIVE_INFINITY }],
    ['maxQueued', 2 ** 53, { maxQueued: 2 ** 53 }],
    ['engineMemoryMb', 0, { engineMemoryMb: 0 }],
    ['complexity.maxExpressionDepth', 0, { complexity: { maxExpressionDepth: 0 } }],
    ['complexity.maxPathSteps', 2.5, { complexity: { maxPathSteps: 2.5 } }],
    ['complexity.maxStringGrowth', -3, { complexity: { maxStringGrowth: -3 } }],
  ];

  for (const [option, value, options] of refusals) {
    it(`refuses ${option} ${value}, naming the option and the value`, async () => {
      await expect(createSparqlRouter({ quads: QUADS, logger: logger(), workers: 1, ...options })).rejects.toThrow(
        new Error(`createSparqlRouter: ${option} must be a positive integer but got: ${value}`),
      );
    });
  }
});

describe('a query', () => {
  it('is answered in a GET, a POSTed form, a POSTed query and a HEAD, with 200, Data-Version and Vary: Accept, as SPARQL JSON in UTF-8 unless Accept or format asks otherwise', async () => {
    const { url, sparql } = await serve({ dataVersion: 'v1' });
    expect(sparql.stats()).toEqual(IDLE);
    for (const via of ['GET', 'form', 'body'] as const) {
      const answer = await ask(url, NAMES, { via });
      expect(answer.status, via).toBe(200);
      expect(answer.headers.get('content-type'), via).toBe('application/sparql-results+json; charset=utf-8');
      expect(answer.headers.get('vary'), via).toBe('Accept');
      expect(answer.headers.get('data-version'), via).toBe('v1');
      expect(answer.headers.get('x-sparql-truncated'), via).toBeNull();
      expect(JSON.parse(answer.body), via).toEqual({
        head: { vars: ['name'] },
        results: { bindings: ['Anna', 'Karlskoga', 'Utkast', 'Örebro'].map((value) => ({ name: { type: 'literal', value } })) },
      });
    }
    const path = `/sparql?query=${encodeURIComponent(NAMES)}`;
    const get = await sendRequest(url, { method: 'GET', path });
    const head = await sendRequest(url, { method: 'HEAD', path });
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('application/sparql-results+json; charset=utf-8');
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.headers['data-version']).toBe('v1');
    expect(head.body.length).toBe(0);
    // No Accept header at all: SPARQL JSON.
    expect(get.headers['content-type']).toBe('application/sparql-results+json; charset=utf-8');
    expect(JSON.parse(get.text)).toEqual(JSON.parse((await ask(url, NAMES)).body));
    const csv = await ask(url, NAMES, { accept: 'text/csv' });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.body).toBe('name\r\nAnna\r\nKarlskoga\r\nUtkast\r\nÖrebro\r\n');
    const tsv = await ask(url, NAMES, { parameters: [['format', 'tsv']] });
    expect(tsv.headers.get('content-type')).toBe('text/tab-separated-values; charset=utf-8');
    expect(tsv.body).toBe('?name\n"Anna"\n"Karlskoga"\n"Utkast"\n"Örebro"\n');
  });

  it('reads the quads as given when the router was made: every named graph as the default graph unless default-graph-uri names some, typed literals, blank nodes under their own labels', async () => {
    const source = new Store([...QUADS]);
    const { url } = await serve({ quads: source });
    source.addQuad(quad(namedNode('urn:kg:nora'), name, literal('Nora'), namedNode(PLACES)));
    source.removeQuad(QUADS[0]!);
    const all = await ask(url, NAMES);
    expect(all.headers.get('data-version')).toBeNull();
    expect(column(all, 'name')).toEqual(['Anna', 'Karlskoga', 'Utkast', 'Örebro']);
    expect(column(await ask(url, NAMES, { parameters: [['default-graph-uri', PLACES]] }), 'name')).toEqual(['Karlskoga', 'Örebro']);
    expect(column(await ask(url, NAMES, { via: 'form', parameters: [['default-graph-uri', PEOPLE]] }), 'name')).toEqual(['Anna']);
    const code = await ask(url, 'SELECT ?code WHERE { <urn:kg:orebro> <urn:kg:code> ?code }');
    expect(JSON.parse(code.body)).toEqual({ head: { vars: ['code'] }, results: { bindings: [{ code: { type: 'literal', value: '1880', datatype: XSD_INTEGER } }] } });
    const blank = await ask(url, 'SELECT ?g ?s ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isBlank(?s) || isBlank(?o) || isBlank(?g)) } ORDER BY ?s ?o');
    expect(JSON.parse(blank.body)).toEqual({
      head: { vars: ['g', 's', 'o'] },
      results: {
        bindings: [
          { g: { type: 'uri', value: PLACES }, s: { type: 'bnode', value: 'school' }, o: { type: 'uri', value: 'urn:kg:orebro' } },
          { g: { type: 'uri', value: PEOPLE }, s: { type: 'uri', value: 'urn:kg:anna' }, o: { type: 'bnode', value: 'course' } },
          { g: { type: 'bnode', value: 'drafts' }, s: { type: 'uri', value: 'urn:kg:draft' }, o: { type: 'literal', value: 'Utkast' } },
        ],
      },
    });
  });
});

describe('the limits', () => {
  it('cut an answer at maxRows or maxResultBytes, name the cap that cut it beside X-SPARQL-Truncated, and leave an answer that fits unmarked', async () => {
    const { url } = await serve({ maxRows: 2, maxResultBytes: 300 });
    const rows = await ask(url, NAMES);
    expect(rows.status).toBe(200);
    expect(rows.headers.get('x-sparql-truncated')).toBe('true');
    expect(rows.headers.get('x-sparql-maxrows')).toBe('2');
    expect(rows.headers.get('x-sparql-maxbytes')).toBeNull();
    expect(JSON.parse(rows.body)).toEqual({ head: { vars: ['name'] }, results: { bindings: ['Anna', 'Karlskoga'].map((value) => ({ name: { type: 'literal', value } })) }, truncated: true });
    const long = 'x'.repeat(200);
    const bytes = await ask(url, `SELECT ?v WHERE { VALUES ?v { "${long}" "${long}" } }`, { accept: 'text/csv' });
    expect(bytes.status).toBe(200);
    expect(bytes.headers.get('x-sparql-truncated')).toBe('true');
    expect(bytes.headers.get('x-sparql-maxbytes')).toBe('300');
    expect(bytes.headers.get('x-sparql-maxrows')).toBeNull();
    expect(bytes.body).toBe(`v\r\n${long}\r\n`);
    const whole = await ask(url, `${NAMES} LIMIT 2`);
    expect(whole.headers.get('x-sparql-truncated')).toBeNull();
    expect(whole.headers.get('x-sparql-maxrows')).toBeNull();
    expect(whole.headers.get('x-sparql-maxbytes')).toBeNull();
    expect(JSON.parse(whole.body)).not.toHaveProperty('truncated');
  });

  it('refuse a query beyond maxQueryBytes with 413 (a body declared beyond what a form of it may be, before reading it) and one beyond a complexity limit with 400, naming the limit', async () => {
    const { url } = await serve({ maxQueryBytes: 100, complexity: { maxExpressionDepth: 2, maxPathSteps: 2, maxStringGrowth: 4 } });
    const padded = (bytes: number) => `ASK {} #${'x'.repeat(bytes - 'ASK {} #'.length)}`;
    expect((await ask(url, padded(100))).status).toBe(200);
    const over = await ask(url, padded(101), { via: 'form' });
    expect(over.status).toBe(413);
    expect(over.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(over.body).toBe('The query is 101 bytes long; the limit is 100 bytes\n');
    // A form may be 3 × 100 + 16,384 bytes: percent-encoding triples a query, and other fields may come along.
    const form = `query=ASK+%7B%7D&padding=${'x'.repeat(16_684 - 'query=ASK+%7B%7D&padding='.length)}`;
    const fits = await sendRequest(url, { method: 'POST', path: '/sparql', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    expect(fits.status).toBe(200);
    const declared = await sendRequest(url, { method: 'POST', path: '/sparql', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '16685' }, contentLength: false });
    expect(declared.status).toBe(413);
    expect(declared.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(declared.headers.connection).toBe('close');
    expect(declared.text).toBe('The request body is 16685 bytes long, larger than the limit of 16684 bytes\n');

    const deep = await ask(url, 'ASK { ?s ?p ?o FILTER(?o = 1 || ?o = 2 || ?o = 3) }');
    expect(deep.status).toBe(400);
    expect(deep.body).toBe('The query is too complex for the engine: an expression nests operations 3 levels deep (a chain such as a || b || c nests one level per operator); the limit is 2\n');
    const path = await ask(url, 'ASK { ?s <urn:kg:p>/<urn:kg:p>/<urn:kg:p> ?o }');
    expect(path.status).toBe(400);
    expect(path.body).toBe('The query is too complex for the engine: a property path has 3 steps; the limit is 2\n');
    const grown = await ask(url, 'SELECT ?z { ?s ?p ?x BIND(CONCAT(?x, ?x, ?x) AS ?y) BIND(CONCAT(?y, ?y) AS ?z) }');
    expect(grown.status).toBe(400);
    expect(grown.body).toBe('The query is too complex for the engine: it can build strings about 6 times as long as the values it reads (CONCAT or REPLACE over bound variables); the limit is 4\n');
    const within = await ask(url, 'SELECT ?y { ?s <urn:kg:p>/<urn:kg:p> ?o BIND(CONCAT(?o, ?o) AS ?y) FILTER(?o = 1 || ?o = 2) }');
    expect(within.status, within.body).toBe(200);
  });

  it('stop a query at timeoutMs with 503 naming the limit, log it as a warning, and count the timeout and the worker started in its place', async () => {
    const { url, sparql } = await serve({ timeoutMs: 500 });
    const stopped = await ask(url, RUNAWAY);
    expect(stopped.status).toBe(503);
    expect(stopped.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(stopped.body).toBe('The query ran longer than the time limit of 500 ms and was stopped\n');
    expect(sparql.stats()).toMatchObject({ queued: 0, running: 0, timeouts: 1, workerRestarts: 1, engineFailures: 0 });
    // The workers' pool logs to the router's logger.
    expect(lines).toEqual([expect.objectContaining({ level: 40, msg: 'a SPARQL query ran out of time; replacing its worker', timeoutMs: 500 })]);
  });

  it('let maxQueued queries wait for a worker and refuse one more with 503 and Retry-After; a waiting query whose client went away leaves the queue', async () => {
    const { url, sparql } = await serve({ maxQueued: 1, crashOnQuery: CRASH });
    // Until the worker started in place of the crashed one has loaded, queries wait.
    expect((await ask(url, CRASH)).status).toBe(503);
    const client = new AbortController();
    const waiting = ask(url, NAMES, { signal: client.signal }).catch((error: unknown) => error);
    await until(() => sparql.stats().queued === 1);
    const refused = await ask(url, NAMES);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(refused.body).toBe('The SPARQL endpoint is busy (queries running: 1, waiting: 1, the most it queues); try again shortly\n');
    client.abort();
    await waiting;
    // Left in the queue, it would wait until the worker had loaded, then run.
    await until(() => sparql.stats().queued === 0);
    expect(sparql.stats()).toMatchObject({ loading: 1, running: 0 });
  });

  it('give the engine engineMemoryMb: a query that needs more is its 400, logged as a warning with the size of the query, and its worker is replaced', async () => {
    const { url, sparql } = await serve({ engineMemoryMb: 32, complexity: { maxStringGrowth: Number.MAX_SAFE_INTEGER } });
    const query = `SELECT (STRLEN(?x30) AS ?n) WHERE { BIND("Ö" AS ?x0) ${doublings(30)} }`;
    const answer = await ask(url, query);
    expect(answer.status).toBe(400);
    expect(answer.body).toBe("The query is too complex for the engine: it needed more memory than the engine's limit of 32 MB\n");
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, msg: 'the SPARQL engine failed on a query; its worker is replaced', queryBytes: Buffer.byteLength(query), detail: expect.stringMatching(/^RuntimeError: /) }),
    ]);
    expect(sparql.stats()).toMatchObject({ queued: 0, running: 0, timeouts: 0, workerRestarts: 1, engineFailures: 1 });
  });
});

describe('the defaults', () => {
  it('are two workers, the second loading while the first answers', async () => {
    const { sparql } = await serve({ workers: undefined });
    expect(sparql.stats()).toEqual({ ...IDLE, loading: 1 });
  });

  it('take queries of 65,536 bytes, expressions 256 deep, paths of 64 steps and strings grown 1,024 times, and cut answers at 10,000 solutions', async () => {
    const { url } = await serve();
    const padded = (bytes: number) => `ASK {} #${'x'.repeat(bytes - 'ASK {} #'.length)}`;
    expect((await ask(url, padded(65_536), { via: 'form' })).status).toBe(200);
    const long = await ask(url, padded(65_537), { via: 'form' });
    expect(long.status).toBe(413);
    expect(long.body).toBe('The query is 65537 bytes long; the limit is 65536 bytes\n');
    expect((await ask(url, `ASK { ?s ?p ?o FILTER(${chain(257, ' || ', '?o')}) }`, { via: 'body' })).status).toBe(200);
    const deep = await ask(url, `ASK { ?s ?p ?o FILTER(${chain(258, ' || ', '?o')}) }`, { via: 'body' });
    expect(deep.body).toBe('The query is too complex for the engine: an expression nests operations 257 levels deep (a chain such as a || b || c nests one level per operator); the limit is 256\n');
    expect((await ask(url, `ASK { ?s ${chain(64, '/', '<urn:kg:p>')} ?o }`, { via: 'body' })).status).toBe(200);
    const path = await ask(url, `ASK { ?s ${chain(65, '/', '<urn:kg:p>')} ?o }`, { via: 'body' });
    expect(path.body).toBe('The query is too complex for the engine: a property path has 65 steps; the limit is 64\n');
    expect((await ask(url, `SELECT ?x10 WHERE { ?s ?p ?x0 ${doublings(10)} }`)).status).toBe(200);
    const grown = await ask(url, `SELECT ?x11 WHERE { ?s ?p ?x0 ${doublings(11)} }`);
    expect(grown.body).toBe('The query is too complex for the engine: it can build strings about 2048 times as long as the values it reads (CONCAT or REPLACE over bound variables); the limit is 1024\n');
    const numbers = (count: number) => Array.from({ length: count }, (_, index) => index).join(' ');
    const rows = await ask(url, `SELECT ?a ?b WHERE { VALUES ?a { ${numbers(101)} } VALUES ?b { ${numbers(100)} } }`, { via: 'body', accept: 'text/csv' });
    expect(rows.headers.get('x-sparql-maxrows')).toBe('10000');
    expect(rows.body.split('\r\n')).toHaveLength(1 + 10_000 + 1);
    const all = await ask(url, `SELECT ?a ?b WHERE { VALUES ?a { ${numbers(100)} } VALUES ?b { ${numbers(100)} } }`, { via: 'body', accept: 'text/csv' });
    expect(all.headers.get('x-sparql-truncated')).toBeNull();
    expect(all.body.split('\r\n')).toHaveLength(1 + 10_000 + 1);
  });

  it("let 16 queries wait for a worker, and give each worker's engine 256 MB beside four times the data as N-Quads, the last version of each graph replaced since included (seen in a worker started after a crash)", async () => {
    // 0.286 MiB of N-Quads at the start and as much again in a replaced graph: 256 + ⌈4 × 0.573⌉ = 259 MB.
    const big = (subject: RDF.Quad['subject'], letter: string, length: number) => quad(subject, name, literal(letter.repeat(length)), namedNode(PLACES));
    const { url, sparql } = await serve({
      quads: [...QUADS, big(namedNode('urn:kg:big'), 'x', 200_000), big(blankNode('big'), 'y', 100_000)],
      crashOnQuery: CRASH,
      complexity: { maxStringGrowth: Number.MAX_SAFE_INTEGER },
    });
    const nquads = (subject: string, letter: string, length: number) => `${subject} <urn:kg:name> "${letter.repeat(length)}" <urn:kg:more> .\n`;
    await sparql.replaceGraph('urn:kg:more', { plain: nquads('<urn:kg:more>', 'x', 200_000), withBlankNodes: nquads('_:more', 'y', 100_000) }, 'v2');
    // The same graph replaced again counts once: its versions do not add up.
    await sparql.replaceGraph('urn:kg:more', { plain: nquads('<urn:kg:more>', 'z', 200_000), withBlankNodes: nquads('_:more', 'w', 100_000) }, 'v3');
    const crashed = await ask(url, CRASH);
    expect(crashed.status).toBe(503);
    expect(crashed.body).toBe('The query engine crashed on this query and was restarted; the query was not answered\n');
    expect(sparql.stats()).toMatchObject({ queued: 0, running: 0, timeouts: 0, workerRestarts: 1, engineFailures: 1 });

    let answered = 0;
    const waiting = Array.from({ length: 16 }, () => ask(url, 'ASK {}').finally(() => answered++));
    await until(() => sparql.stats().queued === 16 || answered > 0);
    const refused = await ask(url, 'ASK {}');
    expect(refused.status).toBe(503);
    expect(refused.body).toBe('The SPARQL endpoint is busy (queries running: 1, waiting: 16, the most it queues); try again shortly\n');
    expect((await Promise.all(waiting)).map(({ status }) => status)).toEqual(Array.from({ length: 16 }, () => 200));

    const answer = await ask(url, `SELECT (STRLEN(?x30) AS ?n) WHERE { BIND("ab" AS ?x0) ${doublings(30)} }`);
    expect(answer.status).toBe(400);
    expect(answer.body).toBe("The query is too complex for the engine: it needed more memory than the engine's limit of 259 MB\n");
  });
});

describe('an error', () => {
  it('is answered as text/plain with its status and message, a 405 with Allow, and none is logged', async () => {
    const { url } = await serve();
    const put = await fetch(url, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(put.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(put.headers.get('vary')).toBe('Accept');
    expect(await put.text()).toBe('The SPARQL endpoint answers GET and POST, not PUT\n');
    const missing = await fetch(url);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toBe(
      'Missing the query: send it as ?query=… (GET), as the form field query=… (POST application/x-www-form-urlencoded) or as the body of a POST of application/sparql-query\n',
    );
    const invalid = await ask(url, 'SELEC * WHERE { ?s ?p ?o }');
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(invalid.body).toMatch(/^The query is not valid SPARQL: Parse error on line 1:\nSELEC \* WHERE/);
    const unacceptable = await ask(url, NAMES, { accept: 'image/png' });
    expect(unacceptable.status).toBe(406);
    expect(unacceptable.body).toBe(
      'None of the media types in Accept: "image/png" is offered here; offered: json (application/sparql-results+json), xml (application/sparql-results+xml), csv (text/csv), tsv (text/tab-separated-values)\n',
    );
    expect(lines).toEqual([]);
  });

  it('of the endpoint is a 500, logged at error level: with the message of a worker that reports one, and masked when unexpected', async () => {
    const { url } = await serve();
    const run = vi.spyOn(SparqlWorkerPool.prototype, 'run');
    run.mockResolvedValueOnce({ ok: false, status: 500, message: 'The query engine failed on this query', detail: 'TypeError: broken\n    at answer (runQuery.ts:1:1)' });
    const reported = await ask(url, NAMES);
    expect(reported.status).toBe(500);
    expect(reported.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(reported.body).toBe('The query engine failed on this query\n');
    expect(lines).toEqual([expect.objectContaining({ level: 50, msg: 'the SPARQL endpoint failed on a query', detail: 'TypeError: broken\n    at answer (runQuery.ts:1:1)' })]);

    lines = [];
    run.mockRejectedValueOnce(new TypeError("Cannot read properties of undefined (reading 'postMessage')"));
    const unexpected = await ask(url, NAMES);
    expect(unexpected.status).toBe(500);
    expect(unexpected.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(unexpected.body).toBe('Internal server error\n');
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, msg: 'unexpected error in the SPARQL endpoint', err: expect.objectContaining({ message: "Cannot read properties of undefined (reading 'postMessage')" }) }),
    ]);
    expect(column(await ask(url, NAMES), 'name')).toEqual(['Anna', 'Karlskoga', 'Utkast', 'Örebro']);
  });

  it('after another handler has answered leaves that answer alone, and logs nothing', async () => {
    let sparql: SparqlRouter | undefined;
    // A front door that answers 504 once the query is running, as a gateway timeout would.
    const front: RequestHandler = (_request, response, next) => {
      next();
      void until(() => sparql!.stats().running === 1).then(() => response.status(504).type('text/plain').send('Gateway timeout\n'));
    };
    const served = await serve({}, front);
    sparql = served.sparql;
    // 7^7 solutions to count: long enough for the front door to answer first, well within the time limit.
    const answer = await ask(served.url, combinations(7));
    expect(answer.status).toBe(504);
    expect(answer.body).toBe('Gateway timeout\n');
    await until(() => sparql!.stats().running === 0);
    expect(sparql.stats()).toEqual(IDLE);
    expect(lines).toEqual([]);
  });
});

describe('close()', () => {
  it('answers later queries with 503, and stats() no longer says ready', async () => {
    const { url, sparql } = await serve();
    await sparql.close();
    const late = await ask(url, NAMES);
    expect(late.status).toBe(503);
    expect(late.body).toBe('The SPARQL endpoint is shutting down\n');
    expect(sparql.stats()).toEqual({ ...IDLE, ready: false });
  });
});

describe('replaceGraph()', () => {
  it('has the next query read the graph replaced, its plain and blank-node quads alike, or not at all when replaced with nothing, under the new data version; other graphs stay', async () => {
    const { url, sparql } = await serve({ dataVersion: 'v1' });
    expect((await ask(url, NAMES)).headers.get('data-version')).toBe('v1');
    await sparql.replaceGraph(PLACES, { plain: `<urn:kg:nora> <urn:kg:name> "Nora" <${PLACES}> .\n`, withBlankNodes: `_:club <urn:kg:in> <urn:kg:nora> <${PLACES}> .\n` }, 'v2');
    const names = await ask(url, NAMES);
    expect(names.headers.get('data-version')).toBe('v2');
    expect(column(names, 'name')).toEqual(['Anna', 'Nora', 'Utkast']);
    const blank = await ask(url, `SELECT ?s WHERE { GRAPH <${PLACES}> { ?s <urn:kg:in> ?o } }`);
    expect(JSON.parse(blank.body)).toEqual({ head: { vars: ['s'] }, results: { bindings: [{ s: { type: 'bnode', value: 'club' } }] } });

    await sparql.replaceGraph(PEOPLE, { plain: '', withBlankNodes: '' }, 'v3');
    const left = await ask(url, NAMES);
    expect(left.headers.get('data-version')).toBe('v3');
    expect(column(left, 'name')).toEqual(['Nora', 'Utkast']);
    expect(JSON.parse((await ask(url, `ASK { GRAPH <${PEOPLE}> { ?s ?p ?o } }`)).body)).toEqual({ head: {}, boolean: false });
  });
});

/** `count` copies of `term` joined by `operator`. */
function chain(count: number, operator: string, term: string): string {
  return Array.from({ length: count }, () => term).join(operator);
}

/** `count` BINDs, each doubling the string of the one before: ?x1 … ?x<count> from ?x0. */
function doublings(count: number): string {
  return Array.from({ length: count }, (_, index) => `BIND(CONCAT(?x${index}, ?x${index}) AS ?x${index + 1})`).join(' ');
}

describe('replaceGraph() with a stored dataset version', () => {
  it('reads its canonical N-Triples into the dataset’s graph, a blank node labelled with the slug first, as a server publishing it reads the version; so does a worker started after a crash', async () => {
    const { url, sparql } = await serve({ dataVersion: 'v1', crashOnQuery: CRASH });
    const dataset = 'https://w3id.org/kulturskola/dataset/ny';
    await sparql.replaceGraph(dataset, { slug: 'ny', ntriples: '<urn:kg:vera> <urn:kg:name> "Vera" .\n_:b0 <urn:kg:in> <urn:kg:vera> .\n' }, 'v2');
    const names = await ask(url, NAMES);
    expect(names.headers.get('data-version')).toBe('v2');
    expect(column(names, 'name')).toEqual(['Anna', 'Karlskoga', 'Utkast', 'Vera', 'Örebro']);
    const inGraph = `SELECT ?s ?o WHERE { GRAPH <${dataset}> { ?s <urn:kg:in> ?o } }`;
    const expected = [{ s: { type: 'bnode', value: 'ny_b0' }, o: { type: 'uri', value: 'urn:kg:vera' } }];
    expect(JSON.parse((await ask(url, inGraph)).body).results.bindings).toEqual(expected);
    expect((await ask(url, CRASH)).status).toBe(503);
    const again = await ask(url, inGraph);
    expect(again.headers.get('data-version')).toBe('v2');
    expect(JSON.parse(again.body).results.bindings).toEqual(expected);
    expect(sparql.stats()).toMatchObject({ ready: true, workerRestarts: 1 });
    await sparql.replaceGraph(dataset, { slug: 'ny', ntriples: '' }, 'v3');
    expect(column(await ask(url, NAMES), 'name')).toEqual(['Anna', 'Karlskoga', 'Utkast', 'Örebro']);
  });
});

describe('the data as stored dataset versions', () => {
  const places = 'https://w3id.org/kulturskola/dataset/platser';
  const people = 'https://w3id.org/kulturskola/dataset/folk';
  const contents = [
    { graph: places, slug: 'platser', ntriples: '<urn:kg:orebro> <urn:kg:name> "Örebro" .\n_:b0 <urn:kg:in> <urn:kg:orebro> .\n' },
    { graph: people, slug: 'folk', ntriples: '<urn:kg:anna> <urn:kg:name> "Anna" .\n<urn:kg:anna> <urn:kg:teaches> _:b0 .\n' },
  ];
  const memberships = 'SELECT ?g ?s ?o WHERE { GRAPH ?g { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) } } ORDER BY ?g';

  it('are read each into its graph, a blank node labelled with the slug first, as the same versions published would be; a worker started after a crash reads them again', async () => {
    const sparql = await createSparqlRouter({ contents, logger: logger(), workers: 1, crashOnQuery: CRASH });
    opened.push(() => sparql.close());
    const { url } = await mount(sparql);
    expect(column(await ask(url, NAMES), 'name')).toEqual(['Anna', 'Örebro']);
    const expected = [
      { g: { type: 'uri', value: people }, s: { type: 'uri', value: 'urn:kg:anna' }, o: { type: 'bnode', value: 'folk_b0' } },
      { g: { type: 'uri', value: places }, s: { type: 'bnode', value: 'platser_b0' }, o: { type: 'uri', value: 'urn:kg:orebro' } },
    ];
    expect(JSON.parse((await ask(url, memberships)).body).results.bindings).toEqual(expected);
    expect((await ask(url, CRASH)).status).toBe(503);
    expect(JSON.parse((await ask(url, memberships)).body).results.bindings).toEqual(expected);
    expect(sparql.stats()).toMatchObject({ workerRestarts: 1 });
  });

  it('are replaced graph by graph: a new version of one leaves the other as it was', async () => {
    const sparql = await createSparqlRouter({ contents, logger: logger(), workers: 1 });
    opened.push(() => sparql.close());
    const { url } = await mount(sparql);
    await sparql.replaceGraph(places, { slug: 'platser', ntriples: '<urn:kg:karlskoga> <urn:kg:name> "Karlskoga" .\n' }, 'v2');
    expect(column(await ask(url, NAMES), 'name')).toEqual(['Anna', 'Karlskoga']);
  });

  it('refuse a graph that is no IRI, naming it, before any worker starts', async () => {
    await expect(createSparqlRouter({ contents: [{ graph: 'platser', slug: 'platser', ntriples: '' }], logger: logger(), workers: 1 })).rejects.toThrow(
      'createSparqlRouter: a graph must be an absolute IRI, but got "platser"',
    );
  });
});

describe('stageGraph()', () => {
  const dataset = 'https://w3id.org/kulturskola/dataset/ny';
  const vera = '<urn:kg:vera> <urn:kg:name> "Vera" .\n_:b0 <urn:kg:in> <urn:kg:vera> .\n';
  const vilma = '<urn:kg:vilma> <urn:kg:name> "Vilma" .\n';

  it('serves nothing it was told: queries answer from the data until replaceGraph, which then reads the content told the same as one it was not told', async () => {
    const { url, sparql } = await serve({ dataVersion: 'v1' });

    sparql.stageGraph(dataset, { slug: 'ny', ntriples: vera });
    const before = await ask(url, NAMES);
    await sparql.replaceGraph(dataset, { slug: 'ny', ntriples: vera }, 'v2');
    const after = await ask(url, NAMES);
    const inGraph = await ask(url, `SELECT ?s ?o WHERE { GRAPH <${dataset}> { ?s <urn:kg:in> ?o } }`);

    expect(before.headers.get('data-version')).toBe('v1');
    expect(column(before, 'name')).toEqual(['Anna', 'Karlskoga', 'Utkast', 'Örebro']);
    expect(after.headers.get('data-version')).toBe('v2');
    expect(column(after, 'name')).toEqual(['Anna', 'Karlskoga', 'Utkast', 'Vera', 'Örebro']);
    expect(JSON.parse(inGraph.body).results.bindings).toEqual([{ s: { type: 'bnode', value: 'ny_b0' }, o: { type: 'uri', value: 'urn:kg:vera' } }]);
  });

  it('never puts what it was told in place of other content replaceGraph is given, nor of what it was told before, nor after it was told to forget', async () => {
    const { url, sparql } = await serve({ dataVersion: 'v1' });

    sparql.stageGraph(dataset, { slug: 'ny', ntriples: vera });
    await sparql.replaceGraph(dataset, { slug: 'ny', ntriples: vilma }, 'v2');
    const other = column(await ask(url, NAMES), 'name');
    sparql.stageGraph(dataset, { slug: 'ny', ntriples: vilma });
    sparql.stageGraph(dataset, { slug: 'ny', ntriples: vera });
    await sparql.replaceGraph(dataset, { slug: 'ny', ntriples: vilma }, 'v3');
    const earlier = column(await ask(url, NAMES), 'name');
    sparql.stageGraph(dataset, { slug: 'ny', ntriples: vera });
    sparql.stageGraph(dataset, null);
    await sparql.replaceGraph(dataset, { slug: 'ny', ntriples: vera }, 'v4');
    const forgotten = column(await ask(url, NAMES), 'name');

    expect(other).toEqual(['Anna', 'Karlskoga', 'Utkast', 'Vilma', 'Örebro']);
    expect(earlier).toEqual(['Anna', 'Karlskoga', 'Utkast', 'Vilma', 'Örebro']);
    expect(forgotten).toEqual(['Anna', 'Karlskoga', 'Utkast', 'Vera', 'Örebro']);
  });

  it('ignores a graph that is no IRI, and the endpoint answers as before', async () => {
    const { url, sparql } = await serve({ dataVersion: 'v1' });

    sparql.stageGraph('urn:kg:a> ; DROP ALL ; DROP SILENT GRAPH <urn:kg:b', { slug: 'ny', ntriples: vera });
    const names = await ask(url, NAMES);

    expect(names.headers.get('data-version')).toBe('v1');
    expect(column(names, 'name')).toEqual(['Anna', 'Karlskoga', 'Utkast', 'Örebro']);
  });
});

describe('replaceGraph() of a name that is no IRI', () => {
  it('is refused, naming it, and changes nothing: the endpoint answers from the data it had', async () => {
    const { url, sparql } = await serve({ dataVersion: 'v1' });
    for (const graph of ['not an iri', 'urn:kg:a> ; DROP ALL ; DROP SILENT GRAPH <urn:kg:b']) {
      await expect(sparql.replaceGraph(graph, { plain: '', withBlankNodes: '' }, 'v2')).rejects.toThrow(`replaceGraph: the graph must be an absolute IRI, but got ${JSON.stringify(graph)}: `);
    }
    const names = await ask(url, NAMES);
    expect(names.status).toBe(200);
    expect(names.headers.get('data-version')).toBe('v1');
    expect(column(names, 'name')).toEqual(['Anna', 'Karlskoga', 'Utkast', 'Örebro']);
  });
});

describe('an answer refused by the engine', () => {
  it('tells which version of the data it comes from, as every answer does', async () => {
    const { url } = await serve({ dataVersion: 'v7' });
    const invalid = await ask(url, 'SELEC * WHERE { ?s ?p ?o }');
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('data-version')).toBe('v7');
    const unacceptable = await ask(url, NAMES, { accept: 'image/png' });
    expect(unacceptable.status).toBe(406);
    expect(unacceptable.headers.get('data-version')).toBe('v7');
  });
});
