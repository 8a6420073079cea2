import { makeExecutableSchema } from '@graphql-tools/schema';
import { graphqlSync, isAbstractType, parse } from 'graphql';
import { Store } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../../src/graphql/context.js';
import { countAnswerValues, estimateResultSize } from '../../src/graphql/estimateResultSize.js';
import { largestListSizes, type ListSizes } from '../../src/graphql/largestListSizes.js';
import { resolvers } from '../../src/graphql/resolvers/index.js';
import { typeDefs } from '../../src/graphql/typeDefs.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { executeQuery, iri, shippedGraph } from '../support/executeQuery.js';

const schema = makeExecutableSchema<Context>({ typeDefs, resolvers });
let listSizes: ListSizes;

beforeAll(async () => {
  listSizes = largestListSizes(schema, await shippedGraph());
});

describe('estimateResultSize', () => {
  describe('of a document with several operations', () => {
    const operations: Record<string, string> = {
      Counties: 'query Counties { counties { code } }',
      Municipalities: 'query Municipalities { municipalities { code name } }',
    };
    const document = parse(Object.values(operations).join('\n'));

    it('counts only the operation that operationName names, exactly as its answer', async () => {
      for (const [operationName, operation] of Object.entries(operations)) {
        expect(estimateResultSize({ schema, document, operationName, listSizes }), operationName).toBe(await answerSize(operation));
      }
    });
  });

  describe('of a list asked on an interface', () => {
    const collaboration = iri('samverkan/orebro-lan');
    const membershipsOfMembers = (on: string) => `{ collaboration(id: "${collaboration}") { memberOrganisations { ... on ${on} { memberships { id } } } } }`;

    it('counts it as the longest that any type implementing the interface answers', () => {
      const organisation = schema.getType('Organisation');
      if (!isAbstractType(organisation)) throw new Error('Organisation is an interface');
      const onEachType = schema.getPossibleTypes(organisation).map((type) => estimate(membershipsOfMembers(type.name)));
      expect(estimate(membershipsOfMembers('Organisation'))).toBe(Math.max(...onEachType));
    });

    it('is an upper bound of the answer', async () => {
      const query = membershipsOfMembers('Organisation');
      const answered = await answerSize(query);
      // The members have memberships (in this collaboration at least): the bound counts them.
      expect(answered).toBeGreaterThan(await answerSize(`{ collaboration(id: "${collaboration}") { memberOrganisations { __typename } } }`));
      expect(estimate(query)).toBeGreaterThanOrEqual(answered);
    });
  });

  it('counts the lists of types that the list sizes leave out as those of an empty graph', () => {
    const query = `{ municipalities { code } collaboration(id: "${iri('samverkan/orebro-lan')}") { memberOrganisations { pages } } }`;
    const ofEmptyGraph = largestListSizes(schema, new StoreGraph(new Store()));
    expect(estimateResultSize({ schema, document: parse(query), listSizes: new Map() })).toBe(
      estimateResultSize({ schema, document: parse(query), listSizes: ofEmptyGraph }),
    );
  });
});

describe('countAnswerValues', () => {
  it('counts each item of a list of scalars, as the estimate does', async () => {
    // Every directive's locations: a list of enum values, which introspection answers exactly.
    const query = '{ __schema { directives { name locations } } }';
    expect(await answerSize(query)).toBe(estimate(query));
  });

  it('counts a null item of a list as one value, as the estimate does', () => {
    const codes = makeExecutableSchema({ typeDefs: 'type Query { codes: [String] }', resolvers: { Query: { codes: () => ['1883', null, '1880'] } } });
    const query = '{ codes }';
    const sizes: ListSizes = new Map([['Query', new Map([['codes', 3]])]]);
    const answer = graphqlSync({ schema: codes, source: query });
    expect(answer.errors).toBeUndefined();
    expect(countAnswerValues(answer.data)).toBe(estimateResultSize({ schema: codes, document: parse(query), listSizes: sizes }));
  });
});

function estimate(query: string): number {
  return estimateResultSize({ schema, document: parse(query), listSizes });
}

/** How many values the answer to `query` holds (see countAnswerValues), as a client receives it in JSON. */
async function answerSize(query: string): Promise<number> {
  const result = await executeQuery(query);
  expect(result.errors).toBeUndefined();
  return countAnswerValues(JSON.parse(JSON.stringify(result.data)));
}
