import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/startServer.js';
import { startShippedServer } from '../support/startShippedServer.js';

let server: RunningServer;

beforeAll(async () => {
  ({ server } = await startShippedServer());
});

afterAll(async () => {
  await server.stop();
});

describe('the server', () => {
  it('answers SPARQL at /sparql over the loaded graph, to pages of any origin', async () => {
    const query = 'PREFIX org: <http://www.w3.org/ns/org#> SELECT (COUNT(?m) AS ?n) WHERE { ?m org:memberOf <https://w3id.org/kulturskola/samverkan/orebro-lan> }';
    const response = await fetch(`${server.url}/sparql?query=${encodeURIComponent(query)}`, { headers: { Origin: 'https://example.org' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const results = (await response.json()) as { results: { bindings: Array<{ n: { value: string } }> } };
    expect(results.results.bindings[0]!.n.value).toBe('11');
  });

  it('names the SPARQL endpoint when a route is unknown', async () => {
    const response = await fetch(`${server.url}/nowhere`, { method: 'PUT' });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('/sparql');
  });
});

describe('the SPARQL defaults of the server', () => {
  const MUNICIPALITY = '<https://w3id.org/kulturskola/def#Municipality>';
  /** Every pair of the 290 municipalities: 84,100 solutions. */
  const pairs = `SELECT ?a ?b WHERE { ?a a ${MUNICIPALITY} . ?b a ${MUNICIPALITY} }`;

  it('cut an answer of 84,100 solutions to 10,000 rows and say so in the headers and the results', async () => {
    const response = await postQuery(pairs);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-sparql-truncated')).toBe('true');
    expect(response.headers.get('x-sparql-maxrows')).toBe('10000');
    const results = (await response.json()) as { truncated?: boolean; results: { bindings: unknown[] } };
    expect(results.results.bindings).toHaveLength(10_000);
    expect(results.truncated).toBe(true);
  });

  it('leave an answer of exactly 10,000 rows whole and unmarked', async () => {
    const response = await postQuery(`${pairs} LIMIT 10000`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-sparql-truncated')).toBeNull();
    const results = (await response.json()) as { truncated?: boolean; results: { bindings: unknown[] } };
    expect(results.results.bindings).toHaveLength(10_000);
    expect(results.truncated).toBeUndefined();
  });

  it('take a query of 64 kB and answer 413 naming the limit to one byte more', async () => {
    const padded = (bytes: number) => `ASK {} #${'x'.repeat(bytes - 'ASK {} #'.length)}`;
    expect((await postQuery(padded(65_536))).status).toBe(200);
    const over = await postQuery(padded(65_537));
    expect(over.status).toBe(413);
    expect(await over.text()).toBe('The query is 65537 bytes long; the limit is 65536 bytes\n');
  });

  /** POSTs `query` as a form, as SPARQLWrapper does. */
  function postQuery(query: string): Promise<Response> {
    return fetch(`${server.url}/sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' },
      body: new URLSearchParams({ query }),
    });
  }
});
