import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApolloServer } from '../../src/http/createApolloServer.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { MemoizedGraph } from '../../src/rdf/MemoizedGraph.js';
import { shippedGraph } from '../support/executeQuery.js';

const OREBRO = 'https://w3id.org/kulturskola/samverkan/orebro-lan';

/**
 * Operations of every shape the API meets: fields with and without
 * arguments, variables (given, defaulted, missing, of the wrong type),
 * fragments on interfaces and types, aliases, @skip/@include, __typename,
 * introspection, nulls, resolver errors and client errors.
 */
const operations: Array<[string, { query: string; variables?: Record<string, unknown>; operationName?: string }]> = [
  ['a municipality with memberships', { query: '{ municipality(code: "1883") { id name code county { code name } memberships { role { name } organisation { name } } } }' }],
  ['the collaboration page', { query: `{ collaboration(id: "${OREBRO}") { id name description homepage pages regions { code name } members { role { id name } member { id name ... on Municipality { code } } } administrativePrincipal { name } purpose { name } vision { name description } goals { id name description position } grants { id name funders { name } period { start end } recipient { name } } financing { id } projects { id name period { start end } themes { name } regions { code } } linkedOrganisations { id name } memberOrganisations { name } } }` }],
  ['English names by argument', { query: `{ collaboration(id: "${OREBRO}") { sv: name(lang: "sv") en: name(lang: "en") description(lang: "en") } }` }],
  ['a bad lang argument', { query: `{ collaboration(id: "${OREBRO}") { name(lang: "not a tag!") } }` }],
  ['variables', { query: 'query Place($code: String!, $county: String!) { municipality(code: $code) { name } county(code: $county) { name municipalities { code } } }', variables: { code: '1880', county: '18' } }],
  ['a missing variable', { query: 'query Place($code: String!) { municipality(code: $code) { name } }', variables: {} }],
  ['a variable of the wrong type', { query: 'query Page($first: Int) { organisations(first: $first) { totalCount } }', variables: { first: 'many' } }],
  ['a defaulted variable', { query: 'query Page($first: Int = 3) { organisations(first: $first) { totalCount nodes { name } } }' }],
  ['an input object variable', { query: 'query Page($filter: OrganisationFilter) { organisations(filter: $filter, first: 5) { totalCount nodes { __typename name } } }', variables: { filter: { type: 'MUNICIPALITY', county: '18' } } }],
  ['an enum of the wrong value', { query: 'query Page($filter: OrganisationFilter) { organisations(filter: $filter) { totalCount } }', variables: { filter: { type: 'CITY' } } }],
  ['pages and cursors', { query: '{ organisations(first: 3) { totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }' }],
  ['a bad cursor', { query: '{ organisations(after: "not-a-cursor") { totalCount } }' }],
  ['first over the limit', { query: '{ organisations(first: 1000) { totalCount } }' }],
  ['a node of every kind, through fragments', { query: `{ a: node(id: "${OREBRO}") { ...Named } b: node(id: "https://w3id.org/kulturskola/kommun/1883") { ...Named } c: node(id: "https://w3id.org/kulturskola/lan/18") { __typename id ... on County { code } } d: node(id: "https://w3id.org/kulturskola/nothing") { id } } fragment Named on Organisation { __typename id name memberships { id } }` }],
  ['@skip and @include', { query: 'query Flags($yes: Boolean!, $no: Boolean!) { municipality(code: "1883") { name @include(if: $yes) code @skip(if: $yes) county @include(if: $no) { name } ... on Municipality @skip(if: $no) { id } } }', variables: { yes: true, no: false } }],
  ['several operations, one chosen by name', { query: 'query A { counties { code } } query B { municipalities { code } }', operationName: 'B' }],
  ['an operation name the document lacks', { query: 'query A { counties { code } }', operationName: 'B' }],
  ['several operations, none chosen', { query: 'query A { counties { code } } query B { municipalities { code } }' }],
  ['introspection', { query: '{ __schema { queryType { name } types { name kind } } __type(name: "Organisation") { possibleTypes { name } fields { name args { name } } } }' }],
  ['the list page with nested members', { query: '{ organisations(filter: { type: COLLABORATION }, first: 20) { nodes { id name ... on Collaboration { members { role { name } member { name ... on Municipality { code } } } } } } }' }],
  ['a deep relationship', { query: `{ collaboration(id: "${OREBRO}") { name members { member { name ... on Municipality { county { name municipalities { name memberships { organisation { name } } } } } } } } }` }],
  ['fragment spreads under @include and @skip', { query: 'query F($yes: Boolean!) { organisations(first: 5) { nodes { ...N @include(if: $yes) ... on Municipality @skip(if: $yes) { code } ...N @skip(if: $yes) } } } fragment N on Organisation { name id }', variables: { yes: true } }],
  ['every list of the root', { query: '{ collaborations { name } projects { name } grants { id } counties { code name } }' }],
];

describe('compiled execution (graphql-jit)', () => {
  let graph: Graph;
  const compiled = createApolloServer({ logger: pino({ level: 'silent' }) });
  const interpreted = createApolloServer({ logger: pino({ level: 'silent' }), execution: 'interpreted' });

  beforeAll(async () => {
    graph = await shippedGraph();
  });

  it.each(operations)('answers %s exactly as graphql-js does', async (_name, request) => {
    for (const language of ['sv', 'en']) {
      const [fromCompiled, fromInterpreted] = await Promise.all(
        [compiled, interpreted].map((server) => server.executeOperation(request, { contextValue: { graph, language } })),
      );
      expect(JSON.stringify(fromCompiled!.body)).toBe(JSON.stringify(fromInterpreted!.body));
      expect(fromCompiled!.http.status).toBe(fromInterpreted!.http.status);
    }
  });

  it('answers a resolver error as graphql-js does, masked with a reference', async () => {
    // Over a Graph of its own, so that nothing the resolvers keep per Graph (see cachedPerGraph) answers in its place.
    const broken: Graph = new Proxy(new MemoizedGraph(graph), {
      get: (target, property, receiver) =>
        property === 'literals' ? () => { throw new Error('store unavailable'); } : Reflect.get(target, property, receiver),
    });
    const query = '{ municipality(code: "1883") { id name } }';
    const [fromCompiled, fromInterpreted] = await Promise.all(
      [compiled, interpreted].map((server) => server.executeOperation({ query }, { contextValue: { graph: broken, language: 'sv' } })),
    );
    const withoutReference = (body: unknown) => JSON.stringify(body).replace(/reference [\w-]+\)/g, 'reference)').replace(/"reference":"[\w-]+"/g, '"reference":""');
    expect(withoutReference(fromCompiled!.body)).toBe(withoutReference(fromInterpreted!.body));
    expect(JSON.stringify(fromCompiled!.body)).toMatch(/INTERNAL_SERVER_ERROR/);
    expect(JSON.stringify(fromCompiled!.body)).not.toMatch(/store unavailable/);
  });
});
