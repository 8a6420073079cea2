import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createApolloServer } from '../../src/http/createApolloServer.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { iri, queryData } from '../support/executeQuery.js';
import { graphOfTriG } from '../support/graphOfTriG.js';

// Cases the shipped data does not show, each on a small graph of its own: two counties, Stockholms
// län (01) with two municipalities and Örebro län (18) with three, the two roles, and what each
// test adds in further datasets.
const PLACES = `
<dataset/kommuner> {
  <lan/01> a ks:County ; dcterms:identifier "01" ; skos:prefLabel "Stockholms län"@sv .
  <lan/18> a ks:County ; dcterms:identifier "18" ; skos:prefLabel "Örebro län"@sv .
  <kommun/0114> a ks:Municipality ; dcterms:identifier "0114" ; ks:county <lan/01> ; skos:prefLabel "Upplands Väsby"@sv .
  <kommun/0115> a ks:Municipality ; dcterms:identifier "0115" ; ks:county <lan/01> ; skos:prefLabel "Vallentuna"@sv .
  <kommun/1860> a ks:Municipality ; dcterms:identifier "1860" ; ks:county <lan/18> ; skos:prefLabel "Laxå"@sv .
  <kommun/1880> a ks:Municipality ; dcterms:identifier "1880" ; ks:county <lan/18> ; skos:prefLabel "Örebro"@sv .
  <kommun/1883> a ks:Municipality ; dcterms:identifier "1883" ; ks:county <lan/18> ; skos:prefLabel "Karlskoga"@sv .
  <roll/medlem> skos:prefLabel "Medlem"@sv ; org:roleProperty org:memberOf .
  <roll/administrativ-huvudman> skos:prefLabel "Administrativ huvudman"@sv ; org:roleProperty ks:administrativePrincipalOf .
}`;

const MEDLEM = { id: iri('roll/medlem') };
const HUVUDMAN = { id: iri('roll/administrativ-huvudman') };

describe('Query.coverage over a small graph of its own', () => {
  it('counts a member of a collaboration that the data gives as a blank node', async () => {
    const graph = graphOf(`<dataset/exempel> {
      _:samverkan a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan utan IRI"@sv .
      <exempel/1880> org:member <kommun/1880> ; org:organization _:samverkan ; org:role <roll/medlem> .
    }`);
    const data = await queryData('{ coverage { county(code: "18") { memberCount members { code } nonMembers { code } collaborations { name } } } }', { graph });
    expect(data.coverage.county).toEqual({
      memberCount: 1,
      members: codes(['1880']),
      nonMembers: codes(['1860', '1883']),
      collaborations: [{ name: 'Samverkan utan IRI' }],
    });
  });

  it('counts memberships of collaborations and projects only: a member of another organisation is in none', async () => {
    const graph = graphOf(`<dataset/exempel> {
      <forening> a org:FormalOrganization ; skos:prefLabel "Musikföreningen"@sv .
      <forening/1883> org:member <kommun/1883> ; org:organization <forening> ; org:role <roll/medlem> .
    }`);
    const data = await queryData('{ coverage { county(code: "18") { memberCount nonMemberCount roles { role { id } } administrativePrincipals { code } collaborations { id } } } }', { graph });
    expect(data.coverage.county).toEqual({ memberCount: 0, nonMemberCount: 3, roles: [], administrativePrincipals: [], collaborations: [] });
  });

  it('makes a municipality an administrative principal when one of the roles of a membership is, and counts it in each of them', async () => {
    const graph = graphOf(`<dataset/exempel> {
      <samverkan> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan"@sv .
      <samverkan/1880> org:member <kommun/1880> ; org:organization <samverkan> ; org:role <roll/medlem>, <roll/administrativ-huvudman> .
      <samverkan/1883> org:member <kommun/1883> ; org:organization <samverkan> ; org:role <roll/medlem> .
    }`);
    const data = await queryData('{ coverage { county(code: "18") { members { code } administrativePrincipals { code } roles { role { id } count municipalities { code } } } } }', { graph });
    expect(data.coverage.county).toEqual({
      members: codes(['1880', '1883']),
      administrativePrincipals: codes(['1880']),
      roles: [
        { role: HUVUDMAN, count: 1, municipalities: codes(['1880']) },
        { role: MEDLEM, count: 2, municipalities: codes(['1880', '1883']) },
      ],
    });
  });

  it('lists a municipality once under a role it holds in two collaborations', async () => {
    const graph = graphOf(`<dataset/exempel> {
      <samverkan/a> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan A"@sv .
      <samverkan/b> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan B"@sv .
      <samverkan/a/1880> org:member <kommun/1880> ; org:organization <samverkan/a> ; org:role <roll/medlem> .
      <samverkan/b/1880> org:member <kommun/1880> ; org:organization <samverkan/b> ; org:role <roll/medlem> .
    }`);
    const data = await queryData('{ coverage { national { memberCount roles { role { id } count municipalities { code } } collaborations { id } } } }', { graph });
    expect(data.coverage.national).toEqual({
      memberCount: 1,
      roles: [{ role: MEDLEM, count: 1, municipalities: codes(['1880']) }],
      collaborations: [{ id: iri('samverkan/a') }, { id: iri('samverkan/b') }],
    });
  });

  it('counts a member whose membership names no role, or a literal for one, under no role', async () => {
    const graph = graphOf(`<dataset/exempel> {
      <samverkan> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan"@sv .
      <samverkan/1880> org:member <kommun/1880> ; org:organization <samverkan> .
      <samverkan/1883> org:member <kommun/1883> ; org:organization <samverkan> ; org:role "Medlem" .
    }`);
    const data = await queryData('{ coverage { county(code: "18") { memberCount members { code } roles { role { id } count } administrativePrincipals { code } } } }', { graph });
    expect(data.coverage.county).toEqual({ memberCount: 2, members: codes(['1880', '1883']), roles: [], administrativePrincipals: [] });
  });

  it('leaves out a membership that names no organisation', async () => {
    const graph = graphOf(`<dataset/exempel> {
      <samverkan> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan"@sv .
      <samverkan/1883> org:member <kommun/1883> ; org:organization <samverkan> ; org:role <roll/medlem> .
      <utan-organisation/1880> org:member <kommun/1880> ; org:role <roll/medlem> .
    }`);
    const data = await queryData('{ coverage { county(code: "18") { memberCount members { code } roles { role { id } count } } } }', { graph });
    expect(data.coverage.county).toEqual({ memberCount: 1, members: codes(['1883']), roles: [{ role: MEDLEM, count: 1 }] });
  });

  it('serves a municipality that a dataset also types as a collaboration as a municipality: it covers no county its area names', async () => {
    const graph = graphOf(`<dataset/exempel> {
      <kommun/0114> a org:OrganizationalCollaboration ; dcterms:spatial <lan/18> .
    }`);
    const data = await queryData('{ coverage { orebro: county(code: "18") { collaborations { id } datasets { id } } stockholm: county(code: "01") { collaborations { id } datasets { id } } } }', { graph });
    expect(data.coverage).toEqual({
      orebro: { collaborations: [], datasets: ids(['dataset/kommuner']) },
      stockholm: { collaborations: [], datasets: ids(['dataset/exempel', 'dataset/kommuner']) },
    });
  });

  it('lists the datasets that describe an area sorted by IRI, whatever the order they were loaded in', async () => {
    // dataset/kommuner is loaded first; dataset/exempel sorts before it.
    const graph = graphOf(`<dataset/exempel> {
      <samverkan> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan"@sv ; dcterms:spatial <lan/18> .
    }`);
    const data = await queryData('{ coverage { county(code: "18") { datasets { id } } national { datasets { id } } } }', { graph });
    expect(data.coverage).toEqual({
      county: { datasets: ids(['dataset/exempel', 'dataset/kommuner']) },
      national: { datasets: ids(['dataset/exempel', 'dataset/kommuner']) },
    });
  });

  it('follows a cycle of memberships: a collaboration and a project that are members of each other both cover both their counties', async () => {
    // Alfa (a collaboration) has Örebro (18) and the project Beta as members; Beta works in
    // Stockholms län (01) and has Alfa as member. Each covers 18 and 01, whichever is asked first.
    const graph = graphOf(`<dataset/exempel> {
      <samverkan/alfa> a org:OrganizationalCollaboration ; skos:prefLabel "Alfa"@sv .
      <projekt/beta> a schema:Project ; skos:prefLabel "Beta"@sv ; dcterms:spatial <lan/01> .
      <samverkan/alfa/1880> org:member <kommun/1880> ; org:organization <samverkan/alfa> ; org:role <roll/medlem> .
      <samverkan/alfa/beta> org:member <projekt/beta> ; org:organization <samverkan/alfa> .
      <projekt/beta/alfa> org:member <samverkan/alfa> ; org:organization <projekt/beta> .
    }`);
    const data = await queryData('{ coverage { counties { county { code } memberCount collaborations { id } projects { id } } } }', { graph });
    expect(data.coverage.counties).toEqual([
      { county: { code: '01' }, memberCount: 0, collaborations: ids(['samverkan/alfa']), projects: ids(['projekt/beta']) },
      { county: { code: '18' }, memberCount: 1, collaborations: ids(['samverkan/alfa']), projects: ids(['projekt/beta']) },
    ]);
  });

  it('fails with a data error naming the organisation it lists that has no name in the data', async () => {
    const graph = graphOf(`<dataset/exempel> {
      <samverkan/namnlos> a org:OrganizationalCollaboration ; dcterms:spatial <lan/18> .
    }`);
    const logged: Array<{ msg: string; err?: { message: string } }> = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logged.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const server = createApolloServer({ logger: pino({ level: 'error' }, destination) });
    const response = await server.executeOperation({ query: '{ coverage { county(code: "18") { collaborations { id name } } } }' }, { contextValue: { graph, language: 'sv' } });
    expect(response.body.kind === 'single' && response.body.singleResult.errors?.map(({ extensions }) => extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(logged.map(({ msg, err }) => [msg, err?.message])).toEqual([
      ['unexpected error while answering a query', `The data gives no skos:prefLabel for <${iri('samverkan/namnlos')}>`],
    ]);
  });
});

/** The places above plus `datasets` (TriG, with the prefixes ks, org, skos, dcterms and schema and our base IRI), in that order, as one Graph. */
function graphOf(datasets: string): Graph {
  return graphOfTriG(PLACES + datasets);
}

function codes(list: string[]): Array<{ code: string }> {
  return list.map((code) => ({ code }));
}

function ids(paths: string[]): Array<{ id: string }> {
  return paths.map((path) => ({ id: iri(path) }));
}
