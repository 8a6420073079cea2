import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLObjectType, GraphQLSchema, GraphQLString, graphqlSync, isAbstractType, parse } from 'graphql';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Context } from '../../src/graphql/context.js';
import { countAnswerValues, estimateResultSize } from '../../src/graphql/estimateResultSize.js';
import { largestListSizes, type ListSizes } from '../../src/graphql/largestListSizes.js';
import { resolvers } from '../../src/graphql/resolvers/index.js';
import { typeDefs } from '../../src/graphql/typeDefs.js';
import { executeQuery, shippedGraph } from '../support/executeQuery.js';

const schema = makeExecutableSchema<Context>({ typeDefs, resolvers });
let listSizes: ListSizes;

beforeAll(async () => {
  listSizes = largestListSizes(schema, await shippedGraph());
});

describe('introspectionAnswerSize', () => {
  describe('counts exactly the values that introspection answers', () => {
    it('follows named fragments, inline fragments with and without a type condition, and __typename', async () => {
      const query = `{ __schema { types { ...TypeParts ... on __Type { kind } ... { description } } } }
        fragment TypeParts on __Type { __typename name fields { ...FieldParts } }
        fragment FieldParts on __Field { name type { name } }`;
      expect(estimate(query)).toBe(await answerSize(query));
    });

    it('follows @skip and @include on the selections inside it', async () => {
      const query = `query ($yes: Boolean!, $no: Boolean!) {
        __schema { types { name kind @skip(if: $no) interfaces @skip(if: $yes) { name } description @include(if: $no) fields @include(if: $yes) { name args { name } } } }
      }`;
      const variables = { yes: true, no: false };
      expect(estimate(query, variables)).toBe(await answerSize(query, variables));
    });

    it('asks __type about one type, at its own size rather than the longest lists of any', async () => {
      const query = '{ __type(name: "County") { name fields { name type { name kind ofType { name } } } } }';
      expect(estimate(query)).toBe(await answerSize(query));
    });

    it('counts an operation type that a schema sets to null as null', () => {
      const withoutMutations = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { code: { type: GraphQLString } } }), mutation: null });
      const query = '{ __schema { queryType { name } mutationType { name } } }';
      const answer = graphqlSync({ schema: withoutMutations, source: query });
      expect(answer.errors).toBeUndefined();
      expect(estimateResultSize({ schema: withoutMutations, document: parse(query), listSizes: new Map() })).toBe(countAnswerValues(answer.data));
    });

    it('counts the operation types the schema lacks as null', async () => {
      const query = '{ __schema { queryType { name } mutationType { name } subscriptionType { name } } }';
      expect(estimate(query)).toBe(await answerSize(query));
    });
  });

  it('asks each interface for its possible types once per selection, however often the answer repeats it', () => {
    // Each level asks the possible types of every interface of the possible types of the level before, twice over with different selections.
    const level = (depth: number): string =>
      depth === 0 ? 'name' : `possibleTypes { name first: interfaces { name ${level(depth - 1)} } second: interfaces { kind ${level(depth - 1)} } }`;
    const query = `{ __type(name: "Node") { ${level(3)} } }`;
    const selections = query.split('possibleTypes').length - 1;
    const abstractTypes = Object.values(schema.getTypeMap()).filter(isAbstractType).length;
    const getPossibleTypes = vi.spyOn(schema, 'getPossibleTypes');
    try {
      const size = estimate(query);
      // The answer repeats each interface far more often than that: the work follows the selections, not the answer.
      expect(size).toBeGreaterThan(100 * selections * abstractTypes);
      expect(getPossibleTypes.mock.calls.length).toBeLessThanOrEqual(selections * abstractTypes);
    } finally {
      getPossibleTypes.mockRestore();
    }
  });
});

function estimate(query: string, variables?: Record<string, unknown>): number {
  return estimateResultSize({ schema, document: parse(query), listSizes, ...(variables && { variables }) });
}

/**
 * How many values the answer to `query` holds (see countAnswerValues) as a
 * client receives it: in JSON, where the fields that graphql-jit leaves
 * undefined for a skipped selection are gone.
 */
async function answerSize(query: string, variables?: Record<string, unknown>): Promise<number> {
  const result = await executeQuery(query, { ...(variables && { variables }) });
  expect(result.errors).toBeUndefined();
  return countAnswerValues(JSON.parse(JSON.stringify(result.data)));
}
