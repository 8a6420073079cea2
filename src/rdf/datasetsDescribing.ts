import type { NamedNode } from 'n3';
import type { Graph, Resource } from './Graph.js';

/** The datasets (named graphs) that state something with `subject` as subject, sorted by IRI. */
export function datasetsDescribing(graph: Graph, subject: Resource): NamedNode[] {
  const datasets = new Map<string, NamedNode>();
  for (const { graph: dataset } of graph.match(subject, null, null, null)) {
    if (dataset.termType === 'NamedNode' && !datasets.has(dataset.value)) datasets.set(dataset.value, dataset as NamedNode);
  }
  return [...datasets.values()].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
