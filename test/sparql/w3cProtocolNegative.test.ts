import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSparqlTestServer, type SparqlTestServer } from './sparqlTestServer.js';

// The negative tests of the W3C SPARQL 1.1 Protocol test suite
// (https://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest): each is a request
// a conforming service must refuse with a 4xx. Ours is a query service, read-only, so the update
// tests' requests are refused too (as updates), whatever else is wrong with them.

let server: SparqlTestServer;
beforeAll(async () => {
  server = await startSparqlTestServer();
});
afterAll(() => server.close());

const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

interface NegativeTest {
  name: string;
  send: (endpoint: string) => Promise<Response>;
  says: RegExp;
}

const post = (endpoint: string, body: string | Uint8Array, contentType?: string) =>
  fetch(endpoint, { method: 'POST', body, headers: contentType === undefined ? {} : { 'content-type': contentType } });
const form = (fields: Array<[string, string]>) => new URLSearchParams(fields).toString();
const FORM = 'application/x-www-form-urlencoded';
const ASK = 'ASK {}';
const UPDATE = 'CLEAR ALL';

const queryTests: NegativeTest[] = [
  { name: 'bad_query_method (PUT)', send: (endpoint) => fetch(`${endpoint}?query=${encodeURIComponent(ASK)}`, { method: 'PUT' }), says: /answers GET and POST, not PUT/ },
  { name: 'bad_multiple_queries', send: (endpoint) => fetch(`${endpoint}?${form([['query', ASK], ['query', 'ASK { ?s ?p ?o }']])}`), says: /query parameter is given 2 times/ },
  { name: 'bad_query_wrong_media_type (text/plain)', send: (endpoint) => post(endpoint, ASK, 'text/plain'), says: /text\/plain/ },
  { name: 'bad_query_missing_form_type', send: (endpoint) => post(endpoint, form([['query', ASK]])), says: /needs Content-Type/ },
  { name: 'bad_query_missing_direct_type', send: (endpoint) => post(endpoint, ASK), says: /needs Content-Type/ },
  { name: 'bad_query_non_utf8 (UTF-16)', send: (endpoint) => post(endpoint, utf16(ASK), 'application/sparql-query; charset=UTF-16'), says: /UTF-8/ },
  { name: 'bad_query_syntax', send: (endpoint) => fetch(`${endpoint}?query=${encodeURIComponent('ASK {')}`), says: /not valid SPARQL/ },
];

const updateTests: NegativeTest[] = [
  { name: 'bad_update_get', send: (endpoint) => fetch(`${endpoint}?update=${encodeURIComponent(UPDATE)}`), says: /read-only/ },
  { name: 'bad_multiple_updates', send: (endpoint) => post(endpoint, form([['update', UPDATE], ['update', UPDATE]]), FORM), says: /read-only/ },
  { name: 'bad_update_wrong_media_type (text/plain)', send: (endpoint) => post(endpoint, UPDATE, 'text/plain'), says: /text\/plain/ },
  { name: 'bad_update_missing_form_type', send: (endpoint) => post(endpoint, form([['update', UPDATE]])), says: /needs Content-Type/ },
  { name: 'bad_update_non_utf8 (UTF-16)', send: (endpoint) => post(endpoint, utf16(UPDATE), 'application/sparql-update; charset=UTF-16'), says: /UTF-8|read-only/ },
  { name: 'bad_update_syntax', send: (endpoint) => post(endpoint, form([['update', 'CLEAR XYZ']]), FORM), says: /read-only/ },
  {
    name: 'bad_update_dataset_conflict (using-graph-uri beside USING)',
    send: (endpoint) => post(`${endpoint}?using-graph-uri=${encodeURIComponent('http://example.org/g')}`, 'DELETE { ?s ?p ?o } USING <http://example.org/g2> WHERE { ?s ?p ?o }', 'application/sparql-update'),
    says: /read-only/,
  },
  { name: 'an update sent as a query', send: (endpoint) => post(endpoint, form([['query', UPDATE]]), FORM), says: /read-only|not valid SPARQL/ },
];

describe('the W3C SPARQL 1.1 Protocol negative tests', () => {
  describe.each([
    ['of the query operation', queryTests],
    ['of the update operation, at a read-only endpoint', updateTests],
  ])('%s', (_title, tests) => {
    it.each(tests)('$name is refused with a 4xx whose message names the problem', async ({ send, says }) => {
      const response = await send(server.endpoint);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(await response.text()).toMatch(says);
    });
  });

  it('leaves the data as it was: a query after them all still finds the eleven members', async () => {
    for (const { send } of [...queryTests, ...updateTests]) await (await send(server.endpoint)).arrayBuffer();
    const query = 'SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m <http://www.w3.org/ns/org#memberOf> <https://w3id.org/kulturskola/samverkan/orebro-lan> }';
    const response = await fetch(`${server.endpoint}?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } });
    const answer = (await response.json()) as { results: { bindings: Array<{ n: { value: string } }> } };
    expect(answer.results.bindings[0]!.n.value).toBe('11');
  });
});
