import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Store } from 'n3';
import { pino } from 'pino';
import { createSparqlRouter, type SparqlRouter, type SparqlRouterOptions } from '../../src/http/sparql/createSparqlRouter.js';
import { dataPath } from '../../src/rdf/dataPath.js';
import { loadDataDirectory } from '../../src/rdf/loadDataDirectory.js';

/** A throwaway app with the SPARQL router, listening on 127.0.0.1. */
export interface SparqlTestServer {
  /** The endpoint, e.g. http://127.0.0.1:41234/sparql */
  endpoint: string;
  /** The app also answers `GET /ping` with "pong", to show that other routes stay responsive. */
  base: string;
  /** Closes the SPARQL router alone (its workers), leaving the HTTP server up. */
  closeEndpoint(): Promise<void>;
  /** The router's own report: readiness, queue and counters. */
  stats: SparqlRouter['stats'];
  close(): Promise<void>;
}

let shipped: Promise<Store> | undefined;

/** The shipped data, loaded once per test file. */
export function shippedStore(): Promise<Store> {
  shipped ??= loadDataDirectory(dataPath('graphs')).then(({ store }) => store);
  return shipped;
}

/** Starts the endpoint over the shipped data with `options` (e.g. small limits; by default a silent logger). */
export async function startSparqlTestServer(options: Partial<SparqlRouterOptions> = {}): Promise<SparqlTestServer> {
  const store = await shippedStore();
  const sparql = await createSparqlRouter({ quads: store, logger: pino({ level: 'silent' }), ...options });
  const app = express();
  app.get('/ping', (_request, response) => {
    response.type('text/plain').send('pong');
  });
  app.use(sparql.router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    endpoint: `${base}/sparql`,
    closeEndpoint: () => sparql.close(),
    stats: () => sparql.stats(),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sparql.close();
    },
  };
}

/** What a request to the endpoint answered. */
export interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

/** Sends a query the way the SPARQL 1.1 Protocol allows: GET, a POSTed form, or a POSTed application/sparql-query body. */
export async function ask(
  endpoint: string,
  query: string,
  {
    via = 'GET',
    accept,
    parameters = [],
  }: { via?: 'GET' | 'form' | 'body'; accept?: string; parameters?: Array<[string, string]> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = accept === undefined ? {} : { accept };
  let response: Response;
  if (via === 'GET') {
    response = await fetch(`${endpoint}?${new URLSearchParams([['query', query], ...parameters])}`, { headers });
  } else if (via === 'form') {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([['query', query], ...parameters]).toString(),
    });
  } else {
    const search = parameters.length === 0 ? '' : `?${new URLSearchParams(parameters)}`;
    response = await fetch(`${endpoint}${search}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/sparql-query' },
      body: query,
    });
  }
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** SPARQL JSON results, as far as the tests read them. */
export interface SparqlJson {
  head: { vars?: string[] };
  boolean?: boolean;
  truncated?: boolean;
  results?: { bindings: Array<Record<string, { type: string; value: string; 'xml:lang'?: string; datatype?: string }>> };
}

/** The values of `variable` in SPARQL JSON results, in their order. */
export function column(results: SparqlJson, variable: string): string[] {
  return (results.results?.bindings ?? []).map((binding) => binding[variable]?.value ?? '');
}

/** Runs a SELECT that must succeed and returns its SPARQL JSON results. */
export async function select(endpoint: string, query: string, parameters: Array<[string, string]> = []): Promise<SparqlJson> {
  const answer = await ask(endpoint, query, { parameters });
  if (answer.status !== 200) throw new Error(`expected 200 but got ${answer.status}: ${answer.body}`);
  return JSON.parse(answer.body) as SparqlJson;
}

/** The number of triples in all named graphs, as the endpoint counts them. */
export async function countQuads(endpoint: string): Promise<number> {
  const results = await select(endpoint, 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }');
  return Number(column(results, 'n')[0]);
}

/** The IRI of one of our resources. */
export function kg(path: string): string {
  return `https://w3id.org/kulturskola/${path}`;
}

/** The query that lists the members of the Örebro län collaboration with their municipality codes. */
export const membersQuery = `
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?member ?code WHERE {
  ?member org:memberOf <${kg('samverkan/orebro-lan')}> ; dcterms:identifier ?code .
} ORDER BY ?code`;

/** The municipality codes of the eleven members, sorted. */
export const memberCodes = ['1814', '1861', '1862', '1863', '1864', '1880', '1881', '1882', '1883', '1884', '1885'];

/** Resolves once `condition` holds, checking every 10 ms; the test's own time limit bounds the wait. */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
