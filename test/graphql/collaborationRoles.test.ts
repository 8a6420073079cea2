import { describe, expect, it } from 'vitest';
import { iri, queryData } from '../support/executeQuery.js';
import { graphOfTriG } from '../support/graphOfTriG.js';

// A collaboration of this specification's own: the first member (by code) holds no role at all, the
// second holds the administrative principal role, the third holds two roles in one membership.
const graph = graphOfTriG(`<dataset/roller> {
  <samverkan/y> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan Y"@sv .
  <kommun/0001> a ks:Municipality ; skos:prefLabel "Ett"@sv ; dcterms:identifier "0001" .
  <kommun/0002> a ks:Municipality ; skos:prefLabel "Två"@sv ; dcterms:identifier "0002" .
  <kommun/0003> a ks:Municipality ; skos:prefLabel "Tre"@sv ; dcterms:identifier "0003" .
  <roll/huvudman> a skos:Concept ; skos:prefLabel "Huvudman"@sv ; org:roleProperty ks:administrativePrincipalOf .
  <roll/deltagare> a skos:Concept ; skos:prefLabel "Deltagare"@sv .
  <roll/samordnare> a skos:Concept ; skos:prefLabel "Samordnare"@sv .
  <samverkan/y/0001> a org:Membership ; org:member <kommun/0001> ; org:organization <samverkan/y> .
  <samverkan/y/0002> a org:Membership ; org:member <kommun/0002> ; org:organization <samverkan/y> ; org:role <roll/huvudman> .
  <samverkan/y/0003> a org:Membership ; org:member <kommun/0003> ; org:organization <samverkan/y> ; org:role <roll/deltagare>, <roll/samordnare> .
}`);

const y = iri('samverkan/y');

describe('Collaboration.members(role:)', () => {
  it('keeps a membership that holds the role among others', async () => {
    const data = await queryData(
      `{ collaboration(id: "${y}") { deltagare: members(role: "${iri('roll/deltagare')}") { id } samordnare: members(role: "${iri('roll/samordnare')}") { id } } }`,
      { graph },
    );
    expect(data.collaboration).toEqual({ deltagare: [{ id: iri('samverkan/y/0003') }], samordnare: [{ id: iri('samverkan/y/0003') }] });
  });
});

describe('Collaboration.administrativePrincipal', () => {
  it('is the member whose role is the administrative principal role, not a member listed before it that holds no role', async () => {
    const data = await queryData(`{ collaboration(id: "${y}") { members { member { id } } administrativePrincipal { id } } }`, { graph });
    expect(data.collaboration).toEqual({
      members: [{ member: { id: iri('kommun/0001') } }, { member: { id: iri('kommun/0002') } }, { member: { id: iri('kommun/0003') } }],
      administrativePrincipal: { id: iri('kommun/0002') },
    });
  });
});
