import { describe, expect, it } from 'vitest';
import { executeQuery, queryData } from '../support/executeQuery.js';

/** The endCursor of Region Örebro län, as the README's example answer shows it. */
const REGION_OREBRO_LAN_CURSOR = 'aHR0cHM6Ly93M2lkLm9yZy9rdWx0dXJza29sYS9vcmcvcmVnaW9uLW9yZWJyby1sYW4';

describe('cursors of Query.organisations', () => {
  it('names the first and the last edge of a page as startCursor and endCursor', async () => {
    const data = await queryData(`{ organisations(first: 3) { edges { cursor } pageInfo { startCursor endCursor } } }`);
    const cursors = data.organisations.edges.map((edge: { cursor: string }) => edge.cursor);
    expect(cursors).toHaveLength(3);
    expect(new Set(cursors).size).toBe(3);
    expect(data.organisations.pageInfo).toEqual({ startCursor: cursors[0], endCursor: cursors[2] });
  });

  it('gives the README its cursor for Region Örebro län', async () => {
    const data = await queryData(`{ organisations(filter: { county: "18", type: OTHER_ORGANISATION }, first: 5) { pageInfo { startCursor endCursor } } }`);
    expect(data.organisations.pageInfo).toEqual({ startCursor: REGION_OREBRO_LAN_CURSOR, endCursor: REGION_OREBRO_LAN_CURSOR });
  });

  it('continues right after the item whose cursor is given, the first item too', async () => {
    const data = await queryData(`{ organisations(first: 3) { nodes { name } edges { cursor } } }`);
    const [first, second] = data.organisations.edges.map((edge: { cursor: string }) => edge.cursor);
    const afterFirst = await queryData(`query ($after: String) { organisations(first: 2, after: $after) { nodes { name } pageInfo { hasPreviousPage } } }`, {
      variables: { after: first },
    });
    expect(afterFirst.organisations).toEqual({ nodes: [{ name: 'Alingsås' }, { name: 'Allmänna arvsfonden' }], pageInfo: { hasPreviousPage: true } });
    const afterSecond = await queryData(`query ($after: String) { organisations(first: 1, after: $after) { nodes { name } } }`, { variables: { after: second } });
    expect(afterSecond.organisations.nodes).toEqual([{ name: 'Allmänna arvsfonden' }]);
    expect(data.organisations.nodes).toEqual([{ name: 'Ale' }, { name: 'Alingsås' }, { name: 'Allmänna arvsfonden' }]);
  });

  it('answers BAD_USER_INPUT to a cursor it never gave out, even one that decodes to a listed IRI', async () => {
    // The same bytes as the README's cursor, written with base64 padding.
    const padded = `${REGION_OREBRO_LAN_CURSOR}=`;
    const result = await executeQuery(`query ($after: String) { organisations(after: $after) { totalCount } }`, { variables: { after: padded } });
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: `Argument "after": expected a cursor from an edge of this list but got: "${padded}".`,
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
      }),
    ]);
  });
});
