import { describe, expect, it } from 'vitest';
import { executeQuery, iri, queryData } from '../support/executeQuery.js';
import { collectIds } from '../support/collectIds.js';

describe('Query.node', () => {
  it.each([
    ['kommun/1883', 'Municipality'],
    ['lan/18', 'County'],
    ['samverkan/orebro-lan', 'Collaboration'],
    ['samverkan/orebro-lan/huvudman/1883', 'Membership'],
    ['projekt/kulturskola-i-hela-landet', 'Project'],
    ['bidrag/kulturradet-utvecklingsbidrag-2022-2023', 'Grant'],
    ['finansiering/orebro-lan-lasar-2022-2023', 'Financing'],
    ['avtal/orebro-lan-huvudmannaskap', 'Agreement'],
    ['mal/orebro-lan/samverkan-mellan-barn-och-unga', 'Goal'],
    ['tema/inkludering', 'Concept'],
    ['roll/administrativ-huvudman', 'Concept'],
    ['org/kulturskolecentrum', 'OrganisationalUnit'],
    ['org/allmanna-arvsfonden', 'OtherOrganisation'],
    ['dataset/orebro-lan', 'Dataset'],
  ])('resolves %s as a %s', async (path, typeName) => {
    const data = await queryData(`{ node(id: "${iri(path)}") { __typename id } }`);
    expect(data.node).toEqual({ __typename: typeName, id: iri(path) });
  });

  it.each([
    ['an IRI the graph does not describe', iri('kommun/9999')],
    ['an IRI of another scheme that the graph could hold', 'urn:example:nothing'],
  ])('returns null for %s', async (_case, id) => {
    const result = await executeQuery('query ($id: ID!) { node(id: $id) { id } }', { variables: { id } });
    expect(result).toEqual({ data: { node: null } });
  });

  it.each([
    ['a string that is no IRI', 'hello'],
    ['an empty id', ''],
    ['a blank node label', '_:b0'],
    ['a relative path', 'kommun/1883'],
    ['an IRI with a NUL character', `${iri('kommun/1883')}\u0000`],
    ['an IRI with a line break', `${iri('kommun/1883')}\r\nX-Injected: 1`],
    ['markup', '<script>alert(1)</script>'],
    ['a broken %-escape', iri('kommun/%zz')],
  ])('answers BAD_USER_INPUT naming "id" for %s', async (_case, id) => {
    const result = await executeQuery('query ($id: ID!) { node(id: $id) { id } }', { variables: { id } });
    expect(result.data).toEqual({ node: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toBe(
      `Argument "id": expected an absolute IRI such as "https://w3id.org/kulturskola/kommun/1883" but got: ${JSON.stringify(id)}.`,
    );
  });

  it('cuts a long malformed id in the message', async () => {
    const id = 'x'.repeat(10_000);
    const result = await executeQuery('query ($id: ID!) { node(id: $id) { id } }', { variables: { id } });
    expect(result.errors![0]!.message).toBe(`Argument "id": expected an absolute IRI such as "https://w3id.org/kulturskola/kommun/1883" but got: "${'x'.repeat(198)}….`);
  });

  it('resolves every id that a query over the collaboration returns', async () => {
    const data = await queryData(`{ collaboration(id: "${iri('samverkan/orebro-lan')}") {
      id members { id member { id } role { id } basis { id } } purpose { id } goals { id vision { id } }
      grants { id funders { id } recipient { id } } financing { id model { id } area { id } }
      projects { id initiator { id } themes { id } regions { id } purpose { id } } linkedOrganisations { id } } }`);
    const ids = [...new Set(collectIds(data))];
    expect(ids.length).toBeGreaterThan(40);
    for (const id of ids) {
      const resolved = await queryData('query ($id: ID!) { node(id: $id) { id } }', { variables: { id } });
      expect(resolved.node, id).toEqual({ id });
    }
  });
});
