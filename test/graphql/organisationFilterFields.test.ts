import { describe, expect, it } from 'vitest';
import { executeQuery, queryData } from '../support/executeQuery.js';

// Counted from the shipped data: 299 organisations, 290 of them municipalities; Örebro län (18)
// holds 12 municipalities and is the area of a collaboration, a project and a regional authority;
// "karlsk" is part of the names of Karlskoga (in län 18) and Karlskrona (in Blekinge län, 10).
describe('Query.organisations filter fields given as null', () => {
  it('treats a filter whose every field is null or absent as no filter', async () => {
    const data = await queryData(`{
      empty: organisations(filter: {}) { totalCount }
      nulls: organisations(filter: { type: null, county: null, name: null }) { totalCount }
      countyNull: organisations(filter: { county: null }) { totalCount }
      nameNull: organisations(filter: { name: null }) { totalCount }
      municipalities: organisations(filter: { type: MUNICIPALITY, county: null, name: null }) { totalCount } }`);
    expect(data).toEqual({
      empty: { totalCount: 299 },
      nulls: { totalCount: 299 },
      countyNull: { totalCount: 299 },
      nameNull: { totalCount: 299 },
      municipalities: { totalCount: 290 },
    });
  });

  it('filters by county alone when the name is null', async () => {
    const data = await queryData(`{
      all: organisations(filter: { county: "18", name: null }) { totalCount }
      municipalities: organisations(filter: { type: MUNICIPALITY, county: "18", name: null }) { totalCount } }`);
    expect(data).toEqual({ all: { totalCount: 15 }, municipalities: { totalCount: 12 } });
  });

  it('filters by name alone when the county is null', async () => {
    const data = await queryData(`{ organisations(filter: { county: null, name: "karlsk" }) { nodes { name } } }`);
    expect(data.organisations.nodes).toEqual([{ name: 'Karlskoga' }, { name: 'Karlskrona' }]);
  });

  it('takes a county given as a variable that is null as no county', async () => {
    const result = await executeQuery('query ($county: String) { organisations(filter: { county: $county, type: COLLABORATION }) { totalCount } }', {
      variables: { county: null },
    });
    expect(result).toEqual({ data: { organisations: { totalCount: 1 } } });
  });
});

describe('Query.county', () => {
  it('rejects a code that is not two digits with BAD_USER_INPUT naming the argument and a länskod as expected', async () => {
    const result = await executeQuery('{ county(code: "1") { id } }');
    expect(result.data).toEqual({ county: null });
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'Argument "code": expected a two-digit länskod such as "18" but got: "1".',
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'code' },
      }),
    ]);
  });
});
