import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ask,
  column,
  kg,
  memberCodes,
  membersQuery,
  select,
  shippedStore,
  startSparqlTestServer,
  type SparqlJson,
  type SparqlTestServer,
} from './sparqlTestServer.js';

let server: SparqlTestServer;
beforeAll(async () => {
  server = await startSparqlTestServer();
});
afterAll(() => server.close());

describe('GET /sparql', () => {
  it('answers SELECT as SPARQL JSON', async () => {
    const answer = await ask(server.endpoint, membersQuery);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/sparql-results+json; charset=utf-8');
    const results = JSON.parse(answer.body) as SparqlJson;
    expect(results.head.vars).toEqual(['member', 'code']);
    expect(column(results, 'code')).toEqual(memberCodes);
    expect(column(results, 'member')).toEqual(memberCodes.map((code) => kg(`kommun/${code}`)));
    expect(results.truncated).toBeUndefined();
    expect(answer.headers.get('x-sparql-truncated')).toBeNull();
  });

  it('varies on Accept', async () => {
    const answer = await ask(server.endpoint, 'ASK {}');
    expect(answer.headers.get('vary')).toBe('Accept');
  });

  it('ignores parameters it does not know', async () => {
    const answer = await ask(server.endpoint, membersQuery, { parameters: [['timeout', '0'], ['debug', 'on']] });
    expect(answer.status).toBe(200);
    expect(column(JSON.parse(answer.body) as SparqlJson, 'code')).toEqual(memberCodes);
  });

  it('answers a request without a query with 400 and says how to send one', async () => {
    const response = await fetch(server.endpoint);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/^Missing the query: send it as \?query=/);
  });

  it('answers two query parameters with 400', async () => {
    const response = await fetch(`${server.endpoint}?query=ASK{}&query=ASK{}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('The query parameter is given 2 times; send exactly one\n');
  });

  it('answers HEAD like GET, without a body', async () => {
    const response = await fetch(`${server.endpoint}?query=${encodeURIComponent('ASK {}')}`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/sparql-results+json; charset=utf-8');
    expect(await response.text()).toBe('');
  });
});

describe('POST /sparql with a form (application/x-www-form-urlencoded)', () => {
  it('answers the query in the query field', async () => {
    const answer = await ask(server.endpoint, membersQuery, { via: 'form' });
    expect(answer.status).toBe(200);
    expect(column(JSON.parse(answer.body) as SparqlJson, 'code')).toEqual(memberCodes);
  });

  it('takes the format from a form field', async () => {
    const answer = await ask(server.endpoint, membersQuery, { via: 'form', parameters: [['format', 'csv']] });
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  });

  it('reads a query with non-ASCII characters', async () => {
    const results = await selectVia('form', `SELECT ?name WHERE { <${kg('kommun/1880')}> <http://www.w3.org/2004/02/skos/core#prefLabel> ?name FILTER(lang(?name) = "sv") }`);
    expect(column(results, 'name')).toEqual(['Örebro']);
  });
});

describe('POST /sparql with the query as the body (application/sparql-query)', () => {
  it('answers the query in the body', async () => {
    const answer = await ask(server.endpoint, membersQuery, { via: 'body' });
    expect(answer.status).toBe(200);
    expect(column(JSON.parse(answer.body) as SparqlJson, 'code')).toEqual(memberCodes);
  });

  it('takes default-graph-uri from the URL', async () => {
    const results = await selectVia('body', 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', [['default-graph-uri', kg('dataset/orebro-lan')]]);
    expect(Number(column(results, 'n')[0])).toBe(await triplesIn('dataset/orebro-lan'));
  });

  it('refuses a query parameter beside the body with 400', async () => {
    const response = await fetch(`${server.endpoint}?query=ASK{}`, { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body: 'ASK {}' });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/carries the query as its body; do not also send a query parameter/);
  });
});

describe('the encoding of a query', () => {
  const utf16 = (text: string, byteOrderMark: boolean) => Buffer.concat([Buffer.from(byteOrderMark ? [0xff, 0xfe] : []), Buffer.from(text, 'utf16le')]);
  const post = (contentType: string, body: Uint8Array | string) => fetch(server.endpoint, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('is UTF-8: a body that declares charset=UTF-16 is refused with 415 naming it (W3C protocol test bad_query_non_utf8)', async () => {
    const response = await post('application/sparql-query; charset=UTF-16', utf16('ASK {}', true));
    expect(response.status).toBe(415);
    expect(await response.text()).toBe('The SPARQL endpoint reads queries as UTF-8 only, but the request declares charset="UTF-16": send the query encoded as UTF-8\n');
  });

  it('is UTF-8 in a form too: a form that declares another charset is refused with 415', async () => {
    const response = await post('application/x-www-form-urlencoded; charset=ISO-8859-1', 'query=ASK%20%7B%7D');
    expect(response.status).toBe(415);
    expect(await response.text()).toMatch(/declares charset="ISO-8859-1"/);
  });

  it('may be declared as UTF-8, in any spelling', async () => {
    for (const charset of ['utf-8', 'UTF-8', '"utf-8"', 'utf8']) {
      const response = await post(`application/sparql-query; charset=${charset}`, 'ASK {}');
      expect(response.status, charset).toBe(200);
      expect(await response.json(), charset).toEqual({ head: {}, boolean: true });
    }
  });

  it('refuses UTF-16 sent without a charset with 400: with a byte order mark, and without one by its NUL bytes', async () => {
    const withMark = await post('application/sparql-query', utf16('ASK {}', true));
    expect(withMark.status).toBe(400);
    expect(await withMark.text()).toBe('The query starts with a UTF-16 byte order mark; the SPARQL endpoint reads queries as UTF-8\n');
    const withoutMark = await post('application/sparql-query', utf16('ASK {}', false));
    expect(withoutMark.status).toBe(400);
    expect(await withoutMark.text()).toMatch(/^The query holds the character U\+0000 \(NUL\) at character 1, which no query needs: was it sent as UTF-16\?/);
  });

  it('refuses U+0000 in a query sent by GET with 400', async () => {
    const answer = await ask(server.endpoint, 'ASK {}\u0000');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/U\+0000 \(NUL\) at character 6/);
  });
});

describe('relative IRIs in a query', () => {
  it('resolve against the endpoint\'s persistent IRI, so that <kommun/1880> is Örebro', async () => {
    const results = await select(server.endpoint, 'SELECT ?code WHERE { <kommun/1880> <http://purl.org/dc/terms/identifier> ?code }');
    expect(column(results, 'code')).toEqual(['1880']);
  });

  it('resolve in a CONSTRUCT template and a DESCRIBE, over every protocol form (W3C protocol test query-content-type-construct)', async () => {
    for (const via of ['GET', 'form', 'body'] as const) {
      const constructed = await ask(server.endpoint, 'CONSTRUCT { <s> <p> 1 } WHERE {}', { via, accept: 'application/n-triples' });
      expect(constructed.status, via).toBe(200);
      expect(constructed.body, via).toBe(`<${kg('s')}> <${kg('p')}> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n`);
      const described = await ask(server.endpoint, 'DESCRIBE <kommun/1880>', { via, accept: 'application/n-triples' });
      expect(described.body, via).toContain(`<${kg('kommun/1880')}> <http://purl.org/dc/terms/identifier> "1880" .`);
    }
  });

  it('resolve against the query\'s own BASE when it declares one', async () => {
    const answer = await ask(server.endpoint, 'BASE <https://example.org/> CONSTRUCT { <s> <p> <o> } WHERE {}', { accept: 'application/n-triples' });
    expect(answer.body).toBe('<https://example.org/s> <https://example.org/p> <https://example.org/o> .\n');
  });

  it('resolve the same when the endpoint rewrites the query with its row cap', async () => {
    const results = await select(server.endpoint, 'SELECT ?p WHERE { <kommun/1880> ?p ?o } ORDER BY ?p');
    expect(column(results, 'p')).toContain('http://purl.org/dc/terms/identifier');
  });
});

describe('other requests to /sparql', () => {
  it('answers a POST of another content type with 415 naming it', async () => {
    const response = await fetch(server.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"ASK {}"}' });
    expect(response.status).toBe(415);
    expect(await response.text()).toMatch(/needs Content-Type application\/x-www-form-urlencoded .* but got: "application\/json"/);
  });

  it('answers PUT with 405 and the methods it allows', async () => {
    const response = await fetch(server.endpoint, { method: 'PUT', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(await response.text()).toBe('The SPARQL endpoint answers GET and POST, not PUT\n');
  });
});

describe('the dataset', () => {
  it('is by default the union of the named graphs as the default graph', async () => {
    const store = await shippedStore();
    const results = await select(server.endpoint, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }');
    expect(Number(column(results, 'n')[0])).toBe(store.size);
  });

  it('reaches each named graph through GRAPH ?g', async () => {
    const store = await shippedStore();
    const results = await select(server.endpoint, 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g');
    const expected = store
      .getGraphs(null, null, null)
      .map((graph) => graph.value)
      .sort();
    expect(column(results, 'g')).toEqual(expected);
    expect(column(results, 'g')).toContain(kg('dataset/orebro-lan'));
    for (const [index, graph] of expected.entries()) {
      expect(Number(column(results, 'n')[index])).toBe(store.countQuads(null, null, null, graph));
    }
  });

  it('finds in which graph the members are stated', async () => {
    const results = await select(
      server.endpoint,
      `SELECT DISTINCT ?g WHERE { GRAPH ?g { ?member <http://www.w3.org/ns/org#memberOf> <${kg('samverkan/orebro-lan')}> } }`,
    );
    expect(column(results, 'g')).toEqual([kg('dataset/orebro-lan')]);
  });

  it('is the graphs in default-graph-uri, merged, without named graphs', async () => {
    const parameters: Array<[string, string]> = [
      ['default-graph-uri', kg('dataset/orebro-lan')],
      ['default-graph-uri', kg('dataset/katalog')],
    ];
    const counted = await select(server.endpoint, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', parameters);
    expect(Number(column(counted, 'n')[0])).toBe((await triplesIn('dataset/orebro-lan')) + (await triplesIn('dataset/katalog')));
    const named = await select(server.endpoint, 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }', parameters);
    expect(column(named, 'n')).toEqual(['0']);
  });

  it('names only the graphs in named-graph-uri, with an empty default graph', async () => {
    const parameters: Array<[string, string]> = [['named-graph-uri', kg('dataset/kommuner')]];
    const graphs = await select(server.endpoint, 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }', parameters);
    expect(column(graphs, 'g')).toEqual([kg('dataset/kommuner')]);
    const inDefault = await select(server.endpoint, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', parameters);
    expect(column(inDefault, 'n')).toEqual(['0']);
  });

  it('takes default-graph-uri and named-graph-uri from a form', async () => {
    const results = await selectVia('form', 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', [['default-graph-uri', kg('dataset/katalog')]]);
    expect(Number(column(results, 'n')[0])).toBe(await triplesIn('dataset/katalog'));
  });

  it('honours FROM in the query when the request names no graphs', async () => {
    const results = await select(server.endpoint, `SELECT (COUNT(*) AS ?n) FROM <${kg('dataset/katalog')}> WHERE { ?s ?p ?o }`);
    expect(Number(column(results, 'n')[0])).toBe(await triplesIn('dataset/katalog'));
  });

  it('is empty for a graph it does not hold', async () => {
    const results = await select(server.endpoint, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', [['default-graph-uri', kg('dataset/nowhere')]]);
    expect(column(results, 'n')).toEqual(['0']);
  });

  it('labels blank nodes as the loaded store does, in every worker', async () => {
    const store = await shippedStore();
    const audience = store.getObjects(null, 'http://purl.org/dc/terms/audience', null);
    expect(audience.map((term) => term.termType)).toEqual(['BlankNode']);
    const query = 'SELECT ?audience WHERE { ?project <http://purl.org/dc/terms/audience> ?audience }';
    const answers = await Promise.all(Array.from({ length: 6 }, () => select(server.endpoint, query)));
    for (const results of answers) {
      expect(results.results?.bindings).toEqual([{ audience: { type: 'bnode', value: audience[0]!.value } }]);
    }
  });

  it('refuses a graph parameter that is not an absolute IRI with 400 naming it', async () => {
    const answer = await ask(server.endpoint, 'ASK {}', { parameters: [['named-graph-uri', 'orebro-lan']] });
    expect(answer.status).toBe(400);
    expect(answer.body).toBe('The named-graph-uri parameter must be an absolute IRI, but got: "orebro-lan"; it does not start with a scheme such as https:\n');
  });

  describe.each(['GET', 'form'] as const)('refuses with 400, sent by %s, a graph IRI that looks absolute but breaks the rules of IRIs', (via) => {
    it.each([
      ['default-graph-uri', 'http://example.org/%zz', '"%zz" in its path is not percent-encoding: a % must be followed by two hexadecimal digits'],
      ['named-graph-uri', 'http://example.org/%zz', '"%zz" in its path is not percent-encoding: a % must be followed by two hexadecimal digits'],
      ['default-graph-uri', 'http://example.org/graph[1]', 'its path holds the character "[" (U+005B), which an IRI does not allow there'],
      ['named-graph-uri', 'http://example.org:8o80/', 'its port "8o80" is not a number'],
    ])('in %s: %s, naming the parameter, the value and the fault, without replacing a worker', async (parameter, iri, problem) => {
      const answer = await ask(server.endpoint, 'SELECT * WHERE { ?s ?p ?o } LIMIT 1', { via, parameters: [[parameter, iri]] });
      expect(answer.status).toBe(400);
      expect(answer.body).toBe(`The ${parameter} parameter must be an absolute IRI, but got: ${JSON.stringify(iri)}; ${problem}\n`);
      expect(server.stats()).toMatchObject({ workerRestarts: 0, engineFailures: 0 });
    });
  });
});

describe('the members of Kulturskolesamverkan i Örebro län', () => {
  it('are the eleven municipalities with memberships, found through org:memberOf', async () => {
    const results = await select(server.endpoint, membersQuery);
    expect(column(results, 'code')).toEqual(memberCodes);
  });

  it('are the same through org:Membership, with Karlskoga also as administrative principal', async () => {
    const results = await select(
      server.endpoint,
      `PREFIX org: <http://www.w3.org/ns/org#>
       PREFIX dcterms: <http://purl.org/dc/terms/>
       SELECT ?code ?role WHERE {
         ?membership org:organization <${kg('samverkan/orebro-lan')}> ; org:member ?member ; org:role ?role .
         ?member dcterms:identifier ?code .
       } ORDER BY ?code ?role`,
    );
    expect([...new Set(column(results, 'code'))]).toEqual(memberCodes);
    expect(column(results, 'role').filter((role) => role === kg('roll/administrativ-huvudman'))).toHaveLength(1);
    expect(results.results?.bindings).toHaveLength(12);
  });
});

async function selectVia(via: 'form' | 'body', query: string, parameters: Array<[string, string]> = []): Promise<SparqlJson> {
  const answer = await ask(server.endpoint, query, { via, parameters });
  expect(answer.status, answer.body).toBe(200);
  return JSON.parse(answer.body) as SparqlJson;
}

async function triplesIn(graph: string): Promise<number> {
  const store = await shippedStore();
  return store.countQuads(null, null, null, kg(graph));
}
