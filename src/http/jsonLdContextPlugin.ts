import type { ApolloServerPlugin } from '@apollo/server';
import { graphqlJsonLdContext } from '../graphql/jsonLdContext.js';

/**
 * Adds the JSON-LD context of our schema to a response's `extensions` as
 * `"@context"` when the request asks for it: with the query parameter
 * `jsonld` (e.g. `/graphql?jsonld=1`) or with `"extensions": {"jsonld": true}`
 * in the GraphQL request. Other responses are left as they are.
 */
export function jsonLdContextPlugin<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      const parameter = request.http?.search ? new URLSearchParams(request.http.search).get('jsonld') : null;
      const asked = request.extensions?.jsonld === true || (parameter !== null && !['0', 'false', 'no', 'off'].includes(parameter.toLowerCase()));
      if (!asked) return;
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, '@context': graphqlJsonLdContext };
        },
      };
    },
  };
}
