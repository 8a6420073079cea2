import { describe, expect, it } from 'vitest';
import { iri, queryData } from '../support/executeQuery.js';
import { graphOfTriG } from '../support/graphOfTriG.js';

// Claim values the shipped data does not show, on a small dataset of this specification's own: a text
// without a language tag, a linked resource given as a blank node, periods with only a start or only an
// end, a period given as a blank node, and a text that happens to spell the IRI of a resource.
const graph = graphOfTriG(`<dataset/exempel> {
  <samverkan/x> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan X"@sv ;
    dcterms:description "Med språktagg"@sv, "Utan språktagg" ;
    org:linkedTo <samverkan/z>, [ a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan utan IRI"@sv ] ;
    dcterms:temporal <tid/fran-2020>, <tid/till-2021>, [ dcat:startDate "2018" ; dcat:endDate "2019" ] ;
    dcterms:source "https://w3id.org/kulturskola/samverkan/z" .
  <samverkan/z> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan Z"@sv .
  <tid/fran-2020> dcat:startDate "2020" .
  <tid/till-2021> dcat:endDate "2021" .
}`);

const x = iri('samverkan/x');
const claimFields = 'value language resource { __typename ... on Collaboration { name } } period { id start end }';

async function claimsOfX(property: string): Promise<unknown[]> {
  const data = await queryData(`{ node(id: "${x}") { ... on Collaboration { claims(property: "${property}") { ${claimFields} } } } }`, { graph });
  return data.node.claims;
}

describe('Claim.value and Claim.language', () => {
  it('give a text without a language tag with a null language, and a tagged text with its tag', async () => {
    expect(await claimsOfX('dcterms:description')).toEqual([
      { value: 'Med språktagg', language: 'sv', resource: null, period: null },
      { value: 'Utan språktagg', language: null, resource: null, period: null },
    ]);
  });
});

describe('Claim.value and Claim.resource for a linked resource', () => {
  it('give a resource without IRI a null value and link it as the resource of the API it is, like one with an IRI; neither is a period', async () => {
    expect(await claimsOfX('org:linkedTo')).toEqual([
      { value: null, language: null, resource: { __typename: 'Collaboration', name: 'Samverkan utan IRI' }, period: null },
      { value: iri('samverkan/z'), language: null, resource: { __typename: 'Collaboration', name: 'Samverkan Z' }, period: null },
    ]);
  });

  it('do not take a text that spells the IRI of a resource for that resource', async () => {
    // The resource itself is read first, so that the text is asked about after its IRI is known as a Collaboration.
    const data = await queryData(
      `{ z: node(id: "${iri('samverkan/z')}") { __typename } x: node(id: "${x}") { ... on Collaboration { claims(property: "dcterms:source") { ${claimFields} } } } }`,
      { graph },
    );
    expect(data).toEqual({
      z: { __typename: 'Collaboration' },
      x: { claims: [{ value: iri('samverkan/z'), language: null, resource: null, period: null }] },
    });
  });
});

describe('Claim.period', () => {
  it('is a period for a value that states only a start, only an end, or both, also when the period has no IRI', async () => {
    expect(await claimsOfX('dcterms:temporal')).toEqual([
      { value: null, language: null, resource: null, period: { id: null, start: '2018', end: '2019' } },
      { value: iri('tid/fran-2020'), language: null, resource: null, period: { id: iri('tid/fran-2020'), start: '2020', end: null } },
      { value: iri('tid/till-2021'), language: null, resource: null, period: { id: iri('tid/till-2021'), start: null, end: '2021' } },
    ]);
  });
});

describe('Node.claims(property: null)', () => {
  it('lists every statement about the resource, as when no property is given', async () => {
    const data = await queryData(`{ node(id: "${iri('samverkan/z')}") { ... on Collaboration { claims(property: null) { property value language } } } }`, { graph });
    expect(data.node.claims).toEqual([
      { property: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', value: 'http://www.w3.org/ns/org#OrganizationalCollaboration', language: null },
      { property: 'http://www.w3.org/2004/02/skos/core#prefLabel', value: 'Samverkan Z', language: 'sv' },
    ]);
  });
});
