import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/startServer.js';
import { startShippedServer } from '../support/startShippedServer.js';
import { sendRequest, type RawAnswer, type WireRequest } from '../support/sendRaw.js';

/** Fixed, so that a failure is the same failure on every run and every machine. */
const SEED = 20_261_130;
const NUM_RUNS = 200;
const RUNS = { seed: SEED, numRuns: NUM_RUNS, endOnFailure: true } as const;

const JSON_TYPE = { 'content-type': 'application/json' };

let server: RunningServer;

beforeAll(async () => {
  ({ server } = await startShippedServer());
});

afterAll(async () => {
  await server?.stop();
});

// After every property, the server must still answer a normal query.
afterEach(async () => {
  const answer = await send({ method: 'POST', path: '/graphql', headers: JSON_TYPE, body: JSON.stringify({ query: '{ municipality(code: "1883") { name } }' }) });
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.text)).toEqual({ data: { municipality: { name: 'Karlskoga' } } });
  expect((await send({ method: 'GET', path: '/health' })).status).toBe(200);
});

describe('POST /graphql', () => {
  it('answers an arbitrary string as the document with 200 or 400, never a 5xx', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 300 }), async (document) => expectStatusIn(await postGraphql({ query: document }), [200, 400])), RUNS);
  });

  it('answers an arbitrary Unicode string as the document with 200 or 400, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (document) => expectStatusIn(await postGraphql({ query: document }), [200, 400])),
      RUNS,
    );
  });

  it('answers a generated document over the schema, with arbitrary arguments and variables, with 200 or 400, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(graphqlDocument(), fc.option(fc.dictionary(fc.constantFrom('v', 'id', 'first'), fc.jsonValue({ maxDepth: 3 }))), async (document, variables) =>
        expectStatusIn(await postGraphql({ query: document, ...(variables !== null && { variables }) }), [200, 400]),
      ),
      RUNS,
    );
  });

  it('answers an arbitrary string as node(id:) with 200 or 400, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), iriLike()), async (id) =>
        expectStatusIn(await postGraphql({ query: 'query Node($id: ID!) { node(id: $id) { id } }', variables: { id } }), [200, 400]),
      ),
      RUNS,
    );
  });
});

describe('Accept headers', () => {
  it('on a resource path: 200, 400 or 406 for an arbitrary Accept, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(acceptHeader(), async (accept) => expectStatusIn(await send({ method: 'GET', path: '/kommun/1883', headers: { accept } }), [200, 400, 406])),
      RUNS,
    );
  });

  it('on /sparql: 200, 400 or 406 for an arbitrary Accept, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(acceptHeader(), async (accept) =>
        expectStatusIn(await send({ method: 'GET', path: `/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`, headers: { accept } }), [200, 400, 406]),
      ),
      RUNS,
    );
  });
});

describe('POST /sparql', () => {
  it('answers an arbitrary string as the query with 200 or 400, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 })), async (query) =>
        expectStatusIn(await send({ method: 'POST', path: '/sparql', headers: { 'content-type': 'application/sparql-query' }, body: query }), [200, 400]),
      ),
      RUNS,
    );
  });

  it('answers a soup of SPARQL tokens with 200 or 400, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(sparqlTokenSoup(), async (query) =>
        expectStatusIn(await send({ method: 'POST', path: '/sparql', headers: { 'content-type': 'application/sparql-query' }, body: query }), [200, 400]),
      ),
      RUNS,
    );
  });
});

describe('resource paths', () => {
  it('answers an arbitrary string as a path with 200, 400, 404 or 414, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 100 }), fc.string({ unit: 'binary', maxLength: 100 })), async (text) =>
        expectStatusIn(await send({ method: 'GET', path: `/${text.replace(/[\s\u0000]/g, encodeURIComponent)}` }), [200, 400, 404, 414]),
      ),
      RUNS,
    );
  });

  it('answers an arbitrary percent-encoded string under /kommun/ with 200, 400 or 404, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 100 }), async (text) =>
        expectStatusIn(await send({ method: 'GET', path: `/kommun/${encodeURIComponent(text)}` }), [200, 400, 404]),
      ),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------- helpers

function send(request: WireRequest): Promise<RawAnswer> {
  return sendRequest(server.url, request);
}

function postGraphql(body: Record<string, unknown>): Promise<RawAnswer> {
  return send({ method: 'POST', path: '/graphql', headers: JSON_TYPE, body: JSON.stringify(body) });
}

/** Fails with the answer in the message, so that fast-check's counterexample shows what the server said. */
function expectStatusIn(answer: RawAnswer, statuses: readonly number[]): void {
  if (!statuses.includes(answer.status)) throw new Error(`answered ${answer.status}, expected one of ${statuses.join(', ')}: ${answer.text.slice(0, 300)}`);
}

/** Accept values: arbitrary text, and lists of media ranges with arbitrary parameters and q-values. */
function acceptHeader(): fc.Arbitrary<string> {
  const token = fc.oneof(fc.constantFrom('*', 'text', 'application', 'turtle', 'html', 'ld+json', 'sparql-results+json', 'n-quads', 'x'), fc.string({ maxLength: 8 }));
  const q = fc.oneof(fc.double().map(String), fc.constantFrom('1', '0', '0.5', '1.0001', '-1', 'abc', ''), fc.string({ maxLength: 4 }));
  const range = fc.tuple(token, token, fc.option(q), fc.option(fc.tuple(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })))).map(
    ([type, subtype, weight, parameter]) => `${type}/${subtype}${parameter ? `;${parameter[0]}=${parameter[1]}` : ''}${weight !== null ? `;q=${weight}` : ''}`,
  );
  // A header value cannot carry CR or LF: those would end the header, which the raw-HTTP corpus covers.
  return fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }), fc.array(range, { maxLength: 6 }).map((ranges) => ranges.join(', '))).map((value) =>
    value.replace(/[\r\n]/g, ' '),
  );
}

/** Strings that look like our IRIs, with a damaged tail. */
function iriLike(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom('https://w3id.org/kulturskola/', 'http://w3id.org/kulturskola/', 'urn:x:', '', 'kg:'), fc.constantFrom('kommun/', 'lan/', 'samverkan/', ''), fc.string({ unit: 'binary', maxLength: 20 }))
    .map((parts) => parts.join(''));
}

/**
 * GraphQL documents built from the schema's own field names (and a few it
 * lacks), with aliases, arguments of any type, directives, inline fragments,
 * named fragments and operation headers: most parse, many validate, some run.
 * Nesting stays within 6 levels of 3 fields; the result-size limit refuses the large ones.
 */
function graphqlDocument(): fc.Arbitrary<string> {
  const fieldName = fc.constantFrom(
    'municipalities', 'municipality', 'county', 'counties', 'code', 'name', 'id', 'node', 'organisations', 'nodes', 'edges', 'cursor',
    'totalCount', 'pageInfo', 'endCursor', 'memberships', 'organisation', 'member', 'role', 'collaboration', 'collaborations', 'members',
    'regions', 'projects', 'grants', 'funders', '__typename', '__schema', '__type', 'types', 'nope',
  );
  const argumentName = fc.constantFrom('id', 'code', 'first', 'after', 'lang', 'filter', 'role', 'name', 'if', 'x');
  const value = fc.oneof(
    fc.string({ maxLength: 30 }).map((text) => JSON.stringify(text)),
    fc.integer().map(String),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    fc.constantFrom('true', 'false', 'null', 'MUNICIPALITY', '$v', '$id', '$first', '"1883"', '"18"', '"https://w3id.org/kulturskola/kommun/1883"', '{ county: "18", type: PROJECT }', '[1, "a"]', '"""block"""', '100', '101', '-1'),
  );
  const argumentsOf = fc.option(fc.array(fc.tuple(argumentName, value), { minLength: 1, maxLength: 3 }).map((pairs) => `(${pairs.map(([name, text]) => `${name}: ${text}`).join(', ')})`));
  const alias = fc.option(fc.constantFrom('a', 'b', 'c', 'x1', '__typename'));
  const directive = fc.option(fc.tuple(fc.constantFrom('@include', '@skip', '@deprecated', '@nope'), fc.constantFrom('(if: true)', '(if: false)', '(if: $v)', '', '(reason: "x")')).map((parts) => ` ${parts.join('')}`));
  const { selectionSet } = fc.letrec<{ selectionSet: string; selection: string }>((tie) => ({
    selectionSet: fc.array(tie('selection'), { minLength: 1, maxLength: 3 }).map((selections) => `{ ${selections.join(' ')} }`),
    selection: fc.oneof(
      { depthSize: 'small', maxDepth: 6 },
      fc
        .tuple(alias, fieldName, argumentsOf, directive, fc.option(tie('selectionSet'), { depthSize: 'small', maxDepth: 6 }))
        .map(([name, field, args, at, set]) => `${name ? `${name}: ` : ''}${field}${args ?? ''}${at ?? ''}${set ? ` ${set}` : ''}`),
      fc.tuple(fc.constantFrom('Municipality', 'County', 'Collaboration', 'Organisation', 'Node', 'Query', 'Nope'), tie('selectionSet')).map(([type, set]) => `... on ${type} ${set}`),
      fc.constantFrom('...F', '...G'),
    ),
  }));
  const header = fc.constantFrom('', 'query ', 'query Q ', 'query Q($v: Boolean) ', 'query Q($id: ID!, $first: Int) ', 'mutation ', 'subscription ', 'query Q($v: Nope) ');
  const fragment = fc.option(fc.tuple(fc.constantFrom('F', 'G'), fc.constantFrom('Query', 'Municipality', 'Node'), selectionSet).map(([name, type, set]) => ` fragment ${name} on ${type} ${set}`));
  return fc.tuple(header, selectionSet, fragment).map(([head, set, tail]) => `${head}${set}${tail ?? ''}`);
}

/** Up to 12 SPARQL keywords, variables, terms and punctuation in any order. */
function sparqlTokenSoup(): fc.Arbitrary<string> {
  const token = fc.constantFrom(
    'SELECT', 'ASK', 'CONSTRUCT', 'DESCRIBE', 'WHERE', '*', '{', '}', '(', ')', '[', ']', '?s', '?p', '?o', '?x', '<urn:x:a>',
    '<https://w3id.org/kulturskola/kommun/1883>', '"x"', '"x"@sv', '1', 'FILTER', 'BIND', 'AS', 'CONCAT', 'REGEX', 'STR', '||', '&&', '+', '/', '*',
    '^', '|', 'GRAPH', 'OPTIONAL', 'UNION', 'MINUS', 'VALUES', 'LIMIT', 'OFFSET', 'ORDER BY', 'GROUP BY', 'COUNT', 'PREFIX', 'a', ';', ',', '.',
    'SERVICE', 'INSERT', 'DELETE', 'DATA', 'LOAD', 'CLEAR', 'FROM', 'NAMED', '#',
  );
  return fc.array(token, { maxLength: 12 }).map((tokens) => tokens.join(' '));
}
