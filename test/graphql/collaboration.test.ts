import { describe, expect, it } from 'vitest';
import { executeQuery, iri, queryData } from '../support/executeQuery.js';

const orebro = iri('samverkan/orebro-lan');

// The eleven municipalities the organisation's page names, by SCB kommunkod.
const memberCodes = ['1814', '1861', '1862', '1863', '1864', '1880', '1881', '1882', '1883', '1884', '1885'];

describe('Query.collaborations', () => {
  it('lists Kulturskolesamverkan i Örebro län, and not the project it takes part in', async () => {
    const data = await queryData('{ collaborations { id name(lang: "sv") } }');
    expect(data.collaborations).toEqual([{ id: orebro, name: 'Kulturskolesamverkan i Örebro län' }]);
  });
});

describe('Query.collaboration', () => {
  it('returns null for an IRI the graph does not describe', async () => {
    const data = await queryData(`{ collaboration(id: "${iri('samverkan/nowhere')}") { id } }`);
    expect(data.collaboration).toBeNull();
  });

  it('returns null for a resource that is not a collaboration', async () => {
    const data = await queryData(`{ collaboration(id: "${iri('kommun/1883')}") { id } }`);
    expect(data.collaboration).toBeNull();
  });

  it('answers BAD_USER_INPUT naming "id" for an id that is no IRI', async () => {
    const result = await executeQuery('{ collaboration(id: "samverkan/orebro-lan") { id } }');
    expect(result.data).toEqual({ collaboration: null });
    expect(result.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['BAD_USER_INPUT', 'Argument "id": expected an absolute IRI such as "https://w3id.org/kulturskola/kommun/1883" but got: "samverkan/orebro-lan".'],
    ]);
  });

  it('names the collaboration in Swedish and English, with its home page and region', async () => {
    const data = await queryData(`{ collaboration(id: "${orebro}") {
      sv: name(lang: "sv") en: name(lang: "en") homepage regions { code name }
      description(lang: "sv") } }`);
    expect(data.collaboration).toEqual({
      sv: 'Kulturskolesamverkan i Örebro län',
      en: 'Culture school collaboration in Örebro County',
      homepage: 'https://www.kulturskolesamverkan.se/',
      regions: [{ code: '18', name: 'Örebro län' }],
      description: 'En regional samverkan mellan kommunala musik- och kulturskolor i Örebro län.',
    });
  });
});

describe('Collaboration.members', () => {
  it('has the eleven municipalities of the source as members, each with its kommunkod and county', async () => {
    const data = await queryData(`{ collaboration(id: "${orebro}") {
      memberOrganisations { __typename ... on Municipality { code county { code name } } } } }`);
    expect(data.collaboration.memberOrganisations).toEqual(
      memberCodes.map((code) => ({ __typename: 'Municipality', code, county: { code: '18', name: 'Örebro län' } })),
    );
  });

  it('lists one membership per member and role, sorted by kommunkod, with the role as a concept', async () => {
    const data = await queryData(`{ collaboration(id: "${orebro}") {
      members { id organisation { id } role { id name(lang: "en") } member { ... on Municipality { code } } } } }`);
    const members = data.collaboration.members as Array<{ member: { code: string }; role: { name: string }; organisation: { id: string } }>;
    expect(members.map((membership) => membership.member.code)).toEqual([...memberCodes.slice(0, 8), '1883', '1883', '1884', '1885']);
    expect(members.filter((membership) => membership.role.name === 'Member').map((membership) => membership.member.code)).toEqual(memberCodes);
    expect(members.filter((membership) => membership.role.name === 'Administrative principal').map((membership) => membership.member.code)).toEqual(['1883']);
    expect(new Set(members.map((membership) => membership.organisation.id))).toEqual(new Set([orebro]));
  });

  it('keeps one role when asked for it by IRI', async () => {
    const data = await queryData(`{ collaboration(id: "${orebro}") {
      members(role: "${iri('roll/administrativ-huvudman')}") { member { name } } } }`);
    expect(data.collaboration.members).toEqual([{ member: { name: 'Karlskoga' } }]);
  });

  it('answers BAD_USER_INPUT naming "role" for a role that is no IRI', async () => {
    const result = await executeQuery(`{ collaboration(id: "${orebro}") { members(role: "huvudman") { id } } }`);
    expect(result.data).toEqual({ collaboration: null });
    expect(result.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['BAD_USER_INPUT', 'Argument "role": expected an absolute IRI such as "https://w3id.org/kulturskola/kommun/1883" but got: "huvudman".'],
    ]);
  });

  it('does not count Laxå, which lies in the county but is not named as a member', async () => {
    const data = await queryData(`{ municipality(code: "1860") { name county { code } memberships { id } } }`);
    expect(data.municipality).toEqual({ name: 'Laxå', county: { code: '18' }, memberships: [] });
  });

  it('gives no period for the memberships, since the source gives none ("i dagsläget")', async () => {
    const data = await queryData(`{ collaboration(id: "${orebro}") { members { period { start end } } } }`);
    expect(new Set(data.collaboration.members.map((membership: { period: unknown }) => membership.period))).toEqual(new Set([null]));
  });
});

describe('Collaboration.administrativePrincipal', () => {
  it('is Karlskoga kommun', async () => {
    const data = await queryData(`{ collaboration(id: "${orebro}") {
      administrativePrincipal { __typename id name ... on Municipality { code } } } }`);
    expect(data.collaboration.administrativePrincipal).toEqual({
      __typename: 'Municipality',
      id: iri('kommun/1883'),
      name: 'Karlskoga',
      code: '1883',
    });
  });

  it('rests on an agreement with the participating municipalities', async () => {
    const data = await queryData(`{ municipality(code: "1883") { memberships {
      organisation { id } role { name(lang: "en") }
      basis { name(lang: "sv") description(lang: "sv") parties { ... on Municipality { code } } } } } }`);
    const principal = data.municipality.memberships.find(
      (membership: { role: { name: string } }) => membership.role.name === 'Administrative principal',
    );
    expect(principal.organisation.id).toBe(orebro);
    expect(principal.basis.description).toBe('Karlskoga kommun fungerar som administrativ huvudman genom avtal med deltagande kommuner.');
    expect(principal.basis.parties.map((party: { code: string }) => party.code)).toEqual(memberCodes);
  });
});

describe('Collaboration purpose, goals and vision', () => {
  it('states the purpose of the collaboration', async () => {
    const data = await queryData(`{ collaboration(id: "${orebro}") { purpose { description(lang: "sv") } } }`);
    expect(data.collaboration.purpose.description).toBe(
      'Syftet med samverkan är ökade möjligheter för barn och unga i hela länet att utöva kultur.',
    );
  });

  it('lists the three overarching goals in the order of the source, with their texts', async () => {
    const data = await queryData(`{ collaboration(id: "${orebro}") { goals { position name(lang: "sv") description(lang: "sv") } } }`);
    const goals = data.collaboration.goals as Array<{ position: number; name: string; description: string }>;
    expect(goals.map(({ position, name }) => [position, name])).toEqual([
      [1, 'Samverkan mellan barn och unga'],
      [2, 'Samverkan mellan pedagoger och chefer'],
      [3, 'Samverkan med externa kulturaktörer'],
    ]);
    expect(goals[0]!.description).toMatch(/^Vi vill ge barn och unga, i hela länet, ökad möjlighet till en varierad, breddad och fördjupad kulturutövning\.$/);
    expect(goals[1]!.description).toContain('Kunskap och kompetens som finns lokalt ska komma hela länet till del.');
    expect(goals[2]!.description).toContain('att både uppleva och utöva kultur av hög kvalitet');
  });

  it('gives the goals in English too', async () => {
    const data = await queryData(`{ collaboration(id: "${orebro}") { goals { name(lang: "en") } } }`);
    expect(data.collaboration.goals.map((goal: { name: string }) => goal.name)).toEqual([
      'Collaboration between children and young people',
      'Collaboration between teachers and managers',
      'Collaboration with external cultural actors',
    ]);
  });

  it('reaches the same vision from the collaboration and from its first goal', async () => {
    const data = await queryData(`{ collaboration(id: "${orebro}") {
      vision { id description(lang: "sv") } goals { vision { id } } } }`);
    const { vision, goals } = data.collaboration;
    expect(vision.description).toMatch(/^Visionen är att alla barn och unga i Örebro län, oavsett förutsättningar, har möjlighet att utöva kultur/);
    expect(goals.map((goal: { vision: { id: string } | null }) => goal.vision?.id ?? null)).toEqual([vision.id, null, null]);
  });
});

describe('Collaboration financing', () => {
  it('is financed in school year 2022–2023 jointly by the county’s municipalities, supported by a development grant from Statens kulturråd', async () => {
    const data = await queryData(`{ collaboration(id: "${orebro}") { financing {
      period { start end schoolYear } model { name(lang: "en") } area { code }
      financedItem { id } description(lang: "sv")
      grants { funders { name } recipient { id } period { start end schoolYear } } } } }`);
    expect(data.collaboration.financing).toEqual([
      {
        period: { start: '2022', end: '2023', schoolYear: true },
        model: { name: 'Joint municipal financing' },
        area: { code: '18' },
        financedItem: { id: orebro },
        description: 'Läsåret 2022 – 2023 finansieras samverkan gemensamt av länets kommuner med stöd av utvecklingsbidrag från Statens kulturråd.',
        grants: [{ funders: [{ name: 'Statens kulturråd' }], recipient: { id: orebro }, period: { start: '2022', end: '2023', schoolYear: true } }],
      },
    ]);
  });

  it('lists its grants oldest first: Allmänna arvsfonden through the project 2019–2022, then Statens kulturråd 2022–2023', async () => {
    const data = await queryData(`{ collaboration(id: "${orebro}") { grants {
      funders { name } recipient { __typename id } period { start end } } } }`);
    expect(data.collaboration.grants).toEqual([
      {
        funders: [{ name: 'Allmänna arvsfonden' }],
        recipient: { __typename: 'Project', id: iri('projekt/kulturskola-i-hela-landet') },
        period: { start: '2019', end: '2022' },
      },
      { funders: [{ name: 'Statens kulturråd' }], recipient: { __typename: 'Collaboration', id: orebro }, period: { start: '2022', end: '2023' } },
    ]);
  });

  it('states no amounts, because the source gives none', async () => {
    const result = await executeQuery(`{ grants { amount } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('Collaboration.projects', () => {
  it('takes part in Kulturskola i hela landet during 2019–2022', async () => {
    const data = await queryData(`{ collaboration(id: "${orebro}") {
      projects { id name }
      memberships { organisation { id } role { name(lang: "en") } period { start end } } } }`);
    expect(data.collaboration).toEqual({
      projects: [{ id: iri('projekt/kulturskola-i-hela-landet'), name: 'Kulturskola i hela landet' }],
      memberships: [
        { organisation: { id: iri('projekt/kulturskola-i-hela-landet') }, role: { name: 'Participant' }, period: { start: '2019', end: '2022' } },
      ],
    });
  });
});

describe('Collaboration.linkedOrganisations', () => {
  it('links to the external actors of the source, each with its web address', async () => {
    const data = await queryData(`{ collaboration(id: "${orebro}") { linkedOrganisations { __typename name homepage } } }`);
    expect(data.collaboration.linkedOrganisations).toEqual([
      { __typename: 'OtherOrganisation', name: 'Allmänna arvsfonden', homepage: 'https://www.arvsfonden.se/' },
      { __typename: 'OrganisationalUnit', name: 'Kulturskolecentrum', homepage: 'https://www.kulturradet.se/kulturskolecentrum' },
      { __typename: 'OtherOrganisation', name: 'Kulturskolerådet', homepage: 'https://www.kulturskoleradet.se/sv' },
      { __typename: 'OtherOrganisation', name: 'Region Norrbotten', homepage: 'https://www.norrbotten.se/' },
      { __typename: 'OtherOrganisation', name: 'Region Örebro län', homepage: 'https://www.regionorebrolan.se/' },
      { __typename: 'OtherOrganisation', name: 'Regional Kulturskola i Västmanland', homepage: 'https://www.regionalkulturskola.com/' },
      { __typename: 'OtherOrganisation', name: 'Statens kulturråd', homepage: 'https://www.kulturradet.se/' },
    ]);
  });
});
