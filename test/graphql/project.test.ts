import { describe, expect, it } from 'vitest';
import { iri, queryData } from '../support/executeQuery.js';

const project = iri('projekt/kulturskola-i-hela-landet');

describe('Query.projects', () => {
  it('lists Kulturskola i hela landet', async () => {
    const data = await queryData('{ projects { id name } }');
    expect(data.projects).toEqual([{ id: project, name: 'Kulturskola i hela landet' }]);
  });
});

describe('Project', () => {
  it('was initiated by Kulturskolerådet, funded by Allmänna arvsfonden and ran 2019–2022', async () => {
    const data = await queryData(`{ node(id: "${project}") { ... on Project {
      initiator { name homepage } funders { name(lang: "en") homepage } period { start end schoolYear } } } }`);
    expect(data.node).toEqual({
      initiator: { name: 'Kulturskolerådet', homepage: 'https://www.kulturskoleradet.se/sv' },
      funders: [{ name: 'Swedish Inheritance Fund', homepage: 'https://www.arvsfonden.se/' }],
      period: { start: '2019', end: '2022', schoolYear: false },
    });
  });

  it('aims at young people aged 6–19 in three regions: Örebro, Västmanland and Norrbotten', async () => {
    const data = await queryData(`{ node(id: "${project}") { ... on Project {
      minAge maxAge regions { id code name(lang: "en") } purpose { description(lang: "sv") } } } }`);
    expect(data.node).toEqual({
      minAge: 6,
      maxAge: 19,
      regions: [
        { id: iri('lan/18'), code: '18', name: 'Örebro County' },
        { id: iri('lan/19'), code: '19', name: 'Västmanland County' },
        { id: iri('lan/25'), code: '25', name: 'Norrbotten County' },
      ],
      purpose: {
        description:
          'Projektet syftar att ge fler unga, 6-19 år, bättre uppväxtvillkor och bryta utanförskap genom kulturutövande i tre regioner/län (Norrbotten, Västmanland, Örebro).',
      },
    });
  });

  it('covers five themes, in the order of the source', async () => {
    const data = await queryData(`{ node(id: "${project}") { ... on Project { themes { sv: name(lang: "sv") en: name(lang: "en") } } } }`);
    expect(data.node.themes).toEqual([
      { sv: 'Ökat deltagande i kulturlivet', en: 'Increased participation in cultural life' },
      { sv: 'Ungas delaktighet och inflytande', en: "Young people's participation and influence" },
      { sv: 'Bryta utanförskap', en: 'Breaking social exclusion' },
      { sv: 'Inkludering', en: 'Inclusion' },
      { sv: 'Hållbar utveckling', en: 'Sustainable development' },
    ]);
  });

  it('has the Örebro collaboration as participant, and says what participating schools shall do', async () => {
    const data = await queryData(`{ node(id: "${project}") { ... on Project {
      members { member { id } role { name(lang: "en") } } description(lang: "sv") } } }`);
    expect(data.node.members).toEqual([{ member: { id: iri('samverkan/orebro-lan') }, role: { name: 'Participant' } }]);
    expect(data.node.description).toMatch(/^Deltagande kulturskolor skall förnya och utveckla verksamhet och samverkan/);
  });
});

describe('Query.grants', () => {
  it('lists every grant with funders, recipient and period, oldest first', async () => {
    const data = await queryData('{ grants { name(lang: "en") funders { id } recipient { id } period { start end } } }');
    expect(data.grants).toEqual([
      {
        name: 'Support from the Swedish Inheritance Fund for the project Kulturskola i hela landet',
        funders: [{ id: iri('org/allmanna-arvsfonden') }],
        recipient: { id: project },
        period: { start: '2019', end: '2022' },
      },
      {
        name: 'Development grant from the Swedish Arts Council',
        funders: [{ id: iri('org/statens-kulturrad') }],
        recipient: { id: iri('samverkan/orebro-lan') },
        period: { start: '2022', end: '2023' },
      },
    ]);
  });
});
