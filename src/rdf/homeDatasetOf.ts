import type { NamedNode } from 'n3';
import type { Graph, Resource } from './Graph.js';
import { rdf } from './vocabulary.js';

/**
 * The home dataset of `subject`: the named graph that states its rdf:type.
 * When several do, the one whose IRI comes first in string order, so the
 * choice is the same on every server and for every request. Null when no
 * dataset states a type for it.
 */
export function homeDatasetOf(graph: Graph, subject: Resource): NamedNode | null {
  let home: NamedNode | null = null;
  for (const { graph: dataset } of graph.match(subject, rdf.type, null, null)) {
    if (dataset.termType === 'NamedNode' && (home === null || dataset.value < home.value)) home = dataset as NamedNode;
  }
  return home;
}
