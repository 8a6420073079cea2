import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlOverHttpStatusPlugin } from '../../src/http/graphqlOverHttpStatusPlugin.js';

const typeDefs = 'type Query { hello: String, failing(status: Int!): String, required(status: Int!): String!, count(n: Int!): Int } type Mutation { bump: Int }';

/** A field error that asks for `status`, as an error thrown by a resolver may. */
const fieldError = (status: number) => new GraphQLError('the field failed', { extensions: { code: 'FIELD_FAILED', http: { status } } });

/** Refuses the operation before execution, with the status that `extensions.refuseWith` names: a request error as a limit makes one. */
const refusing: ApolloServerPlugin = {
  async requestDidStart({ request }) {
    const status = request.extensions?.refuseWith;
    if (typeof status !== 'number') return;
    return {
      async didResolveOperation() {
        throw new GraphQLError('refused', { extensions: { code: 'REFUSED', http: { status } } });
      },
    };
  },
};

/** Accept headers whose answer Apollo makes application/json, and those it makes application/graphql-response+json. */
const TAKES_JSON = [undefined, '', '*/*', 'application/json', 'application/json, application/graphql-response+json', 'application/graphql-response+json;q=0.5, application/json'];
const TAKES_GRAPHQL_RESPONSE_JSON = ['application/graphql-response+json', 'application/graphql-response+json, application/json', 'application/json;q=0.5, application/graphql-response+json', 'application/*;q=0.5, application/graphql-response+json'];

/** Request errors: no `data`, Apollo's 400. */
const REQUEST_ERRORS: Array<[string, Record<string, unknown>]> = [
  ['a document that does not parse', { query: '{ hello' }],
  ['a document that does not validate', { query: '{ nope }' }],
  ['variables that do not coerce', { query: 'query Q($n: Int!) { count(n: $n) }', variables: { n: 'many' } }],
  ['an operation that cannot be chosen', { query: 'query A { hello } query B { hello }' }],
  ['a refusal before execution', { query: '{ hello }', extensions: { refuseWith: 400 } }],
];

let apollo: ApolloServer;

beforeAll(async () => {
  apollo = new ApolloServer({
    typeDefs,
    resolvers: {
      Query: {
        hello: () => 'hej',
        failing: (_: unknown, { status }: { status: number }) => { throw fieldError(status); },
        required: (_: unknown, { status }: { status: number }) => { throw fieldError(status); },
        count: (_: unknown, { n }: { n: number }) => n,
      },
    },
    plugins: [refusing, graphqlOverHttpStatusPlugin()],
  });
  await apollo.start();
});

afterAll(async () => {
  await apollo?.stop();
});

/** The status and content type of an HTTP request to the server. */
async function send(body: Record<string, unknown>, accept: string | undefined, method: 'GET' | 'POST' = 'POST'): Promise<{ status: number | undefined; type: string | undefined; errors: unknown }> {
  const headers = new HeaderMap([['content-type', 'application/json'], ['apollo-require-preflight', 'true']]);
  if (accept !== undefined) headers.set('accept', accept);
  const search = method === 'GET' ? `?${new URLSearchParams(Object.entries(body).map(([name, value]): [string, string] => [name, String(value)]))}` : '';
  const answer = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method, headers, search, body: method === 'GET' ? undefined : body }, context: async () => ({}) });
  const text = answer.body.kind === 'complete' ? answer.body.string : '';
  return { status: answer.status, type: answer.headers.get('content-type'), errors: (JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.map((error) => error.extensions?.code) };
}

describe('graphqlOverHttpStatusPlugin', () => {
  it('leaves a success with the status Apollo gives it (none, so 200)', async () => {
    expect(await send({ query: '{ hello }' }, undefined)).toEqual({ status: undefined, type: 'application/json; charset=utf-8', errors: undefined });
    expect(await send({ query: '{ hello }' }, 'application/graphql-response+json')).toEqual({ status: undefined, type: 'application/graphql-response+json; charset=utf-8', errors: undefined });
  });

  it('answers 200 to a field error, whose answer has data, whatever the media type', async () => {
    for (const accept of [undefined, 'application/graphql-response+json']) {
      expect(await send({ query: '{ hello failing(status: 418) }' }, accept)).toMatchObject({ status: 200, errors: ['FIELD_FAILED'] });
      expect(await send({ query: '{ failing(status: 400) }' }, accept)).toMatchObject({ status: 200, errors: ['FIELD_FAILED'] });
      expect(await send({ query: '{ failing(status: 499) }' }, accept)).toMatchObject({ status: 200, errors: ['FIELD_FAILED'] });
      // A non-null field: `data` is null, but execution ran.
      expect(await send({ query: '{ required(status: 404) }' }, accept)).toMatchObject({ status: 200, errors: ['FIELD_FAILED'] });
    }
  });

  it('leaves a server error alone, with data or without', async () => {
    for (const accept of [undefined, 'application/graphql-response+json']) {
      expect(await send({ query: '{ failing(status: 500) }' }, accept)).toMatchObject({ status: 500 });
      expect(await send({ query: '{ failing(status: 503) }' }, accept)).toMatchObject({ status: 503 });
      expect(await send({ query: '{ hello }', extensions: { refuseWith: 500 } }, accept)).toMatchObject({ status: 500, errors: ['REFUSED'] });
    }
  });

  it('leaves a status below 400 alone', async () => {
    expect(await send({ query: '{ hello }', extensions: { refuseWith: 399 } }, undefined)).toMatchObject({ status: 399, errors: ['REFUSED'] });
    expect(await send({ query: '{ failing(status: 399) }' }, undefined)).toMatchObject({ status: 399, errors: ['FIELD_FAILED'] });
  });

  describe('a request error (no data)', () => {
    it.each(REQUEST_ERRORS)('answers %s with 200 when the answer is application/json', async (_name, body) => {
      for (const accept of TAKES_JSON) expect(await send(body, accept)).toMatchObject({ status: 200, type: 'application/json; charset=utf-8' });
    });

    it.each(REQUEST_ERRORS)('keeps the 400 of %s when the client takes application/graphql-response+json', async (_name, body) => {
      for (const accept of TAKES_GRAPHQL_RESPONSE_JSON) expect(await send(body, accept)).toMatchObject({ status: 400, type: 'application/graphql-response+json; charset=utf-8' });
    });

    it('answers any 4xx of it, to the last, with 200 as application/json, and keeps it otherwise', async () => {
      for (const status of [404, 413, 499]) {
        expect(await send({ query: '{ hello }', extensions: { refuseWith: status } }, 'application/json')).toMatchObject({ status: 200, errors: ['REFUSED'] });
        expect(await send({ query: '{ hello }', extensions: { refuseWith: status } }, 'application/graphql-response+json')).toMatchObject({ status, errors: ['REFUSED'] });
      }
    });
  });

  it('keeps the 4xx of a request that is no well-formed GraphQL-over-HTTP request (BAD_REQUEST), whatever the media type', async () => {
    for (const accept of [undefined, 'application/json', 'application/graphql-response+json']) {
      expect(await send({ query: '' }, accept)).toMatchObject({ status: 400, errors: ['BAD_REQUEST'] });
      expect(await send({ query: 'mutation { bump }' }, accept, 'GET')).toMatchObject({ status: 405, errors: ['BAD_REQUEST'] });
    }
  });

  it('answers an operation run without HTTP (executeOperation) as application/json would be', async () => {
    const refused = await apollo.executeOperation({ query: '{ hello }', extensions: { refuseWith: 400 } });
    expect(refused.http.status).toBe(200);
    const succeeded = await apollo.executeOperation({ query: '{ hello }' });
    expect(succeeded.http.status).toBeUndefined();
  });
});
