import { makeExecutableSchema } from '@graphql-tools/schema';
import { readdir, readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../../src/graphql/context.js';
import { largestListSizes } from '../../src/graphql/largestListSizes.js';
import { resolvers } from '../../src/graphql/resolvers/index.js';
import { typeDefs } from '../../src/graphql/typeDefs.js';
import { canonicalNTriples } from '../../src/publish/canonicalNTriples.js';
import { parseBody } from '../../src/publish/parseBody.js';
import { dataPath } from '../../src/rdf/dataPath.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { graphOfContent } from '../../src/rdf/graphOfContent.js';
import { UnionGraph } from '../../src/rdf/UnionGraph.js';
import { executeQuery, iri, queryData, shippedGraph } from '../support/executeQuery.js';

// Expectations counted by hand from data/graphs: kommuner.jsonld puts twelve municipalities in
// Örebro län (18) and 26 in Stockholms län (01); orebro-lan.jsonld makes eleven of Örebro län's
// members of its collaboration (every one but Laxå, 1860), Karlskoga (1883) also its
// administrative principal, and gives the project Kulturskola i hela landet the counties 18, 19
// and 25. No other collaboration has a municipality as member.

const AREA = `municipalityCount memberCount nonMemberCount
  members { code } nonMembers { code } administrativePrincipals { code }
  roles { role { id } count municipalities { code } }
  collaborations { id } projects { id } datasets { id }`;
const ROW = `county { code } ${AREA}`;

const OREBRO_MEMBERS = ['1814', '1861', '1862', '1863', '1864', '1880', '1881', '1882', '1883', '1884', '1885'];

describe('Query.coverage', () => {
  describe('over the shipped data', () => {
    it('counts Örebro län: twelve municipalities, eleven members with Karlskoga as administrative principal, Laxå in none', async () => {
      const data = await queryData(`{ coverage { county(code: "18") {
        county { code name } municipalityCount memberCount nonMemberCount
        members { code } nonMembers { code name } administrativePrincipals { code name }
        roles { role { id name } count municipalities { code } }
        collaborations { id name } projects { id name } datasets { id } } } }`);
      expect(data.coverage.county).toEqual({
        county: { code: '18', name: 'Örebro län' },
        municipalityCount: 12,
        memberCount: 11,
        nonMemberCount: 1,
        members: codes(OREBRO_MEMBERS),
        nonMembers: [{ code: '1860', name: 'Laxå' }],
        administrativePrincipals: [{ code: '1883', name: 'Karlskoga' }],
        roles: [
          { role: { id: iri('roll/administrativ-huvudman'), name: 'Administrativ huvudman' }, count: 1, municipalities: codes(['1883']) },
          { role: { id: iri('roll/medlem'), name: 'Medlem' }, count: 11, municipalities: codes(OREBRO_MEMBERS) },
        ],
        collaborations: [{ id: iri('samverkan/orebro-lan'), name: 'Kulturskolesamverkan i Örebro län' }],
        projects: [{ id: iri('projekt/kulturskola-i-hela-landet'), name: 'Kulturskola i hela landet' }],
        datasets: ids(['dataset/kommuner', 'dataset/orebro-lan']),
      });
    });

    it('puts every municipality of a county without a collaboration in none: Stockholms län’s 26', async () => {
      const data = await queryData(`{ coverage { county(code: "01") { ${ROW} } } }`);
      const row = data.coverage.county;
      expect(row).toEqual({
        county: { code: '01' },
        municipalityCount: 26,
        memberCount: 0,
        nonMemberCount: 26,
        members: [],
        nonMembers: row.nonMembers,
        administrativePrincipals: [],
        roles: [],
        collaborations: [],
        projects: [],
        datasets: ids(['dataset/kommuner']),
      });
      const all = await queryData('{ county(code: "01") { municipalities { code } } }');
      expect(row.nonMembers).toEqual(all.county.municipalities);
    });

    it('lists a project that covers a county through its area, though none of its municipalities is a member: Västmanland', async () => {
      const data = await queryData('{ coverage { county(code: "19") { municipalityCount memberCount nonMemberCount collaborations { id } projects { id } datasets { id } } } }');
      expect(data.coverage.county).toEqual({
        municipalityCount: 10,
        memberCount: 0,
        nonMemberCount: 10,
        collaborations: [],
        projects: ids(['projekt/kulturskola-i-hela-landet']),
        // The project is described in orebro-lan.
        datasets: ids(['dataset/kommuner', 'dataset/orebro-lan']),
      });
    });

    it('gives the national totals: 290 municipalities, the eleven of Örebro län members, 279 in none', async () => {
      const data = await queryData(`{ coverage { national { ${AREA} } } }`);
      const { nonMembers, ...rest } = data.coverage.national;
      expect(rest).toEqual({
        municipalityCount: 290,
        memberCount: 11,
        nonMemberCount: 279,
        members: codes(OREBRO_MEMBERS),
        administrativePrincipals: codes(['1883']),
        roles: [
          { role: { id: iri('roll/administrativ-huvudman') }, count: 1, municipalities: codes(['1883']) },
          { role: { id: iri('roll/medlem') }, count: 11, municipalities: codes(OREBRO_MEMBERS) },
        ],
        collaborations: ids(['samverkan/orebro-lan']),
        projects: ids(['projekt/kulturskola-i-hela-landet']),
        datasets: ids(['dataset/kommuner', 'dataset/orebro-lan']),
      });
      expect(nonMembers).toHaveLength(279);
      expect(nonMembers.map(({ code }: { code: string }) => code)).toContain('1860');
      expect(nonMembers.map(({ code }: { code: string }) => code)).not.toContain('1883');
    });

    it('answers one row per county, sorted by länskod, whose counts add up to the national ones', async () => {
      const data = await queryData('{ counties { code } coverage { national { municipalityCount memberCount nonMemberCount } counties { county { code } municipalityCount memberCount nonMemberCount } } }');
      const rows = data.coverage.counties;
      expect(rows.map((row: { county: { code: string } }) => row.county)).toEqual(data.counties);
      const sum = (key: string) => rows.reduce((total: number, row: Record<string, number>) => total + row[key]!, 0);
      expect({ municipalityCount: sum('municipalityCount'), memberCount: sum('memberCount'), nonMemberCount: sum('nonMemberCount') }).toEqual(data.coverage.national);
      expect(rows.filter((row: { memberCount: number }) => row.memberCount > 0).map((row: { county: { code: string } }) => row.county.code)).toEqual(['18']);
    });

    it('names things in the request’s language and keeps the order by Swedish name', async () => {
      const data = await queryData('{ coverage { county(code: "18") { county { name } nonMembers { name } roles { role { name } } collaborations { name } } } }', { language: 'en' });
      expect(data.coverage.county).toEqual({
        county: { name: 'Örebro County' },
        nonMembers: [{ name: 'Laxå Municipality' }],
        roles: [{ role: { name: 'Administrative principal' } }, { role: { name: 'Member' } }],
        collaborations: [{ name: 'Culture school collaboration in Örebro County' }],
      });
    });

    it('returns null for an unknown länskod and rejects a malformed one with BAD_USER_INPUT', async () => {
      expect((await queryData('{ coverage { county(code: "99") { memberCount } } }')).coverage.county).toBeNull();
      const result = await executeQuery('{ coverage { county(code: "T") { memberCount } } }');
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.message).toBe('Argument "code": expected a two-digit länskod such as "18" but got: "T".');
    });
  });

  describe('with a second dataset that adds a collaboration in another county', () => {
    let shipped: Graph;
    let withExample: Graph;

    beforeAll(async () => {
      const parts = await shippedParts();
      shipped = new UnionGraph(parts);
      const example = await partOf('exempel-vastmanland', Buffer.from(JSON.stringify(EXAMPLE_DATASET)));
      withExample = new UnionGraph([...parts, example]);
    });

    it('answers as the shipped files do when each dataset is its own graph', async () => {
      const query = `{ coverage { national { ${AREA} } counties { ${ROW} } } }`;
      expect(await queryData(query, { graph: shipped })).toEqual(await queryData(query));
    });

    it('counts its members in their own counties: two in Västmanland, and Laxå in Örebro län, which then has none outside', async () => {
      const data = await queryData(`{ coverage { vastmanland: county(code: "19") { ${ROW} } orebro: county(code: "18") { memberCount nonMembers { code } collaborations { id } datasets { id } } } }`, { graph: withExample });
      expect(data.coverage.vastmanland).toEqual({
        county: { code: '19' },
        municipalityCount: 10,
        memberCount: 2,
        nonMemberCount: 8,
        members: codes(['1980', '1983']),
        nonMembers: codes(['1904', '1907', '1960', '1961', '1962', '1981', '1982', '1984']),
        administrativePrincipals: codes(['1980']),
        roles: [
          { role: { id: iri('roll/administrativ-huvudman') }, count: 1, municipalities: codes(['1980']) },
          { role: { id: iri('roll/medlem') }, count: 2, municipalities: codes(['1980', '1983']) },
        ],
        collaborations: ids(['samverkan/exempel-vastmanland']),
        projects: ids(['projekt/kulturskola-i-hela-landet']),
        datasets: ids(['dataset/exempel-vastmanland', 'dataset/kommuner', 'dataset/orebro-lan']),
      });
      // Laxå's membership brings the example collaboration to Örebro län too, sorted by Swedish name (E before K).
      expect(data.coverage.orebro).toEqual({
        memberCount: 12,
        nonMembers: [],
        collaborations: ids(['samverkan/exempel-vastmanland', 'samverkan/orebro-lan']),
        datasets: ids(['dataset/exempel-vastmanland', 'dataset/kommuner', 'dataset/orebro-lan']),
      });
    });

    it('adds its members, principal and dataset to the national totals', async () => {
      const data = await queryData('{ coverage { national { memberCount nonMemberCount administrativePrincipals { code } roles { role { id } count } collaborations { id } datasets { id } } } }', { graph: withExample });
      expect(data.coverage.national).toEqual({
        memberCount: 14,
        nonMemberCount: 276,
        administrativePrincipals: codes(['1883', '1980']),
        roles: [
          { role: { id: iri('roll/administrativ-huvudman') }, count: 2 },
          { role: { id: iri('roll/medlem') }, count: 14 },
        ],
        collaborations: ids(['samverkan/exempel-vastmanland', 'samverkan/orebro-lan']),
        datasets: ids(['dataset/exempel-vastmanland', 'dataset/kommuner', 'dataset/orebro-lan']),
      });
    });

    it('leaves the counties it says nothing about as they were', async () => {
      const query = '{ coverage { county(code: "01") { memberCount collaborations { id } datasets { id } } } }';
      expect(await queryData(query, { graph: withExample })).toEqual(await queryData(query, { graph: shipped }));
    });
  });

  describe('and the cost limit', () => {
    it('bounds the lists of a county’s row by the most municipalities of any county, and the national ones by the country’s, from counts', async () => {
      const schema = makeExecutableSchema<Context>({ typeDefs, resolvers });
      const sizes = largestListSizes(schema, await shippedGraph());
      // 290 municipalities; the three roles memberships use (member, administrative principal, the collaboration's part in the project); one collaboration and one project (a project is a collaboration too, but served as a Project); the five shipped datasets.
      const national = { municipalities: 290, members: 290, nonMembers: 290, administrativePrincipals: 290, roles: 3, collaborations: 1, projects: 1, datasets: 5 };
      expect(Object.fromEntries(sizes.get('NationalCoverage')!)).toMatchObject(national);
      // Västra Götalands län has the most municipalities (49).
      expect(Object.fromEntries(sizes.get('CountyCoverage')!)).toMatchObject({ ...national, municipalities: 49, members: 49, nonMembers: 49, administrativePrincipals: 49 });
      expect(sizes.get('Coverage')!.get('counties')).toBe(21);
      expect(sizes.get('RoleCoverage')!.get('municipalities')).toBe(290);
    });
  });
});

/**
 * An example dataset, never shipped: a made-up collaboration in Västmanland
 * whose members are Västerås (also its administrative principal), Köping and
 * Laxå, which lies in Örebro län.
 */
const EXAMPLE_DATASET = {
  '@context': 'https://w3id.org/kulturskola/context.jsonld',
  id: 'kg:dataset/exempel-vastmanland',
  graph: [
    {
      id: 'kg:samverkan/exempel-vastmanland',
      type: 'org:OrganizationalCollaboration',
      name: { sv: 'Exempelsamverkan i Västmanlands län (exempel)', en: 'Example collaboration in Västmanland County (example)' },
      spatial: 'kg:lan/19',
    },
    ...[
      ['1980', 'medlem'],
      ['1983', 'medlem'],
      ['1860', 'medlem'],
      ['1980', 'administrativ-huvudman'],
    ].map(([code, role]) => ({
      id: `kg:samverkan/exempel-vastmanland/${role}/${code}`,
      type: 'org:Membership',
      member: `kg:kommun/${code}`,
      organization: 'kg:samverkan/exempel-vastmanland',
      role: `kg:roll/${role}`,
    })),
    { id: 'kg:kommun/1980', memberOf: 'kg:samverkan/exempel-vastmanland', administrativePrincipalOf: 'kg:samverkan/exempel-vastmanland' },
    { id: 'kg:kommun/1983', memberOf: 'kg:samverkan/exempel-vastmanland' },
    { id: 'kg:kommun/1860', memberOf: 'kg:samverkan/exempel-vastmanland' },
  ],
};

/** Every shipped dataset as a graph of its own, as the publishing store serves them. */
async function shippedParts(): Promise<Array<readonly [string, Graph]>> {
  const files = (await readdir(dataPath('graphs'))).filter((file) => file.endsWith('.jsonld')).sort();
  return Promise.all(files.map(async (file) => partOf(file.slice(0, -'.jsonld'.length), await readFile(dataPath(`graphs/${file}`)))));
}

async function partOf(slug: string, body: Uint8Array): Promise<readonly [string, Graph]> {
  const { content } = await canonicalNTriples(await parseBody(body, 'jsonld', slug));
  return [iri(`dataset/${slug}`), await graphOfContent(slug, content)];
}

function codes(list: string[]): Array<{ code: string }> {
  return list.map((code) => ({ code }));
}

function ids(paths: string[]): Array<{ id: string }> {
  return paths.map((path) => ({ id: iri(path) }));
}
