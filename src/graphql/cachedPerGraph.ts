import type { Graph, Resource } from '../rdf/Graph.js';
import { RecordingGraph } from './RecordingGraph.js';

/** What a Graph replaced: the Graph before a change (while it is still in memory) and the change's read keys. */
interface Predecessor {
  graph: WeakRef<Graph>;
  changed: ReadonlySet<string>;
}

const predecessors = new WeakMap<Graph, Predecessor>();

/** The property under which a Graph keeps what the views computed for it. */
const VIEWS = Symbol('views computed for this Graph');

/**
 * What the views computed for `graph`, by view: kept on the Graph itself, so
 * that it goes with the Graph. (A WeakMap keyed by Graph would do the same,
 * but V8 marks a WeakMap's values as ephemerons, and at a million triples
 * tracing a whole list and every per-resource view that way held the main
 * thread 600 ms in one collection; see README, "Speed of a publish".)
 */
function viewsOf(graph: Graph): Map<object, unknown> {
  const holder = graph as Graph & { [VIEWS]?: Map<object, unknown> };
  let views = holder[VIEWS];
  if (views === undefined) {
    views = new Map();
    Object.defineProperty(holder, VIEWS, { value: views });
  }
  return views;
}

/** One view's values, one per Graph (see viewsOf). */
class PerGraph<Value> {
  get(graph: Graph): Value | undefined {
    return viewsOf(graph).get(this) as Value | undefined;
  }

  has(graph: Graph): boolean {
    return viewsOf(graph).has(this);
  }

  set(graph: Graph, value: Value): void {
    viewsOf(graph).set(this, value);
  }
}

/**
 * Says that `next` is `previous` after a change whose read keys (see
 * keysOfChange) are `changed`: what cachedPerGraph computes for `next` may
 * start from what it computed for `previous`. `previous` is held weakly: a
 * replaced Graph still goes when nothing else holds it.
 */
export function follows(next: Graph, previous: Graph, changed: ReadonlySet<string>): void {
  predecessors.set(next, { graph: new WeakRef(previous), changed });
}

/** The value computed for the Graph a Graph replaced, that Graph, and the read keys of the change between them. */
export interface PreviousValue<Value> {
  value: Value;
  graph: Graph;
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
  const cache = new PerGraph<Value>();
  return (graph) => {
    // Each read must reach a RecordingGraph, every time.
    if (graph instanceof RecordingGraph) return compute(graph, undefined);
    let value = cache.get(graph);
    if (value === undefined) {
      value = compute(graph, previousOf(cache, graph));
      cache.set(graph, value);
    }
    return value;
  };
}

/** The value `cache` holds for the Graph `graph` replaced (see follows), with the change between them, if both are still known. */
function previousOf<Value>(cache: PerGraph<Value>, graph: Graph): PreviousValue<Value> | undefined {
  const predecessor = predecessors.get(graph);
  const before = predecessor?.graph.deref();
  const value = before === undefined ? undefined : cache.get(before);
  return value === undefined ? undefined : { value, graph: before!, changed: predecessor!.changed };
}

/** A view cached per Graph (see steppedPerGraph), which can also be built a step at a time. */
export interface SteppedView<Value> {
  /** The Graph's view, built at once when not built yet. */
  (graph: Graph): Value;
  /** Builds the Graph's view when not built yet, yielding between its steps; the view is then cached as if asked for. */
  steps(graph: Graph): Generator<void, Value>;
}

/**
 * cachedPerGraph for a view whose build takes long enough that a server
 * building it beside requests must give way within it (a whole list updated
 * after a publish, see sortedPerGraph): `compute` yields between steps.
 * Asked for, the view is built at once; `steps` builds it a step at a time,
 * so that a caller can take turns with other work (see ListSizeMeasurement).
 */
export function steppedPerGraph<Value>(compute: (graph: Graph, previous: PreviousValue<Value> | undefined) => Generator<void, Value>): SteppedView<Value> {
  const cache = new PerGraph<Value>();
  function* steps(graph: Graph): Generator<void, Value> {
    // Each read must reach a RecordingGraph, every time.
    if (graph instanceof RecordingGraph) return yield* compute(graph, undefined);
    const known = cache.get(graph);
    if (known !== undefined) return known;
    const value = yield* compute(graph, previousOf(cache, graph));
    // Another caller may have asked for it while this one gave way: the first one built is kept.
    if (cache.has(graph)) return cache.get(graph)!;
    cache.set(graph, value);
    return value;
  }
  const view = (graph: Graph): Value => {
    const known = graph instanceof RecordingGraph ? undefined : cache.get(graph);
    if (known !== undefined) return known;
    const building = steps(graph);
    let step = building.next();
    while (step.done !== true) step = building.next();
    return step.value;
  };
  return Object.assign(view, { steps });
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
