import type { Graph, Resource } from '../rdf/Graph.js';
import { textOf, valueOf } from '../rdf/readTerms.js';
import { dcat, skos } from '../rdf/vocabulary.js';
import { cachedPerGraph } from '../graphql/cachedPerGraph.js';
import { organisationNetworkOf, type OrganisationNetwork, type Relation } from './organisationNetworkOf.js';
import { propertyReadings } from './propertyReadings.js';

/** An organisation as a row of the export. */
export interface NodeRow {
  /** A short key within the export, `n` and the organisation's place in the whole network (`n17`): GraphML's node id, an XML name token. */
  key: string;
  /** The organisation's IRI. */
  id: string;
  /** Its Swedish name (any other when it has none, its IRI when it has no name). */
  label: string;
  /** The GraphQL type it is served as: Municipality, Collaboration, Project, OtherOrganisation or OrganisationalUnit. */
  kind: string;
}

/** A relation as a row of the export; null where the relation has no such value. */
export interface EdgeRow {
  /** `e` and the relation's place in the whole network (`e4`), the same in every export of the same data. */
  id: string;
  /** The keys and IRIs of the source and the target (see Relation: `source relation target` holds). */
  sourceKey: string;
  source: string;
  targetKey: string;
  target: string;
  /** The property's IRI. */
  relation: string;
  /** How the property reads from source to target, in Swedish. */
  label: string;
  /** A membership's role (IRI) and its Swedish name. */
  role: string | null;
  roleLabel: string | null;
  /** The membership or grant the relation is stated through. */
  via: string | null;
  /** The period's start and end, as precise as the source (a year or a date). */
  start: string | null;
  end: string | null;
}

/** What an export holds: organisations and the relations among them. */
export interface NetworkTable {
  nodes: NodeRow[];
  edges: EdgeRow[];
}

/** Every organisation and every relation of the Graph's organisation network (see organisationNetworkOf), once per Graph. */
export const wholeNetworkTable: (graph: Graph) => NetworkTable = cachedPerGraph((graph) => {
  const network = organisationNetworkOf(graph);
  return networkTable(graph, network, network.nodes, network.relations);
});

/**
 * The neighbourhood of one organisation: it, its relations (either
 * direction) and the organisations at their other ends, each once, in the
 * whole network's order and with the same keys and ids as there. Null when
 * `organisation` is no organisation of the network.
 */
export function neighbourhoodTable(graph: Graph, organisation: Resource): NetworkTable | null {
  const network = organisationNetworkOf(graph);
  if (network.kindOf(organisation) === undefined) return null;
  const relations = network.relationsOf(organisation);
  const ends = new Set<string>([organisation.id]);
  for (const relation of relations) ends.add(relation.source.id).add(relation.target.id);
  return networkTable(
    graph,
    network,
    network.nodes.filter((node) => ends.has(node.id)),
    relations,
  );
}

/** Where each organisation and relation stands in the whole network: keys that stay the same in every export of a Graph. */
const positionsIn = cachedPerGraph((graph) => {
  const network = organisationNetworkOf(graph);
  return { nodes: new Map(network.nodes.map((node, index) => [node.id, index])), relations: new Map(network.relations.map((relation, index) => [relation, index])) };
});

function networkTable(graph: Graph, network: OrganisationNetwork, nodes: readonly Resource[], relations: readonly Relation[]): NetworkTable {
  const place = positionsIn(graph);
  const key = (node: Resource) => `n${place.nodes.get(node.id)!}`;
  return {
    nodes: nodes.map((node) => ({
      key: key(node),
      id: node.value,
      label: textOf(graph, node, skos.prefLabel, 'sv') ?? node.value,
      kind: network.kindOf(node)!,
    })),
    edges: relations.map((relation) => ({
      id: `e${place.relations.get(relation)!}`,
      sourceKey: key(relation.source),
      source: relation.source.value,
      targetKey: key(relation.target),
      target: relation.target.value,
      relation: relation.property.value,
      label: propertyReadings(relation.property)?.forward.sv ?? relation.property.value,
      role: relation.role?.value ?? null,
      roleLabel: relation.role === null ? null : textOf(graph, relation.role, skos.prefLabel, 'sv'),
      via: relation.via?.value ?? null,
      start: relation.period === null ? null : valueOf(graph, relation.period, dcat.startDate),
      end: relation.period === null ? null : valueOf(graph, relation.period, dcat.endDate),
    })),
  };
}
