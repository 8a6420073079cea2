import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { NamedNode, Term } from 'n3';
import type { Graph } from '../rdf/Graph.js';
import { BASE_IRI, dcat, dcterms, kg, ks, mediaTypeIri, org, rdf, schema, standards, voidVocabulary, xsd } from '../rdf/vocabulary.js';
import type { DatasetHistory } from '../store/DatasetStore.js';
import { describeResource } from './linkedData/describeResource.js';
import { describeVersions } from './describeVersions.js';

const { namedNode, literal, quad, blankNode } = DataFactory;

/** Where the server answers, and which dumps it offers. */
export interface ServiceDescriptionInput {
  graph: Graph;
  /** The server's public base URL, without a trailing slash, e.g. http://127.0.0.1:4000 */
  publicUrl: string;
  dumps: ReadonlyArray<{ path: string; mediaType: string }>;
  /** The published datasets' histories, when datasets are published (see describeVersions). */
  histories?: readonly DatasetHistory[];
}

/** The query services this server runs. */
const services = [
  { path: '/sparql', title: 'SPARQL 1.1', conformsTo: standards.sparqlProtocol },
  { path: '/graphql', title: 'GraphQL', conformsTo: standards.graphqlOverHttp },
];

/**
 * The catalogue of what this server publishes, for /catalog and
 * /.well-known/void: the DCAT catalogue and dataset descriptions the data
 * states (with their named graph), and, computed from the loaded graph, a
 * VoID description of the whole (`kg:katalog`) and of each dataset as a
 * subset (triple counts, vocabularies used, URI space, example resources),
 * the dumps as DCAT distributions and void:dataDump, the SPARQL and
 * GraphQL endpoints as DCAT data services, and every published dataset's
 * versions (see describeVersions).
 */
export function describeService({ graph, publicUrl, dumps, histories = [] }: ServiceDescriptionInput): Quad[] {
  const catalog = kg.catalog;
  const listed = graph.objects(catalog, dcat.dataset).filter((term): term is NamedNode => term.termType === 'NamedNode');
  // A dataset published since the catalogue's own data was written is in the catalogue too.
  const published = histories
    .filter(({ versions }) => versions.at(-1)?.activity !== 'withdraw')
    .map(({ slug }) => kg.dataset(slug))
    .filter((dataset) => !listed.some((known) => known.equals(dataset)));
  const datasets = [...listed, ...published];
  const stated = [catalog, ...datasets].flatMap((resource) => describeResource(graph, resource, { incoming: false }));
  const generated: Quad[] = [];
  const add = (subject: NamedNode | ReturnType<typeof blankNode>, predicate: NamedNode, object: Term) =>
    generated.push(quad(subject, predicate, object as NamedNode));
  const url = (path: string) => namedNode(`${publicUrl}${path}`);
  for (const dataset of published) add(catalog, dcat.dataset, dataset);

  const statistics = gatherStatistics(graph);
  add(catalog, rdf.type, voidVocabulary.Dataset);
  add(catalog, voidVocabulary.triples, count(graph.size));
  add(catalog, voidVocabulary.uriSpace, literal(BASE_IRI));
  for (const vocabulary of statistics.vocabularies) add(catalog, voidVocabulary.vocabulary, namedNode(vocabulary));
  for (const example of exampleResources(graph)) add(catalog, voidVocabulary.exampleResource, example);
  for (const [subset, triples] of statistics.triplesPerGraph) {
    add(catalog, voidVocabulary.subset, namedNode(subset));
    add(namedNode(subset), rdf.type, voidVocabulary.Dataset);
    add(namedNode(subset), voidVocabulary.triples, count(triples));
  }

  add(catalog, voidVocabulary.sparqlEndpoint, url('/sparql'));
  for (const service of services) {
    const endpoint = url(service.path);
    add(catalog, dcat.service, endpoint);
    add(endpoint, rdf.type, dcat.DataService);
    add(endpoint, dcterms.title, literal(service.title, 'en'));
    add(endpoint, dcat.endpointURL, endpoint);
    add(endpoint, dcterms.conformsTo, service.conformsTo);
    add(endpoint, dcat.servesDataset, catalog);
  }

  for (const dump of dumps) {
    const download = url(dump.path);
    const distribution = blankNode(`distribution${dump.path.replace(/\W/g, '_')}`);
    add(catalog, voidVocabulary.dataDump, download);
    add(catalog, dcat.distribution, distribution);
    add(distribution, rdf.type, dcat.Distribution);
    add(distribution, dcat.downloadURL, download);
    add(distribution, dcat.accessURL, download);
    add(distribution, dcat.mediaType, mediaTypeIri(dump.mediaType));
    add(distribution, dcterms.title, literal(`${dump.path.slice(1)} (${dump.mediaType})`));
  }
  return [...stated, ...generated, ...describeVersions(histories, publicUrl)];
}

function count(value: number) {
  return literal(String(value), xsd.integer);
}

/**
 * One pass over every quad: the triples in each named graph (sorted by graph
 * IRI), and the namespaces of every predicate and class used (the IRI up to
 * its last `#` or `/`; of our own, only the vocabulary's).
 */
function gatherStatistics(graph: Graph): { triplesPerGraph: Array<[string, number]>; vocabularies: string[] } {
  const triplesPerGraph = new Map<string, number>();
  const namespaces = new Set<string>();
  const namespaceOf = (iri: string) => iri.slice(0, Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
  for (const { predicate, object, graph: name } of graph.quads()) {
    triplesPerGraph.set(name.value, (triplesPerGraph.get(name.value) ?? 0) + 1);
    namespaces.add(namespaceOf(predicate.value));
    if (predicate.equals(rdf.type) && object.termType === 'NamedNode') namespaces.add(namespaceOf(object.value));
  }
  return {
    triplesPerGraph: [...triplesPerGraph].filter(([name]) => name !== '').sort(([a], [b]) => (a < b ? -1 : 1)),
    vocabularies: [...namespaces].filter((namespace) => !namespace.startsWith(BASE_IRI) || namespace === ks.iri).sort(),
  };
}

/** A collaboration that is not a project, and a municipality: the first of each by IRI, as ways into the data. */
function exampleResources(graph: Graph): NamedNode[] {
  const firstOf = (resources: Term[]) =>
    resources.filter((resource): resource is NamedNode => resource.termType === 'NamedNode').sort((a, b) => (a.value < b.value ? -1 : 1))[0];
  const collaboration = firstOf(graph.instancesOf(org.OrganizationalCollaboration).filter((resource) => !graph.has(resource, rdf.type, schema.Project)));
  const municipality = firstOf(graph.instancesOf(ks.Municipality));
  return [collaboration, municipality].filter((resource): resource is NamedNode => resource !== undefined);
}
