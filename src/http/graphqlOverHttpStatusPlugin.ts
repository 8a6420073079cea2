import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import Negotiator from 'negotiator';

/** The media types Apollo chooses between for a single answer, in Apollo's order (see chooseContentTypeForSingleResultResponse). */
const APPLICATION_JSON = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';
const ANSWERED_TYPES = [APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, 'application/json; callbackSpec=1.0; charset=utf-8'];

/** The code of Apollo's errors for a request that is no well-formed GraphQL-over-HTTP request (a query that is not a string, variables that are no object, a persisted-query hash that does not match). */
const BAD_REQUEST = 'BAD_REQUEST';

/**
 * Sets the status of a GraphQL answer as the GraphQL-over-HTTP spec has it,
 * where Apollo answers 400 for every GraphQL error:
 *
 * - An answer with a `data` entry (a field error: execution ran, `data` may
 *   be null) is 200, whatever the media type.
 * - A request error (no `data`: the document does not parse or validate,
 *   the variables do not coerce, the operation cannot be chosen, a limit
 *   refuses it) is 200 when the answer is `application/json` (then a non-200
 *   tells the client that an intermediary, not this server, answered) and
 *   keeps its 4xx when the client takes `application/graphql-response+json`.
 *
 * A request that is no well-formed GraphQL-over-HTTP request (Apollo's
 * `BAD_REQUEST`, e.g. a query that is not a string) keeps its 4xx, as do
 * answers before the pipeline (unreadable JSON, the CSRF guard); 5xx are left
 * alone. Apollo decides the media type after this hook, by the same rule.
 */
export function graphqlOverHttpStatusPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  // One listener for every request: nothing is made per request on the GraphQL path.
  const listener: GraphQLRequestListener<TContext> = {
    async willSendResponse({ request, response }) {
      const status = response.http.status;
      if (status === undefined || status < 400 || status > 499 || response.body.kind !== 'single') return;
      const result = response.body.singleResult;
      if (result.errors?.some((error) => error.extensions?.code === BAD_REQUEST)) return;
      if (result.data !== undefined || !answersGraphqlResponseJson(request.http?.headers.get('accept'))) response.http.status = 200;
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}

/** Whether Apollo answers a request with this Accept header as `application/graphql-response+json` (without one, it answers `application/json`). */
function answersGraphqlResponseJson(accept: string | undefined): boolean {
  if (!accept) return false;
  return new Negotiator({ headers: { accept } }).mediaType(ANSWERED_TYPES) === GRAPHQL_RESPONSE_JSON;
}
