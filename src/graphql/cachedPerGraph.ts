import type { Graph, Resource } from '../rdf/Graph.js';
import { RecordingGraph } from './RecordingGraph.js';

/** What a Graph replaced: the Graph before a change (while it is still in memory) and the change's read keys. */
interface Predecessor {
  graph: WeakRef<Graph>;
  changed: ReadonlySet<string>;
}

const predecessors = new WeakMap<Graph, Predecessor>();

/**
 * Says that `next` is `previous` after a change whose read keys (see
 * keysOfChange) are `changed`: what cachedPerGraph computes for `next` may
 * start from what it computed for `previous`. `previous` is held weakly: a
 * replaced Graph still goes when nothing else holds it.
 */
export function follows(next: Graph, previous: Graph, changed: ReadonlySet<string>): void {
  predecessors.set(next, { graph: new WeakRef(previous), changed });
}

/** The value computed for the Graph a Graph replaced, and the read keys of the change between them. */
export interface PreviousValue<Value> {
  value: Value;
  changed: ReadonlySet<string>;
}

/**
 * Wraps a function of a Graph so that it runs once per Graph: Graphs never
 * change, so what it returns (a sorted list, an index) holds for as long as
 * that Graph is served, and goes with it.
 *
 * When `graph` replaces another (see follows) whose value is still known,
 * `compute` gets that value and the change as `previous`, to update rather
 * than compute afresh (see sortedPerGraph).
 */
export function cachedPerGraph<Value>(compute: (graph: Graph, previous: PreviousValue<Value> | undefined) => Value): (graph: Graph) => Value {
  const cache = new WeakMap<Graph, Value>();
  return (graph) => {
    // Each read must reach a RecordingGraph, every time.
    if (graph instanceof RecordingGraph) return compute(graph, undefined);
    let value = cache.get(graph);
    if (value === undefined) {
      const predecessor = predecessors.get(graph);
      const before = predecessor?.graph.deref();
      const previousValue = before === undefined ? undefined : cache.get(before);
      value = compute(graph, previousValue === undefined ? undefined : { value: previousValue, changed: predecessor!.changed });
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
