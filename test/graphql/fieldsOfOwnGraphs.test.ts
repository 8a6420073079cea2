import { describe, expect, it } from 'vitest';
import type { Graph } from '../../src/rdf/Graph.js';
import { iri, queryData } from '../support/executeQuery.js';
import { graphOfTriG } from '../support/graphOfTriG.js';

// Cases the shipped data does not show, on one small dataset of its own: a collaboration with a goal that
// has a position and one that has none, a collaboration the data gives as a blank node, a project whose
// audience states a youngest age only and whose period is a blank node, and a project with neither
// audience nor a period of its own, whose period is a school year with an IRI.
const graph = graphOf(`<dataset/exempel> {
  <samverkan/x> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan X"@sv ; ks:goal <samverkan/x/mal/1>, <samverkan/x/mal/2> .
  <samverkan/x/mal/1> a ks:Goal ; skos:prefLabel "Mål med plats"@sv ; schema:position 1 .
  <samverkan/x/mal/2> a ks:Goal ; skos:prefLabel "Mål utan plats"@sv .
  _:utanIri a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan utan IRI"@sv .
  <projekt/a> a schema:Project ; skos:prefLabel "Projekt A"@sv ; dcterms:audience [ schema:suggestedMinAge 7 ] ; dcterms:temporal [ dcat:startDate "2020" ; dcat:endDate "2021" ] .
  <projekt/b> a schema:Project ; skos:prefLabel "Projekt B"@sv ; dcterms:temporal <period/lasar-2022-2023> .
  <period/lasar-2022-2023> a ks:SchoolYear ; dcat:startDate "2022" ; dcat:endDate "2023" .
}`);

describe('Goal.position', () => {
  it('is the position the data states, and null for a goal the data gives none', async () => {
    const data = await queryData(`{ node(id: "${iri('samverkan/x')}") { ... on Collaboration { goals { id position } } } }`, { graph });
    expect(data.node.goals).toEqual([
      { id: iri('samverkan/x/mal/1'), position: 1 },
      { id: iri('samverkan/x/mal/2'), position: null },
    ]);
  });
});

describe('Project.minAge and Project.maxAge', () => {
  it('answer the ages the audience states, null for an age it does not state and both null for a project without audience', async () => {
    const data = await queryData('{ projects { id minAge maxAge } }', { graph });
    expect(data.projects).toEqual([
      { id: iri('projekt/a'), minAge: 7, maxAge: null },
      { id: iri('projekt/b'), minAge: null, maxAge: null },
    ]);
  });
});

describe('Period.id', () => {
  it('is null for a period the data gives as a blank node, and the IRI of one that has an IRI', async () => {
    const data = await queryData('{ projects { id period { id start end schoolYear } } }', { graph });
    expect(data.projects).toEqual([
      { id: iri('projekt/a'), period: { id: null, start: '2020', end: '2021', schoolYear: false } },
      { id: iri('projekt/b'), period: { id: iri('period/lasar-2022-2023'), start: '2022', end: '2023', schoolYear: true } },
    ]);
  });
});

describe('Dataset.resources', () => {
  it('lists each typed resource with an IRI once, sorted by IRI, and leaves out the collaboration given as a blank node', async () => {
    const data = await queryData(`{ dataset(id: "${iri('dataset/exempel')}") { resources { totalCount nodes { id } } } }`, { graph });
    expect(data.dataset.resources).toEqual({
      totalCount: 5,
      nodes: [{ id: iri('projekt/a') }, { id: iri('projekt/b') }, { id: iri('samverkan/x') }, { id: iri('samverkan/x/mal/1') }, { id: iri('samverkan/x/mal/2') }],
    });
  });
});

describe('Query.paths through memberships whose role names no property the network reads', () => {
  // One member's role has a blank node as its role property, the other's a property the network has no reading for.
  const roles = graphOf(`<dataset/roller> {
    <samverkan/y> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan Y"@sv .
    <kommun/0001> a ks:Municipality ; skos:prefLabel "Ett"@sv .
    <kommun/0002> a ks:Municipality ; skos:prefLabel "Två"@sv .
    <roll/utan-iri> skos:prefLabel "Roll vars egenskap saknar IRI"@sv ; org:roleProperty [ skos:prefLabel "Okänd"@sv ] .
    <roll/okand> skos:prefLabel "Roll med okänd egenskap"@sv ; org:roleProperty <https://example.org/okand> .
    <samverkan/y/0001> a org:Membership ; org:member <kommun/0001> ; org:organization <samverkan/y> ; org:role <roll/utan-iri> .
    <samverkan/y/0002> a org:Membership ; org:member <kommun/0002> ; org:organization <samverkan/y> ; org:role <roll/okand> .
  }`);

  it('reads both as memberships (org:memberOf), with their roles', async () => {
    const data = await queryData(
      `{ paths(from: "${iri('kommun/0001')}", to: "${iri('kommun/0002')}") { steps { to { id } label(lang: "en") property { id } role { id } } } }`,
      { graph: roles },
    );
    const memberOf = { id: 'http://www.w3.org/ns/org#memberOf' };
    expect(data.paths).toEqual([
      {
        steps: [
          { to: { id: iri('samverkan/y') }, label: 'is a member of', property: memberOf, role: { id: iri('roll/utan-iri') } },
          { to: { id: iri('kommun/0002') }, label: 'has as member', property: memberOf, role: { id: iri('roll/okand') } },
        ],
      },
    ]);
  });
});

function graphOf(datasets: string): Graph {
  return graphOfTriG(datasets);
}
