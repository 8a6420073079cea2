import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { NamedNode, Term } from 'n3';
import type { Graph } from '../rdf/Graph.js';
import { BASE_IRI, dcat, dcterms, kg, ks, mediaTypeIri, org, rdf, schema, standards, voidVocabulary, xsd } from '../rdf/vocabulary.js';
import { describeResource } from './linkedData/describeResource.js';

const { namedNode, literal, quad, blankNode } = DataFactory;

/** Where the server answers, and which dumps it offers. */
export interface ServiceDescriptionInput {
  graph: Graph;
  /** The server's public base URL, without a trailing slash, e.g. http://127.0.0.1:4000 */
  publicUrl: string;
  dumps: ReadonlyArray<{ path: string; mediaType: string }>;
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
 * the dumps as DCAT distributions and void:dataDump, and the SPARQL and
 * GraphQL endpoints as DCAT data services.
 */
export function describeService({ graph, publicUrl, dumps }: ServiceDescriptionInput): Quad[] {
  const catalog = kg.catalog;
  const datasets = graph.objects(catalog, dcat.dataset).filter((term): term is NamedNode => term.termType === 'NamedNode');
  const stated = [catalog, ...datasets].flatMap((resource) => describeResource(graph, resource, { incoming: false }));
  const generated: Quad[] = [];
  const add = (subject: NamedNode | ReturnType<typeof blankNode>, predicate: NamedNode, object: Term) =>
    generated.push(quad(subject, predicate, object as NamedNode));
  const url = (path: string) => namedNode(`${publicUrl}${path}`);

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
  return [...stated, ...generated];
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
