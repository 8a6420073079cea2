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
