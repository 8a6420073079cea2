import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlJsonLdContext } from '../../src/graphql/jsonLdContext.js';
import { jsonLdContextPlugin } from '../../src/http/jsonLdContextPlugin.js';

/** Another plugin's extension, set before ours runs: it must survive. */
const tracing: ApolloServerPlugin = {
  async requestDidStart({ request }) {
    if (request.extensions?.traced !== true) return;
    return {
      async willSendResponse({ response }) {
        if (response.body.kind === 'single') response.body.singleResult.extensions = { trace: 'kept' };
      },
    };
  },
};

let apollo: ApolloServer;

beforeAll(async () => {
  apollo = new ApolloServer({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'hej' } }, plugins: [tracing, jsonLdContextPlugin()] });
  await apollo.start();
});

afterAll(async () => {
  await apollo?.stop();
});

/** The answer's body to a POST of `body` to /graphql with query string `search`. */
async function answer(body: Record<string, unknown>, search = ''): Promise<{ data?: unknown; errors?: unknown[]; extensions?: Record<string, unknown> }> {
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search, body },
    context: async () => ({}),
  });
  if (response.body.kind !== 'complete') throw new Error('expected a complete answer');
  return JSON.parse(response.body.string);
}

/** The context as it reaches the client: JSON. */
const context = JSON.parse(JSON.stringify(graphqlJsonLdContext));

describe('jsonLdContextPlugin', () => {
  it('adds the JSON-LD context of the schema as "@context" when the query string asks with jsonld', async () => {
    expect(context).toMatchObject({ '@version': 1.1, id: '@id', __typename: '@type' });
    for (const search of ['?jsonld=1', '?jsonld=true', '?jsonld=TRUE', '?jsonld=yes', '?jsonld', '?jsonld=', '?other=1&jsonld=on']) {
      expect(await answer({ query: '{ hello }' }, search)).toEqual({ data: { hello: 'hej' }, extensions: { '@context': context } });
    }
  });

  it('adds it when the GraphQL request asks with "extensions": {"jsonld": true}', async () => {
    expect(await answer({ query: '{ hello }', extensions: { jsonld: true } })).toEqual({ data: { hello: 'hej' }, extensions: { '@context': context } });
  });

  it('leaves the answer as it is when the request does not ask, or says no', async () => {
    for (const search of ['', '?', '?json=1', '?jsonld=0', '?jsonld=false', '?jsonld=FALSE', '?jsonld=no', '?jsonld=No', '?jsonld=off', '?jsonld=OFF']) {
      expect(await answer({ query: '{ hello }' }, search)).toEqual({ data: { hello: 'hej' } });
    }
    for (const jsonld of ['true', 1, false, null]) expect(await answer({ query: '{ hello }', extensions: { jsonld } })).toEqual({ data: { hello: 'hej' } });
  });

  it('keeps the extensions other plugins gave the answer', async () => {
    expect(await answer({ query: '{ hello }', extensions: { jsonld: true, traced: true } })).toEqual({ data: { hello: 'hej' }, extensions: { trace: 'kept', '@context': context } });
    expect(await answer({ query: '{ hello }', extensions: { traced: true } })).toEqual({ data: { hello: 'hej' }, extensions: { trace: 'kept' } });
  });

  it('adds it to an answer with errors too', async () => {
    const refused = await answer({ query: '{ hello' }, '?jsonld=1');
    expect(refused.errors).toHaveLength(1);
    expect(refused.extensions).toEqual({ '@context': context });
  });
});
