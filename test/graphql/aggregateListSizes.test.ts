import { makeExecutableSchema } from '@graphql-tools/schema';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/graphql/context.js';
import { largestListSizes } from '../../src/graphql/largestListSizes.js';
import { resolvers } from '../../src/graphql/resolvers/index.js';
import { typeDefs } from '../../src/graphql/typeDefs.js';
import { shippedGraph } from '../support/executeQuery.js';

describe('largestListSizes and Query.countyAggregates', () => {
  it('bounds the aggregates by the number of counties, one row each whatever the measure: the shipped data’s 21', async () => {
    const schema = makeExecutableSchema<Context>({ typeDefs, resolvers });
    const sizes = largestListSizes(schema, await shippedGraph());
    expect(sizes.get('Query')!.get('countyAggregates')).toBe(21);
  });
});
