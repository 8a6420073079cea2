import { ApolloServer } from '@apollo/server';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { defaultGraphqlLimits, limitRules, type GraphqlLimits } from '../../src/http/graphqlLimits.js';

const typeDefs = 'type Query { node: Node, hello: String } type Node { child: Node, name: String }';
const schema = buildSchema(typeDefs);

/** Small limits, so that each boundary is a short document. */
const small: GraphqlLimits = { ...defaultGraphqlLimits, maxDepth: 3, maxAliases: 2, maxDirectives: 2 };

/** The messages of the errors limitRules(limits) reports for `source`. */
function refusals(source: string, limits: GraphqlLimits = small): string[] {
  return validate(schema, parse(source), limitRules(limits)).map((error) => error.message);
}

/** A selection `depth` fields deep: node { child { … name } }. */
function nested(depth: number): string {
  let selection = 'name';
  for (let level = 1; level < depth - 1; level++) selection = `child { ${selection} }`;
  return `{ node { ${selection} } }`;
}

describe('graphqlLimits', () => {
  it('starts from the limits docs/limits.md gives', () => {
    expect(defaultGraphqlLimits).toEqual({
      maxTokens: 1000,
      maxDepth: 10,
      maxAliases: 15,
      maxDirectives: 50,
      maxResultSize: 100_000,
      maxBodyBytes: 102_400,
      maxResponseBytes: 10_485_760,
    });
  });

  describe('limitRules', () => {
    it('accepts a document at every limit', () => {
      expect(refusals(nested(3))).toEqual([]);
      expect(refusals('{ a: hello b: hello }')).toEqual([]);
      expect(refusals('{ hello @skip(if: false) @include(if: true) }')).toEqual([]);
      expect(refusals(nested(10), defaultGraphqlLimits)).toEqual([]);
    });

    it('refuses a selection one level deeper than the limit, naming the limit and the depth', () => {
      expect(refusals(nested(4))).toEqual(['Syntax Error: Query depth limit of 3 exceeded, found 4.']);
      expect(refusals(nested(11), defaultGraphqlLimits)).toEqual(['Syntax Error: Query depth limit of 10 exceeded, found 11.']);
    });

    it('refuses one alias over the limit, naming the limit and the count; __typename is exempt', () => {
      expect(refusals('{ a: hello b: hello c: hello }')).toEqual(['Syntax Error: Aliases limit of 2 exceeded, found 3.']);
      expect(refusals('{ a: hello b: hello t: __typename }')).toEqual([]);
      const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: hello`).join(' ')} }`;
      expect(refusals(aliases(15), defaultGraphqlLimits)).toEqual([]);
      expect(refusals(aliases(16), defaultGraphqlLimits)).toEqual(['Syntax Error: Aliases limit of 15 exceeded, found 16.']);
    });

    it('refuses one directive over the limit, naming the limit and the count', () => {
      expect(refusals('{ hello @skip(if: false) @include(if: true) @skip(if: false) }')).toEqual(['Syntax Error: Directives limit of 2 exceeded, found 3.']);
      const directives = (count: number) => `{ hello ${'@include(if: true) '.repeat(count)}}`;
      expect(refusals(directives(50), defaultGraphqlLimits)).toEqual([]);
      expect(refusals(directives(51), defaultGraphqlLimits)).toEqual(['Syntax Error: Directives limit of 50 exceeded, found 51.']);
    });

    it('refuses mutations and subscriptions, which the schema lacks', () => {
      expect(refusals('mutation { hello }')).toEqual(['This API is read-only: the schema defines no mutation operations.']);
      expect(refusals('subscription { hello }')).toEqual(['This API is read-only: the schema defines no subscription operations.']);
    });

    it('reports every limit a document passes, rather than stopping at the first', () => {
      expect(refusals(`mutation { a: hello b: hello c: hello ${nested(4).slice(1, -1)} }`)).toEqual([
        'This API is read-only: the schema defines no mutation operations.',
        'Syntax Error: Query depth limit of 3 exceeded, found 4.',
        'Syntax Error: Aliases limit of 2 exceeded, found 3.',
      ]);
    });

    it('makes a refusal a 400 GRAPHQL_VALIDATION_FAILED in Apollo Server, never a 500', async () => {
      const apollo = new ApolloServer({ typeDefs, resolvers: {}, validationRules: limitRules(small) });
      await apollo.start();
      try {
        for (const [query, message] of [
          [nested(4), 'Syntax Error: Query depth limit of 3 exceeded, found 4.'],
          ['{ a: hello b: hello c: hello }', 'Syntax Error: Aliases limit of 2 exceeded, found 3.'],
          ['{ hello @skip(if: false) @include(if: true) __typename @skip(if: false) }', 'Syntax Error: Directives limit of 2 exceeded, found 3.'],
        ] as const) {
          const response = await apollo.executeOperation({ query });
          expect(response.http.status).toBe(400);
          expect(response.body.kind === 'single' && response.body.singleResult.errors?.map((error) => [error.message, error.extensions?.code])).toEqual([[message, 'GRAPHQL_VALIDATION_FAILED']]);
        }
      } finally {
        await apollo.stop();
      }
    });
  });
});
