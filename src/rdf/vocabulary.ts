/**
 * Every IRI the code relies on, spelled once and grouped by namespace.
 *
 * Data files name terms through the JSON-LD context (`data/context.jsonld`);
 * code names them through this module. Nothing else in `src/` writes an IRI.
 */
import { DataFactory } from 'n3';
import type { NamedNode } from 'n3';

const { namedNode } = DataFactory;

/** Returns a function that turns a local name into a named node in `base`. */
function namespace<const Names extends readonly string[]>(
  base: string,
  names: Names,
): { readonly [N in Names[number]]: NamedNode } & { readonly iri: string } {
  const terms: Record<string, NamedNode | string> = { iri: base };
  for (const name of names) terms[name] = namedNode(base + name);
  return terms as { readonly [N in Names[number]]: NamedNode } & { readonly iri: string };
}

/** The base under which all Kulturskolegrafen resources live. */
export const BASE_IRI = 'https://w3id.org/kulturskola/';

/** IRI of the bundled JSON-LD context that every data file uses. */
export const CONTEXT_IRI = `${BASE_IRI}context.jsonld`;

export const rdf = namespace('http://www.w3.org/1999/02/22-rdf-syntax-ns#', ['type', 'langString', 'Property', 'Statement', 'subject', 'predicate', 'object'] as const);

export const rdfs = namespace('http://www.w3.org/2000/01/rdf-schema#', [
  'label',
  'comment',
  'Class',
  'domain',
  'range',
  'subClassOf',
  'subPropertyOf',
  'isDefinedBy',
] as const);

export const owl = namespace('http://www.w3.org/2002/07/owl#', [
  'Ontology',
  'Class',
  'ObjectProperty',
  'DatatypeProperty',
  'AnnotationProperty',
] as const);

export const xsd = namespace('http://www.w3.org/2001/XMLSchema#', [
  'string',
  'integer',
  'date',
  'gYear',
  'boolean',
  'decimal',
  'dateTime',
] as const);

export const org = namespace('http://www.w3.org/ns/org#', [
  'Organization',
  'FormalOrganization',
  'OrganizationalUnit',
  'OrganizationalCollaboration',
  'Membership',
  'member',
  'organization',
  'role',
  'memberDuring',
  'memberOf',
  'unitOf',
  'hasUnit',
  'purpose',
  'linkedTo',
  'roleProperty',
] as const);

export const skos = namespace('http://www.w3.org/2004/02/skos/core#', [
  'Concept',
  'ConceptScheme',
  'prefLabel',
  'altLabel',
  'definition',
  'inScheme',
  'notation',
  'hiddenLabel',
] as const);

export const dcterms = namespace('http://purl.org/dc/terms/', [
  'PeriodOfTime',
  'identifier',
  'description',
  'temporal',
  'spatial',
  'subject',
  'audience',
  'title',
  'license',
  'conformsTo',
  'format',
  'hasVersion',
  'isVersionOf',
  'issued',
  'modified',
  'source',
  'publisher',
  'LicenseDocument',
  'MediaType',
  'Standard',
  'Location',
] as const);

export const dcat = namespace('http://www.w3.org/ns/dcat#', [
  'startDate',
  'endDate',
  'Catalog',
  'Dataset',
  'Distribution',
  'DataService',
  'dataset',
  'distribution',
  'service',
  'downloadURL',
  'accessURL',
  'mediaType',
  'endpointURL',
  'endpointDescription',
  'servesDataset',
  'version',
  'hasVersion',
  'hasCurrentVersion',
  'previousVersion',
] as const);

export const prov = namespace('http://www.w3.org/ns/prov#', ['Activity', 'Agent', 'wasGeneratedBy', 'wasAssociatedWith', 'endedAtTime', 'used', 'wasDerivedFrom', 'wasQuotedFrom'] as const);

export const voidVocabulary = namespace('http://rdfs.org/ns/void#', [
  'Dataset',
  'triples',
  'distinctSubjects',
  'classes',
  'properties',
  'vocabulary',
  'sparqlEndpoint',
  'dataDump',
  'uriSpace',
  'subset',
  'exampleResource',
  'rootResource',
] as const);

/** Standards the services conform to. */
export const standards = {
  sparqlProtocol: namedNode('https://www.w3.org/TR/sparql11-protocol/'),
  graphqlOverHttp: namedNode('https://graphql.github.io/graphql-over-http/draft/'),
  /** GraphML, the network export's XML format. */
  graphml: namedNode('http://graphml.graphdrawing.org/specification.html'),
  /** RFC 4180, the network export's CSV. */
  csv: namedNode('https://www.rfc-editor.org/rfc/rfc4180'),
} as const;

/** The XML namespace of GraphML documents. */
export const GRAPHML_NAMESPACE = 'http://graphml.graphdrawing.org/xmlns';

/** The IANA registry entry of a media type, as DCAT's dcat:mediaType wants it. */
export function mediaTypeIri(mediaType: string): NamedNode {
  return namedNode(`https://www.iana.org/assignments/media-types/${mediaType}`);
}

export const schema = namespace('https://schema.org/', [
  'Project',
  'MonetaryGrant',
  'funder',
  'fundedItem',
  'suggestedMinAge',
  'suggestedMaxAge',
  'position',
  'name',
  'alternateName',
  'identifier',
  'Country',
] as const);

export const foaf = namespace('http://xmlns.com/foaf/0.1/', ['homepage', 'page', 'name', 'Agent'] as const);

/** The W3C RDF Data Cube vocabulary: statistics as observations of a dataset, by a data structure definition. */
export const qb = namespace('http://purl.org/linked-data/cube#', [
  'DataSet',
  'DataStructureDefinition',
  'Observation',
  'DimensionProperty',
  'MeasureProperty',
  'AttributeProperty',
  'ComponentSpecification',
  'dataSet',
  'structure',
  'component',
  'dimension',
  'measure',
  'attribute',
  'measureType',
  'order',
  'componentRequired',
  'componentAttachment',
] as const);

/** SDMX-RDF's cross-domain dimensions: where and when an observation is about. */
export const sdmxDimension = namespace('http://purl.org/linked-data/sdmx/2009/dimension#', ['refArea', 'refPeriod'] as const);

/** SDMX-RDF's cross-domain attributes: the unit an observation's value is in. */
export const sdmxAttribute = namespace('http://purl.org/linked-data/sdmx/2009/attribute#', ['unitMeasure'] as const);

/** The W3C Shapes Constraint Language: the terms of a validation report. */
export const sh = namespace('http://www.w3.org/ns/shacl#', [
  'ValidationReport',
  'ValidationResult',
  'conforms',
  'result',
  'focusNode',
  'resultPath',
  'value',
  'resultMessage',
  'resultSeverity',
  'sourceConstraintComponent',
  'sourceShape',
  'Violation',
  'Warning',
  'Info',
  'path',
  'sparql',
  'target',
] as const);

/**
 * The shapes of `data/shapes/kulturskola.shacl.ttl` live here, and so do the
 * constraint components of the publishing checks that are not SHACL (graph
 * name, reference, authority), so that their results can be written as a W3C
 * validation report too.
 */
export const kss = namespace(`${BASE_IRI}shapes#`, [
  'NamedGraphConstraintComponent',
  'ReferenceConstraintComponent',
  'AuthorityConstraintComponent',
] as const);

/** Our own terms, defined with labels, comments, domains and ranges in `data/graphs/vokabular.jsonld`. */
export const ks = namespace(`${BASE_IRI}def#`, [
  'Municipality',
  'County',
  'Goal',
  'Agreement',
  'Financing',
  'SchoolYear',
  'county',
  'goal',
  'vision',
  'basis',
  'party',
  'initiatedBy',
  'financedItem',
  'financingModel',
  'supportedBy',
  'administrativePrincipalOf',
  'isoCode',
  // Statistics (RDF Data Cube): the attributes of our own. The measure properties are data, found by their type.
  'approximation',
  'estimated',
  'baseYear',
  'nameTranslatedInto',
] as const);

/** IRIs of our own resources, built from official codes or dataset names. */
export const kg = {
  municipality: (kommunkod: string): NamedNode => namedNode(`${BASE_IRI}kommun/${kommunkod}`),
  /** A country as an area of statistics, by its ISO 3166-1 alpha-2 code (Sweden: `land/SE`). */
  country: (isoCode: string): NamedNode => namedNode(`${BASE_IRI}land/${isoCode}`),
  /** The data structure definition every statistics dataset shares (see data/graphs/vokabular.jsonld). */
  statisticsStructure: namedNode(`${BASE_IRI}statistik/struktur`),
  /** How approximate a statistical value is, as its source says (ks:approximation). */
  approximation: {
    about: namedNode(`${BASE_IRI}precision/ungefar`),
    justOver: namedNode(`${BASE_IRI}precision/drygt`),
    moreThan: namedNode(`${BASE_IRI}precision/mer-an`),
  },
  county: (lanskod: string): NamedNode => namedNode(`${BASE_IRI}lan/${lanskod}`),
  /** A dataset, which is also the named graph that holds its triples. */
  dataset: (name: string): NamedNode => namedNode(`${BASE_IRI}dataset/${name}`),
  /** One version of a dataset: a permanent, citable IRI whose GET answers that version's content. */
  datasetVersion: (name: string, version: number): NamedNode => namedNode(`${BASE_IRI}datasets/${name}/versions/${version}`),
  /** The project as an agent: the publisher of the catalogue and of the data shipped with it. */
  kulturskolegrafen: namedNode(`${BASE_IRI}kulturskolegrafen`),
  /** The catalogue of all our datasets (a dcat:Catalog and the void:Dataset of everything served). */
  catalog: namedNode(`${BASE_IRI}katalog`),
  /** The ontology that defines our own terms (`ks:`); `GET /def` describes it and every term. */
  ontology: namedNode(`${BASE_IRI}def`),
  /**
   * The SPARQL endpoint's persistent IRI, the base against which relative IRIs
   * in a query resolve, wherever the server runs: `<kommun/1880>` names
   * `kg:kommun/1880`.
   */
  sparqlEndpoint: namedNode(`${BASE_IRI}sparql`),
} as const;
