import { ApolloServer, HeaderMap } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Context } from '../../src/graphql/context.js';
import * as estimation from '../../src/graphql/estimateResultSize.js';
import { resultSizeLimitPlugin } from '../../src/http/resultSizeLimitPlugin.js';
import type { Graph } from '../../src/rdf/Graph.js';

vi.mock('../../src/graphql/estimateResultSize.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/graphql/estimateResultSize.js')>();
  return { ...original, estimateResultSize: vi.fn(original.estimateResultSize) };
});

/** A graph of this test's own: what its root list answers, and how often that list was read. */
interface ItemsGraph {
  items: Array<{ name: string; code: string }>;
  reads: number;
}

const schema = makeExecutableSchema<Context>({
  typeDefs: `
    type Query { hello: String, items: [Item!]!, page(first: Int): ItemConnection! }
    type Item { name: String, code: String }
    type ItemConnection { nodes: [Item!]!, totalCount: Int! }
  `,
  resolvers: {
    Query: {
      hello: () => 'hej',
      items: (_root: unknown, _args: unknown, { graph }: Context) => {
        const own = graph as unknown as ItemsGraph;
        own.reads++;
        return own.items;
      },
      page: (_root: unknown, { first }: { first?: number }, { graph }: Context) => {
        const { items } = graph as unknown as ItemsGraph;
        return { nodes: items.slice(0, first ?? 20), totalCount: items.length };
      },
    },
  },
});

/** A graph whose list of items is `length` long. */
function graphOf(length: number): Graph & ItemsGraph {
  return { items: Array.from({ length }, (_, i) => ({ name: `item ${i}`, code: String(i) })), reads: 0 } as unknown as Graph & ItemsGraph;
}

const servers: ApolloServer<Context>[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
  vi.mocked(estimation.estimateResultSize).mockClear();
});

async function serverWith(maxResultSize: number, graph?: Graph): Promise<ApolloServer<Context>> {
  const server = new ApolloServer<Context>({ schema, plugins: [resultSizeLimitPlugin(schema, maxResultSize, graph)] });
  servers.push(server);
  await server.start();
  return server;
}

interface Answer {
  status: number | undefined;
  data?: unknown;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** Runs an operation over `graph`, as HTTP would. */
async function run(server: ApolloServer<Context>, graph: Graph, query: string, { variables, operationName }: { variables?: Record<string, unknown>; operationName?: string } = {}): Promise<Answer> {
  const response = await server.executeOperation({ query, ...(variables && { variables }), ...(operationName && { operationName }) }, { contextValue: { graph, language: 'sv' } });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  const { data, errors } = response.body.singleResult;
  return { status: response.http.status, ...(data !== undefined && { data }), ...(errors && { errors: errors.map(({ message, extensions }) => ({ message, extensions })) }) } as Answer;
}

/** The refusal of an answer estimated at `size` values, over `limit`. */
function refusal(size: string, limit: string, extensions: { limit: number; estimate: number }) {
  return {
    status: 400,
    errors: [
      {
        message: `The answer to this query could hold up to ${size} values, over the limit of ${limit} (each list counts as its longest length in the data, a page as its "first"); ask for fewer nested lists, or page with "first" and "after"`,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...extensions },
      },
    ],
  };
}

// `{ items { name code } }` over 3 items: the list (1) and 3 × 2 fields, 7 values.
const ITEMS = '{ items { name code } }';

describe('resultSizeLimitPlugin', () => {
  it('runs an operation whose answer could hold as many values as the limit', async () => {
    const graph = graphOf(3);
    const answer = await run(await serverWith(7), graph, ITEMS);
    expect(answer).toEqual({ status: undefined, data: { items: graph.items } });
  });

  it('refuses before execution, with 400 GRAPHQL_VALIDATION_FAILED, an operation that could hold one value more, naming the estimate and the limit', async () => {
    const graph = graphOf(3);
    const server = await serverWith(6, graph);
    const reads = graph.reads;
    expect(await run(server, graph, ITEMS)).toEqual(refusal('7', '6', { limit: 6, estimate: 7 }));
    // The resolver never ran.
    expect(graph.reads).toBe(reads);
  });

  it('writes the numbers with thousands separators', async () => {
    // 1 + 500 × 2
    expect(await run(await serverWith(1000), graphOf(500), ITEMS)).toEqual(refusal('1,001', '1,000', { limit: 1000, estimate: 1001 }));
  });

  it('answers the refusal over HTTP with status 400 and the error alone', async () => {
    const server = await serverWith(6);
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body: { query: ITEMS } },
      context: async () => ({ graph: graphOf(3), language: 'sv' }),
    });
    expect(response.status).toBe(400);
    expect(response.body.kind === 'complete' && JSON.parse(response.body.string)).toEqual({
      errors: [{ message: expect.stringMatching(/^The answer to this query could hold up to 7 values, over the limit of 6 /), extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 6, estimate: 7 } }],
    });
  });

  it('counts each list as its longest length in the graph the request reads', async () => {
    const server = await serverWith(10);
    const small = graphOf(3);
    const large = graphOf(30);
    expect((await run(server, small, '{ items { name } }')).data).toEqual({ items: small.items.map(({ name }) => ({ name })) });
    expect(await run(server, large, '{ items { name } }')).toEqual(refusal('31', '10', { limit: 10, estimate: 31 }));
    expect((await run(server, small, '{ items { name } }')).errors).toBeUndefined();
  });

  it('counts a page as its "first", given in the document or by a variable', async () => {
    const server = await serverWith(20);
    const graph = graphOf(100);
    const query = 'query Page($first: Int) { page(first: $first) { nodes { name } } }';
    // 1 + first × (the page's list: 1 + 1)
    expect((await run(server, graph, query, { variables: { first: 9 } })).errors).toBeUndefined();
    expect(await run(server, graph, query, { variables: { first: 10 } })).toEqual(refusal('21', '20', { limit: 20, estimate: 21 }));
    expect((await run(server, graph, query, { variables: { first: 9 } })).errors).toBeUndefined();
    expect((await run(server, graph, '{ page(first: 9) { nodes { name } } }')).errors).toBeUndefined();
    expect(await run(server, graph, '{ page(first: 10) { nodes { name } } }')).toEqual(refusal('21', '20', { limit: 20, estimate: 21 }));
    // No `first`: a page of 20.
    expect(await run(server, graph, query, { variables: {} })).toEqual(refusal('41', '20', { limit: 20, estimate: 41 }));
    expect(await run(server, graph, query)).toEqual(refusal('41', '20', { limit: 20, estimate: 41 }));
  });

  it('estimates the operation the request names, of several in a document', async () => {
    const server = await serverWith(6);
    const graph = graphOf(3);
    const document = `query Small { hello } query Big ${ITEMS}`;
    expect(await run(server, graph, document, { operationName: 'Small' })).toEqual({ status: undefined, data: { hello: 'hej' } });
    expect(await run(server, graph, document, { operationName: 'Big' })).toEqual(refusal('7', '6', { limit: 6, estimate: 7 }));
    expect(await run(server, graph, document, { operationName: 'Small' })).toEqual({ status: undefined, data: { hello: 'hej' } });
  });

  it('estimates an operation without variables once per document and graph', async () => {
    const server = await serverWith(6);
    const estimate = vi.mocked(estimation.estimateResultSize);
    const [first, second] = [graphOf(3), graphOf(3)];
    for (let i = 0; i < 3; i++) {
      expect(await run(server, first, ITEMS)).toEqual(refusal('7', '6', { limit: 6, estimate: 7 }));
      await run(server, first, '{ hello }', { variables: {} });
    }
    expect(estimate).toHaveBeenCalledTimes(2);
    await run(server, second, ITEMS);
    expect(estimate).toHaveBeenCalledTimes(3);
    await run(server, first, 'query Page($first: Int) { page(first: $first) { totalCount } }', { variables: { first: 1 } });
    await run(server, first, 'query Page($first: Int) { page(first: $first) { totalCount } }', { variables: { first: 1 } });
    expect(estimate).toHaveBeenCalledTimes(5);
  });

  it('leaves variables of the wrong type to execution, which names them', async () => {
    const answer = await run(await serverWith(1), graphOf(3), 'query Page($first: Int) { page(first: $first) { totalCount } }', { variables: { first: 'many' } });
    expect(answer.status).toBe(400);
    expect(answer.errors).toEqual([{ message: 'Variable "$first" got invalid value "many"; Int cannot represent non-integer value: "many"', extensions: { code: 'BAD_USER_INPUT' } }]);
  });

  it('refuses a document with more selections than can be measured, naming the limit but no estimate', async () => {
    // 10 × 10 × 10 × 10 fields once the fragments are spread.
    const spreads = (name: string) => Array.from({ length: 10 }, () => `...${name}`).join(' ');
    const query = `{ ...F3 } fragment F3 on Query { ${spreads('F2')} } fragment F2 on Query { ${spreads('F1')} } fragment F1 on Query { ${spreads('F0')} } fragment F0 on Query { ${'hello '.repeat(10)}}`;
    expect(await run(await serverWith(100_000), graphOf(3), query)).toStrictEqual({
      status: 400,
      errors: [{ message: 'The query has more selections than can be measured, fragments counted where they are spread', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 100_000 } }],
    });
  });

  it('measures the list sizes of the graph it is given as the server starts, not at the first request', async () => {
    const graph = graphOf(3);
    const server = await serverWith(6, graph);
    const measured = graph.reads;
    expect(measured).toBeGreaterThan(0);
    expect(await run(server, graph, ITEMS)).toEqual(refusal('7', '6', { limit: 6, estimate: 7 }));
    expect(graph.reads).toBe(measured);
  });

  it('without a graph, starts without measuring and measures the graph of the first request', async () => {
    const graph = graphOf(3);
    const server = await serverWith(6);
    expect(graph.reads).toBe(0);
    expect(await run(server, graph, ITEMS)).toEqual(refusal('7', '6', { limit: 6, estimate: 7 }));
    expect(graph.reads).toBeGreaterThan(0);
  });
});
