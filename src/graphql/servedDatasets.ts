import { DataFactory, type NamedNode } from 'n3';
import type { Graph } from '../rdf/Graph.js';
import { graphSizesOf } from '../rdf/graphSizesOf.js';

/** Every dataset served: each named graph that holds triples, sorted by IRI. */
export function servedDatasets(graph: Graph): NamedNode[] {
  return [...graphSizesOf(graph).keys()].sort().map((iri) => DataFactory.namedNode(iri));
}
