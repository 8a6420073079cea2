import { DataFactory, type NamedNode } from 'n3';
import type { Graph, Resource } from './Graph.js';
import { graphSizesOf } from './graphSizesOf.js';

/** The datasets (named graphs) that state something with `subject` as subject, sorted by IRI. */
export function datasetsDescribing(graph: Graph, subject: Resource): NamedNode[] {
  const datasets: NamedNode[] = [];
  // One probe per dataset, each stopping at its first triple: far cheaper than reading every triple of the subject.
  for (const iri of graphSizesOf(graph).keys()) {
    const dataset = DataFactory.namedNode(iri);
    if (graph.match(subject, null, null, dataset)[Symbol.iterator]().next().done !== true) datasets.push(dataset);
  }
  return datasets.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
