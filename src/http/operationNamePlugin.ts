import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';

/**
 * An Apollo plugin that reports the name of each operation Apollo resolves,
 * with the request's `X-Request-Id` header, so that the HTTP layer can count
 * and log the request under it. Operations without a name, and requests that
 * fail before their operation resolves, report nothing.
 */
export function operationNamePlugin<TContext extends BaseContext>(report: (requestId: string, operationName: string) => void): ApolloServerPlugin<TContext> {
  // One listener for every request: nothing is made per request on the GraphQL path.
  const listener: GraphQLRequestListener<TContext> = {
    async didResolveOperation({ request, operationName }) {
      const requestId = request.http?.headers.get('x-request-id');
      if (requestId !== undefined && operationName !== null) report(requestId, operationName);
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
