import { dcat, dcterms, foaf, ks, org, rdf, schema, skos } from '../src/rdf/vocabulary.js';
import type { Probes } from './generateNationalDataset.js';

/** A question (a)–(c) for GraphQL-LD: one or more queries that together answer what one of our queries answers. */
export interface GraphqlLdQuestion {
  key: string;
  queries: string[];
}

/**
 * The JSON-LD context that maps the GraphQL-LD field names to our IRIs, plus
 * one term per resource the queries start from (GraphQL-LD takes an `id` as
 * a context term, not as a string).
 */
export function graphqlLdContext(probes: Probes, pageIris: readonly string[]): { '@context': Record<string, unknown> } {
  return {
    '@context': {
      type: rdf.type.value,
      Project: schema.Project.value,
      name: skos.prefLabel.value,
      description: dcterms.description.value,
      definition: skos.definition.value,
      code: dcterms.identifier.value,
      homepage: foaf.homepage.value,
      county: ks.county.value,
      regions: dcterms.spatial.value,
      memberships: { '@reverse': org.member.value },
      members: { '@reverse': org.organization.value },
      member: org.member.value,
      organisation: org.organization.value,
      role: org.role.value,
      goals: ks.goal.value,
      position: schema.position.value,
      grants: { '@reverse': schema.fundedItem.value },
      funders: schema.funder.value,
      period: dcterms.temporal.value,
      start: dcat.startDate.value,
      end: dcat.endDate.value,
      themes: dcterms.subject.value,
      probeMunicipality: `https://w3id.org/kulturskola/kommun/${probes.municipalityCode}`,
      probeCollaboration: probes.collaboration,
      ...Object.fromEntries(pageIris.map((iri, index) => [`page${index}`, iri])),
    },
  };
}

/**
 * Questions (a)–(c) in GraphQL-LD. GraphQL-LD turns a query into one SPARQL
 * SELECT whose sibling lists multiply (a page with 5 members, 3 goals and 2
 * grants would come back as 30 rows per language combination), so a page is
 * asked as one query per list, all at once, as a GraphQL-LD user would. It
 * cannot page or sort by entity, so (c) asks for the 20 collaborations of our
 * page by IRI. Names come in both languages: GraphQL-LD cannot pick one.
 */
export function graphqlLdQuestions(pageSize: number): GraphqlLdQuestion[] {
  const period = 'period @single { start @single end @single }';
  return [
    {
      key: 'a',
      queries: [
        '{ id(_: probeMunicipality) name code @single county @single { name } memberships { role @single { name } organisation @single { name } } }',
      ],
    },
    {
      key: 'b',
      queries: [
        '{ id(_: probeCollaboration) name description homepage @single regions { code @single name } }',
        '{ id(_: probeCollaboration) members { role @single { name } member @single { id @single name code @single } } }',
        '{ id(_: probeCollaboration) goals { id @single name definition position @single } }',
        `{ id(_: probeCollaboration) grants { id @single name funders { name } ${period} } }`,
        `{ id(_: probeCollaboration) memberships { organisation @single { type(_: Project) id @single name ${period} themes { name } regions { code @single name }
  grants { id @single name funders { name } ${period} } } } }`,
      ],
    },
    {
      key: 'c',
      queries: Array.from(
        { length: pageSize },
        (_, index) => `{ id(_: page${index}) name members { role @single { name } member @single { name code @single } } }`,
      ),
    },
  ];
}
