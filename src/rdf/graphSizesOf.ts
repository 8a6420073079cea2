import type { Graph } from './Graph.js';

const counted = new WeakMap<Graph, ReadonlyMap<string, number>>();

/**
 * The named graphs (datasets) of `graph` that hold quads, each with its
 * number of quads, by graph IRI: the graph's own answer (see
 * Graph.graphSizes), or else counted from its quads once per Graph.
 */
export function graphSizesOf(graph: Graph): ReadonlyMap<string, number> {
  if (graph.graphSizes !== undefined) return graph.graphSizes();
  let sizes = counted.get(graph);
  if (sizes === undefined) {
    const counts = new Map<string, number>();
    for (const { graph: name } of graph.quads()) {
      if (name.termType === 'NamedNode') counts.set(name.value, (counts.get(name.value) ?? 0) + 1);
    }
    counted.set(graph, (sizes = counts));
  }
  return sizes;
}
