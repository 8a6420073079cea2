/**
 * A JSON-LD context that lets a GraphQL response be read as linked data:
 * `{ "@context": <this>, ...response.data }` expands to RDF triples that the
 * graph states (dates aside: they come back as plain strings).
 *
 * `id` is the node's IRI and `__typename` its type; each GraphQL type maps to
 * an RDF class with a type-scoped context for the fields whose meaning
 * depends on the type (`period`, `description`, `members`, …), so ask for
 * `__typename` to get them. Root fields, `nodes` and `node` are included
 * nodes; fields that the graph only derives (pages, cursors, counts, ages,
 * a collaboration's grants through projects) map to nothing.
 */
import type { NamedNode } from 'n3';
import { dcat, dcterms, foaf, ks, org, qb, rdfs, schema, sdmxAttribute, sdmxDimension, skos } from '../rdf/vocabulary.js';

type TermDefinition = string | null | { '@id'?: string; '@reverse'?: string; '@type'?: string; '@context'?: Record<string, TermDefinition> };

const id = (term: NamedNode): TermDefinition => ({ '@id': term.value, '@type': '@id' });
const reverse = (term: NamedNode): TermDefinition => ({ '@reverse': term.value });
const value = (term: NamedNode): TermDefinition => term.value;

const sharedFields: Record<string, TermDefinition> = {
  id: '@id',
  __typename: '@type',
  name: value(skos.prefLabel),
  description: value(dcterms.description),
  homepage: id(foaf.homepage),
  pages: null,
  memberships: reverse(org.member),
  code: value(dcterms.identifier),
  isoCode: value(ks.isoCode),
  county: id(ks.county),
  municipalities: reverse(ks.county),
  regions: id(dcterms.spatial),
  purpose: id(org.purpose),
  goals: id(ks.goal),
  vision: id(ks.vision),
  financing: reverse(ks.financedItem),
  projects: id(org.memberOf),
  linkedOrganisations: id(org.linkedTo),
  memberOrganisations: reverse(org.memberOf),
  administrativePrincipal: reverse(ks.administrativePrincipalOf),
  units: id(org.hasUnit),
  unitOf: id(org.unitOf),
  member: id(org.member),
  organisation: id(org.organization),
  role: id(org.role),
  basis: id(ks.basis),
  parties: id(ks.party),
  period: id(dcterms.temporal),
  start: value(dcat.startDate),
  end: value(dcat.endDate),
  schoolYear: null,
  position: value(schema.position),
  funders: id(schema.funder),
  recipient: id(schema.fundedItem),
  financedItem: id(ks.financedItem),
  model: id(ks.financingModel),
  area: id(dcterms.spatial),
  initiator: id(ks.initiatedBy),
  themes: id(dcterms.subject),
  minAge: null,
  maxAge: null,
  totalCount: null,
  pageInfo: null,
  cursor: null,
  edges: '@included',
  nodes: '@included',
  node: '@included',
  // Statistics and coverage rows are computed, not stated: their own fields map to nothing.
  level: null,
  count: null,
  sum: null,
  min: null,
  max: null,
  mean: null,
  measures: '@included',
  observations: '@included',
  coverage: null,
  countyAggregates: null,
  nationalAggregate: null,
  // Where a node's facts come from: about the node's statements, not statements of the node.
  sources: null,
  homeDataset: null,
  claims: null,
};

// The root fields of Query: each answer is a node of its own.
const rootFields = ['collaborations', 'collaboration', 'municipality', 'municipalities', 'county', 'counties', 'projects', 'grants', 'organisations', 'datasets', 'dataset'];

const typeContexts: Record<string, TermDefinition> = {
  // `county` and `municipalities` are also root fields (included nodes), so a municipality's county
  // and a county's municipalities are named again where the type is known.
  Municipality: { '@id': ks.Municipality.value, '@context': { county: id(ks.county) } },
  County: { '@id': ks.County.value, '@context': { municipalities: reverse(ks.county) } },
  Collaboration: {
    '@id': org.OrganizationalCollaboration.value,
    '@context': { members: reverse(org.organization), grants: null },
  },
  Project: {
    '@id': schema.Project.value,
    // A project's funders are derived from its grants; the graph states the grants.
    '@context': { members: reverse(org.organization), grants: reverse(schema.fundedItem), funders: null },
  },
  OtherOrganisation: { '@id': org.Organization.value },
  OrganisationalUnit: { '@id': org.OrganizationalUnit.value },
  Membership: { '@id': org.Membership.value, '@context': { period: id(org.memberDuring) } },
  Agreement: { '@id': ks.Agreement.value },
  Concept: { '@id': skos.Concept.value, '@context': { description: value(skos.definition) } },
  Goal: { '@id': ks.Goal.value, '@context': { description: value(skos.definition) } },
  Grant: { '@id': schema.MonetaryGrant.value },
  Financing: { '@id': ks.Financing.value, '@context': { grants: id(ks.supportedBy) } },
  Period: { '@id': dcterms.PeriodOfTime.value },
  Dataset: {
    '@id': dcat.Dataset.value,
    '@context': {
      title: value(dcterms.title),
      publisher: id(dcterms.publisher),
      licence: id(dcterms.license),
      modified: value(dcterms.modified),
      sourcePages: null,
      version: null,
      tripleCount: null,
      resources: null,
    },
  },
  Agent: { '@id': foaf.Agent.value, '@context': { name: value(foaf.name) } },
  // A figure's value, year and qualification are read through its measure and dimensions, which a
  // plain JSON key cannot say: they map to nothing, and the links do.
  Observation: {
    '@id': qb.Observation.value,
    '@context': {
      area: id(sdmxDimension.refArea),
      measure: id(qb.measureType),
      unit: id(sdmxAttribute.unitMeasure),
      source: id(dcterms.source),
      dataset: id(qb.dataSet),
      value: null,
      year: null,
      approximation: null,
      estimated: null,
      baseYear: null,
      comment: null,
    },
  },
  Measure: { '@id': qb.MeasureProperty.value, '@context': { key: null, name: value(rdfs.label), description: value(rdfs.comment), unit: id(sdmxAttribute.unitMeasure) } },
};

/** The JSON-LD context for GraphQL responses (JSON-LD 1.1, type-scoped). */
export const graphqlJsonLdContext: Record<string, unknown> = {
  '@version': 1.1,
  ...sharedFields,
  ...Object.fromEntries(rootFields.map((field) => [field, '@included'])),
  ...typeContexts,
};
