import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Context } from '../graphql/context.js';
import { estimateResultSize } from '../graphql/estimateResultSize.js';
import { cachedListSizes, type ListSizes } from '../graphql/largestListSizes.js';
import type { Graph } from '../rdf/Graph.js';

/** graphql-query-complexity's own error when a document has more selections than it walks. */
const TOO_MANY_NODES = /maximum allowed number of nodes/;

/**
 * Refuses, before execution, an operation whose answer could hold more than
 * `maxResultSize` values (see estimateResultSize: every list counts as its
 * longest length in the graph the request reads, a page as its `first`). The
 * refusal is a 400 GRAPHQL_VALIDATION_FAILED whose message names the limit
 * and the estimate, which `extensions` also carry.
 *
 * Estimates of operations without variables are remembered per parsed
 * document (Apollo hands out the same one for the same text) and Graph.
 * `graph`, when given, has its list sizes measured as the server starts,
 * so that no request waits for them.
 */
export function resultSizeLimitPlugin(schema: GraphQLSchema, maxResultSize: number, graph?: Graph): ApolloServerPlugin<Context> {
  const remembered = new WeakMap<ListSizes, WeakMap<DocumentNode, Map<string | null, number>>>();
  const estimate = (document: DocumentNode, operationName: string | null, variables: Record<string, unknown> | undefined, listSizes: ListSizes) => {
    const question = { schema, document, operationName, ...(variables && { variables }), listSizes };
    if (variables !== undefined && Object.keys(variables).length > 0) return estimateResultSize(question);
    let byDocument = remembered.get(listSizes);
    if (byDocument === undefined) remembered.set(listSizes, (byDocument = new WeakMap()));
    let byOperation = byDocument.get(document);
    if (byOperation === undefined) byDocument.set(document, (byOperation = new Map()));
    let size = byOperation.get(operationName);
    if (size === undefined) byOperation.set(operationName, (size = estimateResultSize(question)));
    return size;
  };
  return {
    async serverWillStart() {
      if (graph !== undefined) cachedListSizes(schema, graph);
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, contextValue }) {
          let size: number;
          try {
            size = estimate(document, request.operationName ?? null, request.variables, cachedListSizes(schema, contextValue.graph));
          } catch (error) {
            if (error instanceof GraphQLError && TOO_MANY_NODES.test(error.message)) throw tooLarge('The query has more selections than can be measured, fragments counted where they are spread', maxResultSize);
            // Bad variables or arguments: execution answers them with its own, more precise error.
            return;
          }
          if (size > maxResultSize) {
            throw tooLarge(
              `The answer to this query could hold up to ${size.toLocaleString('en')} values, over the limit of ${maxResultSize.toLocaleString('en')} (each list counts as its longest length in the data, a page as its "first"); ask for fewer nested lists, or page with "first" and "after"`,
              maxResultSize,
              size,
            );
          }
        },
      };
    },
  };
}

function tooLarge(message: string, limit: number, estimate?: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit, ...(estimate !== undefined && { estimate }), http: { status: 400 } },
  });
}
