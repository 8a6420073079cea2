import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { termToId } from 'n3';
import type { BlankNode, NamedNode, Term } from 'n3';
import type { Graph } from '../rdf/Graph.js';
import { BASE_IRI, dcat, dcterms, kg, ks, mediaTypeIri, org, prov, rdf, schema, standards, voidVocabulary, xsd } from '../rdf/vocabulary.js';
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
  /** Downloads that are not RDF (the organisation network), listed as distributions but not as VoID data dumps. */
  downloads?: ReadonlyArray<{ path: string; registeredMediaType: string; conformsTo: NamedNode; title: string }>;
  /** The published datasets' histories, when datasets are published (see describeVersions). */
  histories?: readonly DatasetHistory[];
}

/** The query services this server runs. */
const services = [
  { path: '/sparql', title: 'SPARQL 1.1', conformsTo: standards.sparqlProtocol },
  { path: '/graphql', title: 'GraphQL', conformsTo: standards.graphqlOverHttp },
];

/**
 * Links whose targets the catalogue describes too, from the data: who
 * publishes (DCAT-AP wants a foaf:Agent with a foaf:name), under which
 * licence, to which standard, about which place, derived from what.
 */
const describedTargets = [dcterms.publisher, dcterms.license, dcterms.conformsTo, dcterms.spatial, prov.wasDerivedFrom];

/**
 * The class of every value of these properties, as their own vocabularies
 * define their ranges (DCMI Terms for the first three, DCAT for the media
 * type) and DCAT-AP 3.0 checks them: stated, since a harvester does not infer
 * them.
 */
const ranges: ReadonlyArray<readonly [NamedNode, NamedNode]> = [
  [dcterms.license, dcterms.LicenseDocument],
  [dcterms.conformsTo, dcterms.Standard],
  [dcterms.spatial, dcterms.Location],
  [dcat.mediaType, dcterms.MediaType],
];

/**
 * The catalogue of what this server publishes, for /catalog and
 * /.well-known/void, written to conform to DCAT-AP 3.0 (its mandatory and
 * range shapes): the DCAT catalogue and dataset descriptions the data states
 * (with their named graph) and those of their publishers, licences,
 * standards, places and sources; and, computed from the loaded graph, a VoID
 * description of the whole (`kg:katalog`) and of each dataset as a subset
 * (triple counts, vocabularies used, URI space, example resources), the
 * dumps as DCAT distributions and void:dataDump, the other downloads (the
 * organisation network) as distributions that conform to their format, the SPARQL and GraphQL
 * endpoints as DCAT data services serving every dataset, and every
 * published dataset's versions (see describeVersions).
 *
 * A published dataset whose data does not describe it is still a
 * dcat:Dataset of the catalogue, titled by its slug, with a description that
 * says so; what has no licence of its own (a published dataset, a version,
 * a distribution) is under the catalogue's.
 */
export function describeService({ graph, publicUrl, dumps, downloads = [], histories = [] }: ServiceDescriptionInput): Quad[] {
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
  const add = (subject: NamedNode | BlankNode, predicate: NamedNode, object: Term) => generated.push(quad(subject, predicate, object as NamedNode));
  const url = (path: string) => namedNode(`${publicUrl}${path}`);
  const licenses = graph.objects(catalog, dcterms.license);

  for (const dataset of published) {
    add(catalog, dcat.dataset, dataset);
    if (!graph.has(dataset, rdf.type, dcat.Dataset)) add(dataset, rdf.type, dcat.Dataset);
    const slug = dataset.value.slice(kg.dataset('').value.length);
    if (graph.objects(dataset, dcterms.title).length === 0) add(dataset, dcterms.title, literal(slug));
    if (graph.objects(dataset, dcterms.description).length === 0) {
      add(dataset, dcterms.description, literal(`Published to Kulturskolegrafen as ${slug}; its data does not describe it.`, 'en'));
    }
    if (graph.objects(dataset, dcterms.license).length === 0) for (const license of licenses) add(dataset, dcterms.license, license);
  }

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
    for (const dataset of datasets) add(endpoint, dcat.servesDataset, dataset);
    for (const license of licenses) add(endpoint, dcterms.license, license);
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
    for (const license of licenses) add(distribution, dcterms.license, license);
  }

  for (const download of downloads) {
    const location = url(download.path);
    const distribution = blankNode(`distribution${download.path.replace(/\W/g, '_')}`);
    add(catalog, dcat.distribution, distribution);
    add(distribution, rdf.type, dcat.Distribution);
    add(distribution, dcat.downloadURL, location);
    add(distribution, dcat.accessURL, location);
    add(distribution, dcat.mediaType, mediaTypeIri(download.registeredMediaType));
    add(distribution, dcterms.conformsTo, download.conformsTo);
    add(distribution, dcterms.title, literal(download.title, 'en'));
    for (const license of licenses) add(distribution, dcterms.license, license);
  }

  const versions = describeVersions(histories, publicUrl, {
    titles: (dataset) => graph.literals(dataset, dcterms.title),
    licenses: (dataset) => (graph.objects(dataset, dcterms.license).length > 0 ? graph.objects(dataset, dcterms.license) : licenses),
  });
  const description = [...stated, ...generated, ...versions];
  return [...description, ...describeTargets(graph, description)];
}

/**
 * The data's own description of what the catalogue links to by
 * describedTargets (publishers, licences, standards, places, sources), and
 * of what those link to the same way (a source's publisher), and the class
 * of every value of a property in `ranges`, each triple once and none that
 * the description already has.
 */
function describeTargets(graph: Graph, description: readonly Quad[]): Quad[] {
  const seen = new Set(description.map(tripleKey));
  const targets: Quad[] = [];
  const keep = (added: Quad) => {
    const key = tripleKey(added);
    if (seen.has(key)) return;
    seen.add(key);
    targets.push(added);
  };
  const described = new Set<string>();
  const pending = [...description];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { predicate, object } = next;
    if (object.termType !== 'NamedNode' || !describedTargets.some((property) => property.equals(predicate)) || described.has(object.value)) continue;
    described.add(object.value);
    for (const targetQuad of describeResource(graph, object as NamedNode, { incoming: false })) {
      keep(targetQuad);
      pending.push(targetQuad);
    }
  }
  for (const { predicate, object } of [...description, ...targets]) {
    const range = ranges.find(([property]) => property.equals(predicate))?.[1];
    if (range !== undefined && object.termType !== 'Literal') keep(quad(object as NamedNode, rdf.type, range));
  }
  return targets;
}

/** A triple's identity, whichever graph it is in. */
function tripleKey({ subject, predicate, object }: Quad): string {
  return `${termToId(subject as Term)} ${termToId(predicate as Term)} ${termToId(object as Term)}`;
}

function count(value: number) {
  return literal(String(value), xsd.integer);
}

/**
 * One pass over every quad: the triples in each named graph (sorted by graph
 * IRI), and the namespaces of every predicate and class used (see
 * namespaceOf; of our own, only the vocabulary's).
 */
function gatherStatistics(graph: Graph): { triplesPerGraph: Array<[string, number]>; vocabularies: string[] } {
  const triplesPerGraph = new Map<string, number>();
  const namespaces = new Set<string>();
  for (const { predicate, object, graph: name } of graph.quads()) {
    triplesPerGraph.set(name.value, (triplesPerGraph.get(name.value) ?? 0) + 1);
    namespaces.add(namespaceOf(predicate.value));
    if (predicate.equals(rdf.type) && object.termType === 'NamedNode') namespaces.add(namespaceOf(object.value));
  }
  return {
    triplesPerGraph: [...triplesPerGraph].filter(([name]) => name !== '').sort(([a], [b]) => (a < b ? -1 : 1)),
    vocabularies: [...namespaces].filter((namespace) => namespace !== '' && (!namespace.startsWith(BASE_IRI) || namespace === ks.iri)).sort(),
  };
}

/**
 * The namespace of a predicate or class: its IRI up to its last `#` or `/`
 * after `scheme://`, or else up to its last `:` (`urn:example:` of
 * `urn:example:p`); empty when that would leave the scheme alone
 * (`http://host`, `mailto:a@b`), which names no vocabulary.
 */
function namespaceOf(iri: string): string {
  const scheme = iri.indexOf(':');
  const path = iri.startsWith('//', scheme + 1) ? scheme + 3 : scheme + 1;
  const cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
  const end = cut >= path ? cut + 1 : iri.lastIndexOf(':') + 1;
  return end > scheme + 1 ? iri.slice(0, end) : '';
}

/** A collaboration that is not a project, and a municipality: the first of each by IRI, as ways into the data. */
function exampleResources(graph: Graph): NamedNode[] {
  const firstOf = (resources: Term[]) =>
    resources.filter((resource): resource is NamedNode => resource.termType === 'NamedNode').sort((a, b) => (a.value < b.value ? -1 : 1))[0];
  const collaboration = firstOf(graph.instancesOf(org.OrganizationalCollaboration).filter((resource) => !graph.has(resource, rdf.type, schema.Project)));
  const municipality = firstOf(graph.instancesOf(ks.Municipality));
  return [collaboration, municipality].filter((resource): resource is NamedNode => resource !== undefined);
}
