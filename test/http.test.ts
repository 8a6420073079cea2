import jsonld from 'jsonld';
import { DataFactory, Store } from 'n3';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/http/startServer.js';
import type { RunningServer } from '../src/http/startServer.js';
import { dataPath } from '../src/rdf/dataPath.js';
import { loadDataDirectory } from '../src/rdf/loadDataDirectory.js';
import { offlineDocumentLoader } from '../src/rdf/offlineDocumentLoader.js';
import { StoreGraph } from '../src/rdf/StoreGraph.js';

const { namedNode, literal, quad } = DataFactory;

const OREBRO_COLLABORATION = 'https://w3id.org/kulturskola/samverkan/orebro-lan';
const OREBRO_NAME_SV = 'Kulturskolesamverkan i Örebro län';
const OREBRO_NAME_EN = 'Culture school collaboration in Örebro County';
const KARLSKOGA_QUERY = '{ municipality(code: "1883") { name code county { code } } }';
const KARLSKOGA_DATA = { municipality: { name: 'Karlskoga', code: '1883', county: { code: '18' } } };
const COLLABORATION_NAME_QUERY = `{ collaboration(id: "${OREBRO_COLLABORATION}") { name } }`;
/**
 * A client that takes the GraphQL-over-HTTP media type, whose request errors (parse, validation)
 * are 400; as application/json they are 200 (see test/http/graphqlOverHttp.test.ts).
 */
const GRAPHQL_RESPONSE_JSON = { accept: 'application/graphql-response+json' };

/** The defaults of src/http/graphqlLimits.ts, as docs/limits.md states them. */
const MAX_TOKENS = 1000;
const MAX_DEPTH = 10;
const MAX_ALIASES = 15;
const MAX_DIRECTIVES = 50;
const MAX_BODY_BYTES = 100 * 1024;

let server: RunningServer;
let loadedQuads: number;

beforeAll(async () => {
  const { store } = await loadDataDirectory(dataPath('graphs'));
  loadedQuads = store.size;
  const graph = new StoreGraph(store);
  server = await startServer({ graph, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server?.stop();
});

describe('GET /health', () => {
  it('answers 200 with status "ok" and the number of quads served', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { status: string; quads: number };
    expect(body.status).toBe('ok');
    expect(body.quads).toBe(loadedQuads);
  });
});

describe('POST /graphql', () => {
  it('answers a query for a municipality with its name, code and county', async () => {
    const { status, body } = await postGraphql({ query: KARLSKOGA_QUERY });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual(KARLSKOGA_DATA);
  });

  it('takes variables', async () => {
    const { status, body } = await postGraphql({
      query: 'query Municipality($code: String!) { municipality(code: $code) { name } }',
      variables: { code: '1883' },
    });
    expect(status).toBe(200);
    expect(body.data).toEqual({ municipality: { name: 'Karlskoga' } });
  });
});

describe('GET /graphql', () => {
  it('answers a query when the apollo-require-preflight header is sent', async () => {
    const response = await getGraphql(KARLSKOGA_QUERY, { 'apollo-require-preflight': 'true' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as GraphqlBody).data).toEqual(KARLSKOGA_DATA);
  });

  it('answers a query when a JSON content-type is sent', async () => {
    const response = await getGraphql(KARLSKOGA_QUERY, { 'content-type': 'application/json' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as GraphqlBody).data).toEqual(KARLSKOGA_DATA);
  });

  it('sends an ETag of the answer and answers 304 without a body when If-None-Match names it', async () => {
    const first = await getGraphql(KARLSKOGA_QUERY, { 'apollo-require-preflight': 'true' });
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await getGraphql(KARLSKOGA_QUERY, { 'apollo-require-preflight': 'true', 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await getGraphql('{ municipality(code: "1880") { name } }', { 'apollo-require-preflight': 'true', 'if-none-match': etag! });
    expect(other.status).toBe(200);
  });

  it('refuses a plain GET without either header with 400, as CSRF prevention demands', async () => {
    const response = await getGraphql(KARLSKOGA_QUERY);
    expect(response.status).toBe(400);
    const body = (await response.json()) as GraphqlBody;
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(body.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);
  });

  it('never runs a mutation, answering 400 (as application/graphql-response+json) because the read-only schema has none (Apollo would say 405 for GET)', async () => {
    const response = await getGraphql('mutation { anything }', { 'apollo-require-preflight': 'true', ...GRAPHQL_RESPONSE_JSON });
    expect(response.status).toBe(400);
    expect(((await response.json()) as GraphqlBody).errors?.[0]?.message).toMatch(/mutation/);
  });
});

describe('/graphql?jsonld=1', () => {
  const query = '{ municipality(code: "1883") { __typename id name county { __typename id code } } }';
  const karlskoga = '<https://w3id.org/kulturskola/kommun/1883>';
  const expectedTriples = [
    `${karlskoga} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/kulturskola/def#Municipality> .`,
    `${karlskoga} <http://www.w3.org/2004/02/skos/core#prefLabel> "Karlskoga" .`,
    '<https://w3id.org/kulturskola/lan/18> <http://purl.org/dc/terms/identifier> "18" .',
  ];

  it('adds a JSON-LD @context to the extensions of a POST answer, so that the data reads as the graph\'s triples', async () => {
    const response = await fetch(`${server.url}/graphql?jsonld=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as GraphqlBody & { extensions?: Record<string, unknown> };
    expect(body.errors).toBeUndefined();
    expect(await triplesOf(body)).toEqual(expect.arrayContaining(expectedTriples));
  });

  it('adds it to a GET answer too', async () => {
    const response = await fetch(`${server.url}/graphql?jsonld=1&query=${encodeURIComponent(query)}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as GraphqlBody & { extensions?: Record<string, unknown> };
    expect(await triplesOf(body)).toEqual(expect.arrayContaining(expectedTriples));
  });

  it('leaves the extensions out with jsonld=0 and without the parameter', async () => {
    for (const path of ['/graphql?jsonld=0', '/graphql']) {
      const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      expect(response.status, path).toBe(200);
      expect(await response.json(), path).toEqual({ data: { municipality: { __typename: 'Municipality', id: 'https://w3id.org/kulturskola/kommun/1883', name: 'Karlskoga', county: { __typename: 'County', id: 'https://w3id.org/kulturskola/lan/18', code: '18' } } } });
    }
  });

  /** The N-Quads lines of `{"@context": extensions["@context"], ...data}`; fails when the answer carries no context. */
  async function triplesOf(body: GraphqlBody & { extensions?: Record<string, unknown> }): Promise<string[]> {
    const context = body.extensions?.['@context'];
    expect(context).toBeTypeOf('object');
    const nquads = (await jsonld.toRDF({ '@context': context, ...(body.data as object) } as jsonld.JsonLdDocument, {
      documentLoader: offlineDocumentLoader,
      format: 'application/n-quads',
    } as jsonld.Options.ToRdf)) as unknown as string;
    return nquads.split('\n').filter((line) => line !== '');
  }
});

describe('the language of texts', () => {
  it('is English when Accept-Language asks for en', async () => {
    expect(await collaborationName({ 'accept-language': 'en' })).toBe(OREBRO_NAME_EN);
  });

  it('is English when en is preferred among weighted languages', async () => {
    expect(await collaborationName({ 'accept-language': 'de, en;q=0.8, sv;q=0.5' })).toBe(OREBRO_NAME_EN);
  });

  it('is Swedish when Accept-Language asks for sv', async () => {
    expect(await collaborationName({ 'accept-language': 'sv' })).toBe(OREBRO_NAME_SV);
  });

  it('is Swedish when there is no Accept-Language header', async () => {
    expect(await collaborationName({})).toBe(OREBRO_NAME_SV);
  });

  it('is Swedish when Accept-Language asks only for a language not served (de)', async () => {
    expect(await collaborationName({ 'accept-language': 'de' })).toBe(OREBRO_NAME_SV);
  });

  it('follows the lang argument over the header', async () => {
    const query = `{ collaboration(id: "${OREBRO_COLLABORATION}") { sv: name(lang: "sv") en: name(lang: "en") } }`;
    const { body: fromEnglish } = await postGraphql({ query }, { 'accept-language': 'en' });
    const { body: fromSwedish } = await postGraphql({ query }, { 'accept-language': 'sv' });
    const expected = { collaboration: { sv: OREBRO_NAME_SV, en: OREBRO_NAME_EN } };
    expect(fromEnglish.data).toEqual(expected);
    expect(fromSwedish.data).toEqual(expected);
  });

  it('answers BAD_USER_INPUT naming the argument when lang is not a language tag, with 200 as for any field error', async () => {
    const { status, body } = await postGraphql({
      query: `{ collaboration(id: "${OREBRO_COLLABORATION}") { name(lang: "not a tag!") } }`,
    });
    expect(status).toBe(200);
    const error = body.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.extensions?.argumentName).toBe('lang');
    expect(error?.message).toContain('"lang"');
    expect(error?.message).toContain('not a tag!');
  });
});

describe('bad requests to /graphql', () => {
  describe('rejected before GraphQL runs', () => {
    it('answers 400 naming JSON when the body is malformed JSON', async () => {
      const { status, body } = await postRaw('{"query": ');
      expect(status).toBe(400);
      expect(firstMessage(body)).toMatch(/not valid JSON/);
    });

    it(`answers 413 when the body exceeds 100 kB`, async () => {
      const padding = 'x'.repeat(MAX_BODY_BYTES + 1);
      const { status, body } = await postRaw(JSON.stringify({ query: '{ __typename }', variables: { padding } }));
      expect(status).toBe(413);
      expect(firstMessage(body)).toMatch(/larger than the limit/);
    });

    it('answers 400 to a batched array of operations, as batching is off', async () => {
      const { status, body } = await postRaw(JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]));
      expect(status).toBe(400);
      expect(firstMessage(body)).toMatch(/batching/i);
    });

    it('answers 415 naming the charset when the content-type is not UTF-8', async () => {
      const { status, body } = await postRaw(JSON.stringify({ query: '{ __typename }' }), {
        'content-type': 'application/json; charset=latin1',
      });
      expect(status).toBe(415);
      expect(firstMessage(body)).toMatch(/charset/i);
    });
  });

  describe('rejected by the parser (400 to a client that takes application/graphql-response+json)', () => {
    it(`answers 400 GRAPHQL_PARSE_FAILED naming tokens when the document has over ${MAX_TOKENS} tokens`, async () => {
      const { status, body } = await postGraphql({ query: `{ ${'__typename '.repeat(MAX_TOKENS + 1)}}` }, GRAPHQL_RESPONSE_JSON);
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
      expect(firstMessage(body)).toMatch(/tokens/);
    });

    it('answers 400 GRAPHQL_PARSE_FAILED to a syntax error', async () => {
      const { status, body } = await postGraphql({ query: '{ municipality(code: "1883") { name ' }, GRAPHQL_RESPONSE_JSON);
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
      expect(firstMessage(body)).toMatch(/Syntax Error/);
    });
  });

  describe('rejected by validation (400 to a client that takes application/graphql-response+json)', () => {
    it(`answers 400 GRAPHQL_VALIDATION_FAILED naming the limit when a query is deeper than ${MAX_DEPTH}`, async () => {
      const { status, body } = await postGraphql({ query: queryOfDepth(MAX_DEPTH + 1) }, GRAPHQL_RESPONSE_JSON);
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(messages(body)).toMatch(/depth limit of 10/);
    });

    it(`runs a query exactly ${MAX_DEPTH} levels deep`, async () => {
      const { status, body } = await postGraphql({ query: queryOfDepth(MAX_DEPTH) });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
    });

    it(`answers 400 GRAPHQL_VALIDATION_FAILED naming the limit when a query has over ${MAX_ALIASES} aliases`, async () => {
      const fields = Array.from({ length: MAX_ALIASES + 1 }, (_, index) => `a${index}: counties { code }`);
      const { status, body } = await postGraphql({ query: `{ ${fields.join(' ')} }` }, GRAPHQL_RESPONSE_JSON);
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(messages(body)).toMatch(/Aliases limit of 15/i);
    });

    it(`answers 400 GRAPHQL_VALIDATION_FAILED naming the limit when a query has over ${MAX_DIRECTIVES} directives`, async () => {
      const fields = '__typename @include(if: true) '.repeat(MAX_DIRECTIVES + 1);
      const { status, body } = await postGraphql({ query: `{ ${fields}}` }, GRAPHQL_RESPONSE_JSON);
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(messages(body)).toMatch(/Directives limit of 50/i);
    });

    it('answers 400 GRAPHQL_VALIDATION_FAILED naming the limit and the estimate when the answer could hold over 100,000 values', async () => {
      // 167 characters, ten levels deep: within the depth, alias and token limits, yet 290 × 49⁴ municipalities.
      const query = '{ municipalities { county { municipalities { county { municipalities { county { municipalities { county { municipalities { name } } } } } } } } } }';
      const { status, body } = await postGraphql({ query }, GRAPHQL_RESPONSE_JSON);
      expect(status).toBe(400);
      expect(body.errors).toHaveLength(1);
      expect(body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 100_000, estimate: 1_741_450_291 });
      expect(firstMessage(body)).toMatch(/^The answer to this query could hold up to 1,741,450,291 values, over the limit of 100,000/);
    });

    it('answers 400 GRAPHQL_VALIDATION_FAILED to an unknown field, without "Did you mean" hints', async () => {
      const { status, body, text } = await postGraphqlText({ query: '{ municipality(code: "1883") { nme } }' }, GRAPHQL_RESPONSE_JSON);
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(firstMessage(body)).toMatch(/Cannot query field "nme"/);
      expect(text).not.toMatch(/Did you mean/i);
    });

    it('answers 400 to a mutation, as the schema has none', async () => {
      const { status, body } = await postGraphql({ query: 'mutation { anything }' }, GRAPHQL_RESPONSE_JSON);
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
      expect(firstMessage(body)).toMatch(/mutation/i);
    });
  });

  describe('rejected by the resolvers (BAD_USER_INPUT, a field error: 200 with data null, as the GraphQL-over-HTTP spec has it)', () => {
    it('answers BAD_USER_INPUT naming "first" when first is negative', async () => {
      const { status, body } = await postGraphql({ query: '{ organisations(first: -1) { totalCount } }' });
      expect(status).toBe(200);
      expect(body.data).toBeNull();
      expectBadUserInput(body, 'first');
    });

    it('answers BAD_USER_INPUT naming "first" when first is over 100', async () => {
      const { status, body } = await postGraphql({ query: '{ organisations(first: 1000) { totalCount } }' });
      expect(status).toBe(200);
      expect(body.data).toBeNull();
      expectBadUserInput(body, 'first');
    });

    it('answers BAD_USER_INPUT naming "after" when the cursor points at nothing', async () => {
      const { status, body } = await postGraphql({ query: '{ organisations(after: "not-a-cursor") { totalCount } }' });
      expect(status).toBe(200);
      expect(body.data).toBeNull();
      expectBadUserInput(body, 'after');
    });
  });

  it('answers 404 naming the IRI when a GET path names no resource', async () => {
    const response = await fetch(`${server.url}/no/such/route`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('https://w3id.org/kulturskola/no/such/route');
  });

  it('answers 404 JSON naming /graphql for another method on an unknown route', async () => {
    const response = await fetch(`${server.url}/no/such/route`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await response.json()) as { error: string }).error).toMatch(/\/graphql/);
  });

  it('still answers /health after all the bad requests', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { status: string }).status).toBe('ok');
  });
});

describe('unexpected errors', () => {
  let brokenServer: RunningServer;

  beforeAll(async () => {
    brokenServer = await startServer({
      graph: new StoreGraph(municipalityWithoutCounty()),
      logger: pino({ level: 'silent' }),
      host: '127.0.0.1',
      port: 0,
    });
  });

  afterAll(async () => {
    await brokenServer?.stop();
  });

  it('are masked as INTERNAL_SERVER_ERROR with a reference and no stack trace', async () => {
    const { status, body, text } = await postGraphqlText(
      { query: '{ municipality(code: "9999") { county { code } } }' },
      {},
      brokenServer,
    );
    // A field's error beside partial data is a 200 for application/json, as GraphQL over HTTP has it.
    expect(status).toBe(200);
    expect(body.data).toEqual({ municipality: null });
    const error = body.errors?.[0];
    expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error?.message).toMatch(/reference/);
    expect(error?.extensions?.reference).toEqual(expect.any(String));
    expect(text).not.toMatch(/stacktrace/i);
    expect(text).not.toMatch(/\bat .+\.(?:ts|js):\d+/);
    expect(text).not.toContain('w3id.org/kulturskola/def#county');
  });
});

// ---------------------------------------------------------------- helpers

interface GraphqlError {
  message: string;
  extensions?: { code?: string; argumentName?: string; reference?: string; stacktrace?: unknown };
}

interface GraphqlBody {
  data?: unknown;
  errors?: GraphqlError[];
}

interface Answer {
  status: number;
  body: GraphqlBody;
  text: string;
}

/** POSTs a GraphQL request as JSON. */
async function postGraphql(request: { query: string; variables?: unknown }, headers: Record<string, string> = {}): Promise<Answer> {
  return postGraphqlText(request, headers);
}

async function postGraphqlText(
  request: { query: string; variables?: unknown },
  headers: Record<string, string> = {},
  target: RunningServer = server,
): Promise<Answer> {
  return postRaw(JSON.stringify(request), headers, target);
}

/** POSTs `text` to /graphql, as JSON unless the headers say otherwise; the answer must be JSON. */
async function postRaw(text: string, headers: Record<string, string> = {}, target: RunningServer = server): Promise<Answer> {
  const response = await fetch(`${target.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: text,
  });
  expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
  const answer = await response.text();
  return { status: response.status, body: JSON.parse(answer) as GraphqlBody, text: answer };
}

function getGraphql(query: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/graphql?query=${encodeURIComponent(query)}`, { headers });
}

async function collaborationName(headers: Record<string, string>): Promise<string | undefined> {
  const { body } = await postGraphql({ query: COLLABORATION_NAME_QUERY }, headers);
  expect(body.errors).toBeUndefined();
  return (body.data as { collaboration?: { name?: string } } | undefined)?.collaboration?.name;
}

function firstMessage(body: GraphqlBody): string {
  return body.errors?.[0]?.message ?? '';
}

function messages(body: GraphqlBody): string {
  return (body.errors ?? []).map(({ message }) => message).join('\n');
}

function expectBadUserInput(body: GraphqlBody, argument: string): void {
  const error = body.errors?.[0];
  expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(error?.extensions?.argumentName).toBe(argument);
  expect(error?.message).toContain(`"${argument}"`);
}

/** A query whose deepest selection is `depth` levels deep: collaboration > (memberships > organisation)* > name. */
function queryOfDepth(depth: number): string {
  const pairs = Math.floor((depth - 2) / 2);
  let selection = depth % 2 === 0 ? 'name' : 'memberships { id }';
  for (let index = 0; index < pairs; index += 1) selection = `memberships { organisation { ${selection} } }`;
  return `{ collaboration(id: "${OREBRO_COLLABORATION}") { ${selection} } }`;
}

/** A graph with one municipality, 9999, that has a name and code but no county, which the schema declares non-null. */
function municipalityWithoutCounty(): Store {
  const municipality = namedNode('https://w3id.org/kulturskola/kommun/9999');
  return new Store([
    quad(municipality, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode('https://w3id.org/kulturskola/def#Municipality')),
    quad(municipality, namedNode('http://purl.org/dc/terms/identifier'), literal('9999')),
    quad(municipality, namedNode('http://www.w3.org/2004/02/skos/core#prefLabel'), literal('Ingenstans', 'sv')),
  ]);
}
