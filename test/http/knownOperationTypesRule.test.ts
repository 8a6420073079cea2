import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { knownOperationTypesRule } from '../../src/http/knownOperationTypesRule.js';

const readOnly = buildSchema('type Query { hello: String }');
const writable = buildSchema('type Query { hello: String } type Mutation { bump: Int } type Subscription { ticks: Int }');

/** The errors the rule reports for `source` over `schema`: message and where. */
function reported(source: string, schema = readOnly) {
  return validate(schema, parse(source), [knownOperationTypesRule]).map(({ message, locations }) => ({ message, locations }));
}

describe('knownOperationTypesRule', () => {
  it('accepts queries, named or not', () => {
    expect(reported('{ hello }')).toEqual([]);
    expect(reported('query Greeting { hello }')).toEqual([]);
  });

  it('refuses a mutation or subscription the schema lacks, naming the operation type and where it stands', () => {
    expect(reported('mutation { bump }')).toEqual([{ message: 'This API is read-only: the schema defines no mutation operations.', locations: [{ line: 1, column: 1 }] }]);
    expect(reported('{ hello }\n  subscription Ticks { ticks }')).toEqual([
      { message: 'This API is read-only: the schema defines no subscription operations.', locations: [{ line: 2, column: 3 }] },
    ]);
  });

  it('reports each refused operation of a document', () => {
    expect(reported('mutation A { bump } query B { hello } mutation C { bump }').map(({ locations }) => locations)).toEqual([
      [{ line: 1, column: 1 }],
      [{ line: 1, column: 39 }],
    ]);
  });

  it('accepts the operation types a schema defines', () => {
    expect(reported('mutation { bump } subscription { ticks }', writable)).toEqual([]);
  });
});
