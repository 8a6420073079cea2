import { describe, expect, it } from 'vitest';
import { executeQuery, iri, queryData } from '../support/executeQuery.js';

const page = `totalCount edges { cursor node { id } } nodes { __typename id name } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;

describe('Query.organisations', () => {
  it('pages through every organisation once, in Swedish name order, 20 at a time by default', async () => {
    const pages: Array<{ names: string[]; ids: string[]; hasNextPage: boolean; hasPreviousPage: boolean }> = [];
    let after: string | null = null;
    for (let count = 0; count < 50; count++) {
      const data: Record<string, any> = await queryData(`query ($after: String) { organisations(after: $after) { ${page} } }`, { variables: { after } });
      const connection = data.organisations;
      expect(connection.totalCount).toBe(299);
      expect(connection.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual(connection.nodes.map((node: { id: string }) => node.id));
      pages.push({
        names: connection.nodes.map((node: { name: string }) => node.name),
        ids: connection.nodes.map((node: { id: string }) => node.id),
        hasNextPage: connection.pageInfo.hasNextPage,
        hasPreviousPage: connection.pageInfo.hasPreviousPage,
      });
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    // 290 municipalities, the collaboration, the project and 7 external actors: 14 full pages and one of 19.
    expect(pages.map(({ names }) => names.length)).toEqual([...Array(14).fill(20), 19]);
    expect(pages.map(({ hasNextPage }) => hasNextPage)).toEqual([...Array(14).fill(true), false]);
    expect(pages.map(({ hasPreviousPage }) => hasPreviousPage)).toEqual([false, ...Array(14).fill(true)]);
    expect(pages[0]!.names).toEqual([
      'Ale', 'Alingsås', 'Allmänna arvsfonden', 'Alvesta', 'Aneby', 'Arboga', 'Arjeplog', 'Arvidsjaur', 'Arvika', 'Askersund',
      'Avesta', 'Bengtsfors', 'Berg', 'Bjurholm', 'Bjuv', 'Boden', 'Bollebygd', 'Bollnäs', 'Borgholm', 'Borlänge',
    ]);
    expect(pages.at(-1)!.names).toEqual([
      'Åsele', 'Åstorp', 'Åtvidaberg', 'Älmhult', 'Älvdalen', 'Älvkarleby', 'Älvsbyn', 'Ängelholm', 'Öckerö', 'Ödeshög',
      'Örebro', 'Örkelljunga', 'Örnsköldsvik', 'Östersund', 'Österåker', 'Östhammar', 'Östra Göinge', 'Överkalix', 'Övertorneå',
    ]);
    const ids = pages.flatMap((page) => page.ids);
    expect(new Set(ids).size).toBe(299);
  });

  it('sorts by name with å, ä and ö last, in that order, as Swedish readers expect', async () => {
    const names: string[] = [];
    let after: string | null = null;
    for (let count = 0; count < 5; count++) {
      const data: Record<string, any> = await queryData(
        `query ($after: String) { organisations(filter: { type: MUNICIPALITY }, first: 100, after: $after) { nodes { name } pageInfo { hasNextPage endCursor } } }`,
        { variables: { after } },
      );
      names.push(...data.organisations.nodes.map((node: { name: string }) => node.name));
      if (!data.organisations.pageInfo.hasNextPage) break;
      after = data.organisations.pageInfo.endCursor;
    }
    expect(names).toHaveLength(290);
    expect(names.slice(0, 3)).toEqual(['Ale', 'Alingsås', 'Alvesta']);
    expect(names.slice(-30)).toEqual([
      'Värmdö', 'Värnamo', 'Västervik', 'Västerås', 'Växjö', 'Ydre', 'Ystad',
      'Åmål', 'Ånge', 'Åre', 'Årjäng', 'Åsele', 'Åstorp', 'Åtvidaberg',
      'Älmhult', 'Älvdalen', 'Älvkarleby', 'Älvsbyn', 'Ängelholm',
      'Öckerö', 'Ödeshög', 'Örebro', 'Örkelljunga', 'Örnsköldsvik', 'Östersund', 'Österåker', 'Östhammar', 'Östra Göinge', 'Överkalix', 'Övertorneå',
    ]);
  });

  it('says hasNextPage false on a last page that is exactly full, and true before it', async () => {
    const data = await queryData(`{
      full: organisations(filter: { county: "18" }, first: 15) { totalCount nodes { id } pageInfo { hasNextPage } }
      short: organisations(filter: { county: "18" }, first: 14) { nodes { id } pageInfo { hasNextPage } } }`);
    expect(data.full.totalCount).toBe(15);
    expect(data.full.nodes).toHaveLength(15);
    expect(data.full.pageInfo.hasNextPage).toBe(false);
    expect(data.short.nodes).toHaveLength(14);
    expect(data.short.pageInfo.hasNextPage).toBe(true);
  });

  it('filters by type', async () => {
    const data = await queryData(`{
      c: organisations(filter: { type: COLLABORATION }) { totalCount nodes { id } }
      p: organisations(filter: { type: PROJECT }) { totalCount nodes { id } }
      u: organisations(filter: { type: ORGANISATIONAL_UNIT }) { nodes { name ... on OrganisationalUnit { unitOf { name } } } }
      o: organisations(filter: { type: OTHER_ORGANISATION }) { totalCount }
      m: organisations(filter: { type: MUNICIPALITY }) { totalCount } }`);
    expect(data.c).toEqual({ totalCount: 1, nodes: [{ id: iri('samverkan/orebro-lan') }] });
    expect(data.p).toEqual({ totalCount: 1, nodes: [{ id: iri('projekt/kulturskola-i-hela-landet') }] });
    expect(data.u.nodes).toEqual([{ name: 'Kulturskolecentrum', unitOf: { name: 'Statens kulturråd' } }]);
    expect(data.o.totalCount).toBe(6);
    expect(data.m.totalCount).toBe(290);
  });

  it('filters by county: its municipalities, and the organisations and projects working there', async () => {
    const data = await queryData(`{ organisations(filter: { county: "18" }, first: 100) { totalCount nodes { __typename name } } }`);
    const byType = (typeName: string) =>
      data.organisations.nodes.filter((node: { __typename: string }) => node.__typename === typeName).map((node: { name: string }) => node.name);
    expect(byType('Municipality')).toHaveLength(12);
    expect(byType('Municipality')).toContain('Laxå');
    expect(byType('Collaboration')).toEqual(['Kulturskolesamverkan i Örebro län']);
    expect(byType('Project')).toEqual(['Kulturskola i hela landet']);
    expect(byType('OtherOrganisation')).toEqual(['Region Örebro län']);
    expect(data.organisations.totalCount).toBe(15);
  });

  it('filters by a case-insensitive part of the name, in any language', async () => {
    const data = await queryData(`{
      a: organisations(filter: { name: "KULTURSKOLE" }) { nodes { name } }
      b: organisations(filter: { name: "inheritance" }) { nodes { name } }
      c: organisations(filter: { name: "karlsk", type: MUNICIPALITY, county: "18" }) { nodes { name } } }`);
    expect(data.a.nodes.map((node: { name: string }) => node.name)).toEqual([
      'Kulturskolecentrum',
      'Kulturskolerådet',
      'Kulturskolesamverkan i Örebro län',
    ]);
    expect(data.b.nodes).toEqual([{ name: 'Allmänna arvsfonden' }]);
    expect(data.c.nodes).toEqual([{ name: 'Karlskoga' }]);
  });

  it('answers an empty page, not an error, when nothing matches', async () => {
    const data = await queryData(`{ organisations(filter: { name: "zzzz" }) { ${page} } }`);
    expect(data.organisations).toEqual({
      totalCount: 0,
      edges: [],
      nodes: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });

  it('gives at most 100 per page and none for first: 0', async () => {
    const data = await queryData(`{ a: organisations(first: 100) { nodes { id } pageInfo { hasNextPage } } b: organisations(first: 0) { totalCount nodes { id } } }`);
    expect(data.a.nodes).toHaveLength(100);
    expect(data.a.pageInfo.hasNextPage).toBe(true);
    expect(data.b).toEqual({ totalCount: 299, nodes: [] });
  });

  describe('rejects bad arguments with BAD_USER_INPUT that names the argument', () => {
    it.each([
      ['first: -1', 'first', 'Argument "first": expected an integer from 0 to 100 but got: -1.'],
      ['first: 1000', 'first', 'Argument "first": expected an integer from 0 to 100 but got: 1000.'],
      ['after: "not-a-cursor"', 'after', 'Argument "after": expected a cursor from an edge of this list but got: "not-a-cursor".'],
      ['filter: { county: "Örebro" }', 'filter.county', 'Argument "filter.county": expected a two-digit länskod such as "18" but got: "Örebro".'],
    ])('%s', async (argument, argumentName, message) => {
      const result = await executeQuery(`{ organisations(${argument}) { totalCount } }`);
      expect(result.data).toBeNull();
      expect(result.errors).toEqual([expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT', argumentName } })]);
    });

    it('refuses an unknown type as a validation error', async () => {
      const result = await executeQuery(`{ organisations(filter: { type: SCHOOL }) { totalCount } }`);
      expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });
  });
});

describe('Organisation', () => {
  it('gives every web address the source names for an organisation, home page first', async () => {
    const data = await queryData(`{ node(id: "${iri('org/region-norrbotten')}") { ... on Organisation { name homepage pages } } }`);
    expect(data.node).toEqual({
      name: 'Region Norrbotten',
      homepage: 'https://www.norrbotten.se/',
      pages: ['https://www.norrbotten.se/', 'https://www.norrbotten.se/sv/Kultur/Konst–och-kulturverksamhet/kulturskolor/'],
    });
  });

  it('tells units and their parent apart: Kulturskolecentrum is a unit of Statens kulturråd', async () => {
    const data = await queryData(`{ node(id: "${iri('org/statens-kulturrad')}") { ... on OtherOrganisation { units { id name } } } }`);
    expect(data.node.units).toEqual([{ id: iri('org/kulturskolecentrum'), name: 'Kulturskolecentrum' }]);
  });

  it('keeps the county as an area apart from the regional authority', async () => {
    const data = await queryData(`{ region: node(id: "${iri('org/region-orebro-lan')}") { __typename ... on OtherOrganisation { regions { id } } }
      county: node(id: "${iri('lan/18')}") { __typename } }`);
    expect(data).toEqual({ region: { __typename: 'OtherOrganisation', regions: [{ id: iri('lan/18') }] }, county: { __typename: 'County' } });
  });
});
