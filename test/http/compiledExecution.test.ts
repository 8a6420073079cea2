import { ApolloServer } from '@apollo/server';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { getOperationAST, GraphQLError, parse, printSchema } from 'graphql';
import * as jit from 'graphql-jit';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { compiledExecution } from '../../src/http/compiledExecution.js';

vi.mock('graphql-jit', async (importOriginal) => {
  const original = await importOriginal<typeof import('graphql-jit')>();
  return { ...original, compileQuery: vi.fn(original.compileQuery) };
});

interface Context {
  calls: string[];
}

const schema = makeExecutableSchema<Context>({
  typeDefs: `
    type Query { hello: String, count(n: Int!): Int, total(ns: [Int!]): Int, plain: String, coded: String, items: [Item!]! }
    type Item { name: String, broken: String }
  `,
  resolvers: {
    Query: {
      hello: (_root: unknown, _args: unknown, { calls }: Context) => {
        calls.push('hello');
        return 'hej';
      },
      count: (_root: unknown, { n }: { n: number }) => n,
      total: (_root: unknown, { ns }: { ns: number[] | null }) => (ns ?? []).reduce((sum, n) => sum + n, 0),
      plain: () => {
        throw new Error('boom');
      },
      coded: () => {
        throw new GraphQLError('mine', { extensions: { code: 'MINE' } });
      },
      items: () => [{ name: 'a' }, { name: 'b' }],
    },
    Item: {
      broken: () => {
        throw new Error('item broke');
      },
    },
  },
});

let apollo: ApolloServer<Context>;

beforeAll(async () => {
  apollo = new ApolloServer<Context>({ gateway: compiledExecution(schema) });
  await apollo.start();
});

afterAll(async () => {
  await apollo?.stop();
});

beforeEach(() => {
  vi.mocked(jit.compileQuery).mockClear();
});

/** The status and the answer, as JSON (whose key order shows), of an operation run by Apollo Server. */
async function run(query: string, { variables, operationName }: { variables?: Record<string, unknown>; operationName?: string } = {}) {
  const calls: string[] = [];
  const response = await apollo.executeOperation({ query, ...(variables && { variables }), ...(operationName && { operationName }) }, { contextValue: { calls } });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { status: response.http.status, json: JSON.stringify(response.body.singleResult), calls };
}

/** The gateway's executor alone, run on `query` as Apollo Server calls it. */
async function execute(query: string, variables?: Record<string, unknown>, operationName?: string) {
  const { executor } = await compiledExecution(schema).load({ apollo: { keyHash: undefined, graphRef: undefined, key: undefined, graphId: undefined } } as never);
  if (executor === null) throw new Error('the gateway gave no executor');
  const document = parse(query);
  const operation = getOperationAST(document, operationName) ?? undefined;
  return executor(
    {
      document,
      operation,
      operationName: operation?.name?.value ?? null,
      request: { query, ...(variables && { variables }), ...(operationName && { operationName }) },
      context: { calls: [] },
    } as unknown as GatewayGraphQLRequestContext,
  );
}

describe('compiledExecution', () => {
  it('serves the schema it is given, introspection included', async () => {
    let loaded: unknown;
    const unsubscribe = compiledExecution(schema).onSchemaLoadOrUpdate((update) => (loaded = update));
    expect(loaded).toEqual({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
    expect((loaded as { apiSchema: unknown }).apiSchema).toBe(schema);
    expect(typeof unsubscribe).toBe('function');
    expect((await run('{ __type(name: "Item") { fields { name } } }')).json).toBe('{"data":{"__type":{"fields":[{"name":"name"},{"name":"broken"}]}}}');
  });

  it('answers an operation the schema has no root type for with the compiler’s message and no data, not a generic server error', async () => {
    const { status, json } = await run('mutation { hello }');
    expect(json).toBe('{"errors":[{"message":"No root type for operation mutation","extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":null}');
    expect(status).toBeUndefined();
  });

  it('answers with the resolvers of the schema', async () => {
    expect(await run('{ hello count(n: 4) items { name } }')).toEqual({ status: undefined, json: '{"data":{"hello":"hej","count":4,"items":[{"name":"a"},{"name":"b"}]}}', calls: ['hello'] });
  });

  it('answers a resolver error as graphql-js does: errors first, then data, an error without a code counted as the server’s', async () => {
    expect((await run('{ hello plain coded }')).json).toBe(
      '{"errors":[{"message":"boom","locations":[{"line":1,"column":9}],"path":["plain"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}},' +
        '{"message":"mine","locations":[{"line":1,"column":15}],"path":["coded"],"extensions":{"code":"MINE"}}],' +
        '"data":{"hello":"hej","plain":null,"coded":null}}',
    );
    expect((await run('{ items { broken } }')).json).toBe(
      '{"errors":[{"message":"item broke","locations":[{"line":1,"column":11}],"path":["items",0,"broken"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}},' +
        '{"message":"item broke","locations":[{"line":1,"column":11}],"path":["items",1,"broken"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],' +
        '"data":{"items":[{"broken":null},{"broken":null}]}}',
    );
  });

  it("answers variables graphql-js refuses with graphql-js's own error and Apollo's 400 BAD_USER_INPUT, running nothing", async () => {
    expect(await run('query Q($n: Int!) { hello count(n: $n) }')).toEqual({
      status: 400,
      json: '{"errors":[{"message":"Variable \\"$n\\" of required type \\"Int!\\" was not provided.","locations":[{"line":1,"column":9}],"extensions":{"code":"BAD_USER_INPUT"}}]}',
      calls: [],
    });
    expect(await run('query Q($n: Int!) { hello count(n: $n) }', { variables: { n: 'many' } })).toEqual({
      status: 400,
      json: '{"errors":[{"message":"Variable \\"$n\\" got invalid value \\"many\\"; Int cannot represent non-integer value: \\"many\\"","locations":[{"line":1,"column":9}],"extensions":{"code":"BAD_USER_INPUT"}}]}',
      calls: [],
    });
  });

  it("stops at graphql-js's 50 variable errors, the last saying the limit was reached, as graphql-js does", async () => {
    const { status, json, calls } = await run('query T($ns: [Int!]) { hello total(ns: $ns) }', { variables: { ns: Array.from({ length: 60 }, (_, i) => `x${i}`) } });
    const errors = (JSON.parse(json) as { errors: Array<{ message: string; extensions: { code: string } }> }).errors;
    expect(status).toBe(400);
    expect(calls).toEqual([]);
    expect(errors).toHaveLength(51);
    expect(errors[0]!.message).toBe('Variable "$ns" got invalid value "x0" at "ns[0]"; Int cannot represent non-integer value: "x0"');
    expect(errors[49]!.message).toBe('Variable "$ns" got invalid value "x49" at "ns[49]"; Int cannot represent non-integer value: "x49"');
    expect(errors[50]!.message).toBe('Too many errors processing variables, error limit reached. Execution aborted.');
    expect(new Set(errors.slice(0, 50).map((error) => error.extensions.code))).toEqual(new Set(['BAD_USER_INPUT']));
    expect((await run('query T($ns: [Int!]) { total(ns: $ns) }', { variables: { ns: [1, 2, 3] } })).json).toBe('{"data":{"total":6}}');
  });

  it('takes the variables given, or their defaults when none are', async () => {
    expect((await run('query Q($n: Int!) { count(n: $n) }', { variables: { n: 7 } })).json).toBe('{"data":{"count":7}}');
    expect((await run('query Q($n: Int = 3) { count(n: $n) }')).json).toBe('{"data":{"count":3}}');
    expect((await run('query Q($n: Int = 3) { count(n: $n) }', { variables: { n: 5 } })).json).toBe('{"data":{"count":5}}');
  });

  it('answers a document whose operation cannot be chosen as graphql-js does', async () => {
    const document = 'query A { hello } query B { count(n: 1) }';
    expect(await run(document)).toEqual({ status: 400, json: '{"errors":[{"message":"Must provide operation name if query contains multiple operations.","extensions":{"code":"OPERATION_RESOLUTION_FAILURE"}}]}', calls: [] });
    expect(await run(document, { operationName: 'C' })).toEqual({ status: 400, json: '{"errors":[{"message":"Unknown operation named \\"C\\".","extensions":{"code":"OPERATION_RESOLUTION_FAILURE"}}]}', calls: [] });
  });

  it('runs the operation the request names, each of the same document in turn', async () => {
    const document = 'query A { hello } query B { count(n: 1) }';
    expect((await run(document, { operationName: 'B' })).json).toBe('{"data":{"count":1}}');
    expect((await run(document, { operationName: 'A' })).json).toBe('{"data":{"hello":"hej"}}');
    expect((await run(document, { operationName: 'B' })).json).toBe('{"data":{"count":1}}');
    expect((await run('{ count(n: 2) }')).json).toBe('{"data":{"count":2}}');
  });

  it('follows @skip and @include by their variables, on fields and fragments, each time', async () => {
    const query = 'query F($yes: Boolean!) { ...N @include(if: $yes) ... on Query @skip(if: $yes) { count(n: 2) } } fragment N on Query { hello }';
    expect((await run(query, { variables: { yes: true } })).json).toBe('{"data":{"hello":"hej"}}');
    expect((await run(query, { variables: { yes: false } })).json).toBe('{"data":{"count":2}}');
    expect((await run(query, { variables: { yes: true } })).json).toBe('{"data":{"hello":"hej"}}');
  });

  it('compiles each operation of a document once, with path-based @skip and @include', async () => {
    const compile = vi.mocked(jit.compileQuery);
    const document = 'query C1 { hello } query C2 { count(n: 3) }';
    for (let i = 0; i < 3; i++) {
      await run(document, { operationName: 'C1' });
      await run(document, { operationName: 'C2' });
      await run('query ($n: Int!) { count(n: $n) }', { variables: { n: i } });
    }
    expect(compile).toHaveBeenCalledTimes(3);
    expect(compile.mock.calls.map(([, , name, options]) => [name, options])).toEqual([
      ['C1', { useExperimentalPathBasedSkipInclude: true }],
      ['C2', { useExperimentalPathBasedSkipInclude: true }],
      [undefined, { useExperimentalPathBasedSkipInclude: true }],
    ]);
  });

  describe('its executor', () => {
    it('answers data alone when nothing failed', async () => {
      const result = await execute('{ count(n: 1) }');
      expect(Object.keys(result)).toEqual(['data']);
      expect(result.data).toEqual({ count: 1 });
    });

    it('answers errors before data, each a GraphQLError with extensions (empty when the resolver gave none)', async () => {
      const result = await execute('{ plain coded }');
      expect(Object.keys(result)).toEqual(['errors', 'data']);
      expect(result.data).toEqual({ plain: null, coded: null });
      const [plain, coded] = result.errors!;
      expect(plain).toBeInstanceOf(GraphQLError);
      expect(plain!.extensions).toEqual({});
      expect(plain!.message).toBe('boom');
      expect(plain!.path).toEqual(['plain']);
      expect(plain!.locations).toEqual([{ line: 1, column: 3 }]);
      expect(plain!.originalError?.message).toBe('boom');
      expect(coded!.extensions).toEqual({ code: 'MINE' });
    });

    it('answers variables graphql-js refuses with its errors alone', async () => {
      const result = await execute('query Q($n: Int!, $m: Int!) { count(n: $n) }', { n: 'x' });
      expect(Object.keys(result)).toEqual(['errors']);
      expect(result.errors!.map((error) => error.message)).toEqual([
        'Variable "$n" got invalid value "x"; Int cannot represent non-integer value: "x"',
        'Variable "$m" of required type "Int!" was not provided.',
      ]);
    });
  });
});
