import type { Graph, Resource } from '../rdf/Graph.js';
import { RecordingGraph } from './RecordingGraph.js';

/**
 * Wraps a function of a Graph so that it runs once per Graph: Graphs never
 * change, so what it returns (a sorted list, an index) holds for as long as
 * that Graph is served, and goes with it.
 */
export function cachedPerGraph<Value>(compute: (graph: Graph) => Value): (graph: Graph) => Value {
  const cache = new WeakMap<Graph, Value>();
  return (graph) => {
    // Each read must reach a RecordingGraph, every time.
    if (graph instanceof RecordingGraph) return compute(graph);
    let value = cache.get(graph);
    if (value === undefined) {
      value = compute(graph);
      cache.set(graph, value);
    }
    return value;
  };
}

/**
 * Wraps a function of a Graph and one of its resources so that it runs once
 * per resource and Graph: a per-entity view (a sorted list of its members,
 * say), built when first asked for and kept as long as that Graph is served.
 */
export function cachedPerResource<Value>(compute: (graph: Graph, resource: Resource) => Value): (graph: Graph, resource: Resource) => Value {
  const views = cachedPerGraph(() => new Map<string, Value>());
  return (graph, resource) => {
    const known = views(graph);
    // A term's id is its IRI, or `_:` and the label for a blank node: no key is built per call.
    if (known.has(resource.id)) return known.get(resource.id)!;
    const value = compute(graph, resource);
    known.set(resource.id, value);
    return value;
  };
}
