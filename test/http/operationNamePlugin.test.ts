import { ApolloServer, HeaderMap } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationNamePlugin } from '../../src/http/operationNamePlugin.js';

/** What the plugin reported: request id and operation name, in order. */
const reports: Array<[string, string]> = [];

describe('operationNamePlugin', () => {
  let apollo: ApolloServer;

  beforeAll(async () => {
    apollo = new ApolloServer({
      typeDefs: 'type Query { hello: String! }',
      resolvers: { Query: { hello: () => 'hej' } },
      plugins: [operationNamePlugin((requestId, operationName) => void reports.push([requestId, operationName]))],
    });
    await apollo.start();
  });

  afterAll(async () => {
    await apollo.stop();
  });

  const overHttp = (query: string, requestId?: string) => {
    const headers = new HeaderMap([['content-type', 'application/json']]);
    if (requestId !== undefined) headers.set('x-request-id', requestId);
    return apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: 'POST', headers, search: '', body: { query } }, context: async () => ({}) });
  };

  it('reports a named operation under the request id of its HTTP request', async () => {
    reports.length = 0;
    const result = await overHttp('query Greeting { hello }', 'req-1');
    expect(result.status ?? 200).toBe(200);
    expect(reports).toEqual([['req-1', 'Greeting']]);
  });

  it('reports nothing for an anonymous operation, or a request without an id', async () => {
    reports.length = 0;
    await overHttp('{ hello }', 'req-2');
    await overHttp('query Greeting { hello }');
    expect(reports).toEqual([]);
  });

  it('lets an operation run without HTTP (executeOperation) answer as usual, reporting nothing', async () => {
    reports.length = 0;
    const response = await apollo.executeOperation({ query: 'query Greeting { hello }' });
    expect(response.body.kind === 'single' && response.body.singleResult).toEqual({ data: { hello: 'hej' } });
    expect(reports).toEqual([]);
  });
});
