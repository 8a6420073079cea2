import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { relationshipsOf, type PictureEdge, type Relationships } from '../../src/http/linkedData/relationshipsOf.js';
import { graphOfTriG } from '../support/graphOfTriG.js';
import { iri, shippedData } from './linkedDataServer.js';

// What a collaboration's relationship picture draws, read from the graph. The graph below has
// what the shipped data lacks: a member without a role or a code, memberships whose IRIs sort
// against their members' codes, a project with two participations, grants and direct funders
// whose names sort against their IRIs, and initiators of the collaboration itself.

const { namedNode } = DataFactory;

const graph = graphOfTriG(`
  <dataset/test> {
    <samverkan/test> a org:OrganizationalCollaboration ;
      skos:prefLabel "Testsamverkan"@sv ;
      dcterms:spatial <lan/02>, <lan/01>, <kommun/0001> ;
      ks:initiatedBy <org/initiator-z>, <org/initiator-a> ;
      schema:funder <org/direct> .
    <lan/01> a ks:County ; dcterms:identifier "01" ; skos:prefLabel "Första län"@sv .
    <lan/02> a ks:County ; dcterms:identifier "02" ; skos:prefLabel "Andra län"@sv .
    <kommun/0001> a ks:Municipality ; dcterms:identifier "0001" ; skos:prefLabel "Ett"@sv .
    <kommun/0002> a ks:Municipality ; dcterms:identifier "0002" ; skos:prefLabel "Två"@sv .
    <kommun/0003> a ks:Municipality ; dcterms:identifier "0003" ; skos:prefLabel "Tre"@sv .
    <org/utan-kod> skos:prefLabel "Aaa utan kod"@sv .

    <roll/huvudman> org:roleProperty ks:administrativePrincipalOf ; skos:prefLabel "Huvudman"@sv .
    <roll/medlem> skos:prefLabel "Medlem"@sv .
    <roll/adjungerad> skos:prefLabel "Adjungerad"@sv .
    <roll/deltagare> skos:prefLabel "Deltagare"@sv .

    # Memberships, in IRI order: not the order of their members' codes.
    <m/a> org:organization <samverkan/test> ; org:member <kommun/0002> ; org:role <roll/medlem> .
    <m/b> org:organization <samverkan/test> ; org:member <kommun/0001> ; org:role <roll/medlem> .
    <m/c> org:organization <samverkan/test> ; org:member <kommun/0002> ; org:role <roll/huvudman> .
    <m/d> org:organization <samverkan/test> ; org:member <kommun/0003> .
    <m/e> org:organization <samverkan/test> ; org:member <org/utan-kod> ; org:role <roll/medlem> .
    <m/f> org:organization <samverkan/test> ; org:member <kommun/0001> ; org:role <roll/adjungerad> .
    <m/g> org:organization <samverkan/test> ; org:member <kommun/0001> ; org:role <roll/medlem> .
    # Another collaboration's membership.
    <m/x> org:organization <samverkan/annan> ; org:member <kommun/0003> ; org:role <roll/medlem> .

    # Participations in projects: two in B, one in A, and one in a collaboration that is no project.
    <p/1> org:member <samverkan/test> ; org:organization <projekt/b> ; org:role <roll/deltagare> .
    <p/2> org:member <samverkan/test> ; org:organization <projekt/a> .
    <p/3> org:member <samverkan/test> ; org:organization <projekt/b> ; org:role <roll/medlem> .
    <p/4> org:member <samverkan/test> ; org:organization <samverkan/annan> ; org:role <roll/medlem> .
    <samverkan/annan> a org:OrganizationalCollaboration ; skos:prefLabel "Annan"@sv .
    <projekt/a> a schema:Project, org:OrganizationalCollaboration ; skos:prefLabel "Projekt B-namn"@sv ; ks:initiatedBy <org/initiator-z> .
    <projekt/b> a schema:Project, org:OrganizationalCollaboration ; skos:prefLabel "Projekt A-namn"@sv ; schema:funder <org/direct> .

    # Grants, named against their IRIs' order; one without its type does not count.
    <bidrag/1> a schema:MonetaryGrant ; skos:prefLabel "Sista bidraget"@sv ; schema:fundedItem <samverkan/test> ; schema:funder <org/fonden>, <org/bidragsgivaren> .
    <bidrag/2> a schema:MonetaryGrant ; skos:prefLabel "Första bidraget"@sv ; schema:fundedItem <samverkan/test> ; schema:funder <org/staten> .
    <bidrag/3> skos:prefLabel "Otypat bidrag"@sv ; schema:fundedItem <samverkan/test> ; schema:funder <org/otypad> .
    <bidrag/4> a schema:MonetaryGrant ; skos:prefLabel "Projektbidrag"@sv ; schema:fundedItem <projekt/b> ; schema:funder <org/fonden> .
    <org/fonden> skos:prefLabel "Fonden"@sv .
    <org/bidragsgivaren> skos:prefLabel "Bidragsgivaren"@sv .
    <org/staten> skos:prefLabel "Staten"@sv .
    <org/direct> skos:prefLabel "Direkt finansiär"@sv .
    <org/initiator-z> skos:prefLabel "A-initiativ"@sv .
    <org/initiator-a> skos:prefLabel "Z-initiativ"@sv .
  }
`);

const node = (path: string) => namedNode(iri(path));
const short = (term: { value: string } | null) => (term === null ? null : term.value.replace(iri(''), ''));
const edgeOf = ({ kind, from, to, role, via, principal }: PictureEdge) => [kind, short(from), short(to), short(role), short(via), principal];

function relationships(path: string): Relationships {
  const found = relationshipsOf(graph, node(path));
  expect(found).not.toBeNull();
  return found!;
}

describe('relationshipsOf', () => {
  it('is null for anything but a collaboration: a municipality, a county, an unknown IRI', () => {
    expect(relationshipsOf(graph, node('kommun/0001'))).toBeNull();
    expect(relationshipsOf(graph, node('lan/01'))).toBeNull();
    expect(relationshipsOf(graph, node('samverkan/okand'))).toBeNull();
  });

  it('says whether the collaboration is a project', () => {
    expect(relationships('samverkan/test').project).toBe(false);
    expect(relationships('projekt/a').project).toBe(true);
  });

  it('lists the members by code (one without a code last), each once with its roles by name, the administrative principal marked', () => {
    const { members } = relationships('samverkan/test');
    expect(members.map(({ member, roles, principal }) => [short(member), roles.map(short), principal])).toEqual([
      ['kommun/0001', ['roll/adjungerad', 'roll/medlem'], false],
      ['kommun/0002', ['roll/huvudman', 'roll/medlem'], true],
      ['kommun/0003', [], false],
      ['org/utan-kod', ['roll/medlem'], false],
    ]);
  });

  it('lists the counties it works in by code, leaving out places that are not counties', () => {
    expect(relationships('samverkan/test').counties.map(short)).toEqual(['lan/01', 'lan/02']);
  });

  it('lists the projects it takes part in by name, each once, with their funders and initiators', () => {
    const { projects } = relationships('samverkan/test');
    expect(projects.map(({ project, funders, initiators }) => [short(project), funders.map(short), initiators.map(short)])).toEqual([
      ['projekt/b', ['org/direct', 'org/fonden'], []],
      ['projekt/a', [], ['org/initiator-z']],
    ]);
  });

  it('lists who funds it, through a typed grant or directly, by name, and who initiated it, by name', () => {
    const found = relationships('samverkan/test');
    expect(found.funders.map(short)).toEqual(['org/bidragsgivaren', 'org/direct', 'org/fonden', 'org/staten']);
    expect(found.initiators.map(short)).toEqual(['org/initiator-z', 'org/initiator-a']);
  });

  it('states one edge per relationship: memberships by member, the principal one first; counties; participations; funding; initiatives', () => {
    expect(relationships('samverkan/test').edges.map(edgeOf)).toEqual([
      ['membership', 'kommun/0001', 'samverkan/test', 'roll/medlem', 'm/b', false],
      ['membership', 'kommun/0001', 'samverkan/test', 'roll/adjungerad', 'm/f', false],
      ['membership', 'kommun/0001', 'samverkan/test', 'roll/medlem', 'm/g', false],
      ['membership', 'kommun/0002', 'samverkan/test', 'roll/huvudman', 'm/c', true],
      ['membership', 'kommun/0002', 'samverkan/test', 'roll/medlem', 'm/a', false],
      ['membership', 'kommun/0003', 'samverkan/test', null, 'm/d', false],
      ['membership', 'org/utan-kod', 'samverkan/test', 'roll/medlem', 'm/e', false],
      ['spatial', 'samverkan/test', 'lan/01', null, null, false],
      ['spatial', 'samverkan/test', 'lan/02', null, null, false],
      ['participation', 'samverkan/test', 'projekt/b', 'roll/deltagare', 'p/1', false],
      ['participation', 'samverkan/test', 'projekt/b', 'roll/medlem', 'p/3', false],
      ['participation', 'samverkan/test', 'projekt/a', null, 'p/2', false],
      ['funding', 'org/staten', 'samverkan/test', null, 'bidrag/2', false],
      ['funding', 'org/bidragsgivaren', 'samverkan/test', null, 'bidrag/1', false],
      ['funding', 'org/fonden', 'samverkan/test', null, 'bidrag/1', false],
      ['funding', 'org/direct', 'samverkan/test', null, null, false],
      ['funding', 'org/fonden', 'projekt/b', null, 'bidrag/4', false],
      ['funding', 'org/direct', 'projekt/b', null, null, false],
      ['initiative', 'org/initiator-z', 'samverkan/test', null, null, false],
      ['initiative', 'org/initiator-a', 'samverkan/test', null, null, false],
      ['initiative', 'org/initiator-z', 'projekt/a', null, null, false],
    ]);
  });

  it("gives a project's own relationships: its participants as members, its funders and initiators", () => {
    const found = relationships('projekt/b');
    expect(found.members.map(({ member, roles, principal }) => [short(member), roles.map(short), principal])).toEqual([['samverkan/test', ['roll/deltagare', 'roll/medlem'], false]]);
    expect(found.funders.map(short)).toEqual(['org/direct', 'org/fonden']);
    expect(found.projects).toEqual([]);
    expect(found.counties).toEqual([]);
    expect(found.initiators).toEqual([]);
  });

  it('is all empty for a collaboration with nothing stated about it', () => {
    const lone = graphOfTriG('<samverkan/ensam> a org:OrganizationalCollaboration .');
    const found = relationshipsOf(lone, node('samverkan/ensam'))!;
    expect(found).toEqual({ collaboration: node('samverkan/ensam'), project: false, members: [], counties: [], projects: [], funders: [], initiators: [], edges: [] });
  });

  it("reads the shipped collaboration in Örebro län: Karlskoga its principal, the county, its project and their funders", async () => {
    const { graph: shipped } = await shippedData();
    const found = relationshipsOf(shipped, node('samverkan/orebro-lan'))!;
    expect(found.members).toHaveLength(11);
    expect(found.members.filter(({ principal }) => principal).map(({ member }) => short(member))).toEqual(['kommun/1883']);
    expect(found.counties.map(short)).toEqual(['lan/18']);
    expect(found.projects.map(({ project, funders, initiators }) => [short(project), funders.map(short), initiators.map(short)])).toEqual([
      ['projekt/kulturskola-i-hela-landet', ['org/allmanna-arvsfonden'], ['org/kulturskoleradet']],
    ]);
    expect(found.funders.map(short)).toEqual(['org/statens-kulturrad']);
    expect(found.edges.map(({ kind }) => kind).join(' ')).toBe(`${'membership '.repeat(12)}spatial participation funding funding initiative`);
  });
});
