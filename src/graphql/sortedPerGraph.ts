import { termFromId } from 'n3';
import type { NamedNode } from 'n3';
import type { Graph, Resource } from '../rdf/Graph.js';
import { steppedPerGraph, type PreviousValue, type SteppedView } from './cachedPerGraph.js';
import type { KeyedOrder } from './order.js';
import { subjectsOfKeys } from './RecordingGraph.js';
import { isInstance, typeOfResource, type NodeTypeName } from './typeOfResource.js';

/** A whole list of one kind of resource, as the root fields answer it. */
export interface SortedList {
  /** Its resources are the instances of these classes… */
  classes: readonly NamedNode[];
  /** …that are served as this type (all of them when absent). */
  typeName?: NodeTypeName;
  /** Their order. It reads each resource's own triples, and those of the resources it links to through `through`. */
  order: (graph: Graph) => KeyedOrder;
  /** The predicates through which `order` reads other resources (a grant's period). */
  through?: readonly NamedNode[];
  /** A list in the same order that holds every resource of this one, to filter rather than sort. */
  within?: SortedView;
}

/** A whole list, sorted once per Graph (see sortedPerGraph). */
export interface SortedView {
  (graph: Graph): Resource[];
  /** The list with each member's sort key, in step. */
  withKeys(graph: Graph): Sorted;
}

/** A sorted list and its members' sort keys, in step. */
interface Sorted {
  resources: Resource[];
  keys: unknown[];
}

/**
 * The list, sorted, once per Graph. The first Graph sorts it whole; a Graph
 * that replaced another after a change (see follows) updates that one's
 * list instead: only the resources the change reaches can have joined,
 * left or moved (a resource's membership and place depend only on its own
 * triples and those of the resources it links to through `through`), so
 * the rest keep their order and the others are sorted in by binary search.
 * At a million triples this is tens of milliseconds where sorting whole
 * took hundreds, and the answer is the same; the update yields between
 * steps, so that a server updating every list after a publish gives way to
 * requests meanwhile (see everySortedList).
 */
export function sortedPerGraph(list: SortedList): SortedView {
  const isMember = (graph: Graph, resource: Resource) =>
    isInstance(graph, resource, list.classes) && (list.typeName === undefined || typeOfResource(graph, resource) === list.typeName);
  const view = steppedPerGraph<Sorted>(function* (graph, previous) {
    return previous === undefined ? sortWhole(graph, list, isMember) : yield* update(graph, list, previous, isMember);
  });
  lists.push(view);
  return Object.assign((graph: Graph) => view(graph).resources, { withKeys: view });
}

/** Every list made with sortedPerGraph, in the order made (a list another is `within` comes first). */
const lists: Array<SteppedView<Sorted>> = [];

/**
 * Builds every whole list for `graph`, yielding between steps: after a
 * publish, each is updated from the graph it replaced before the graph is
 * served, so that no request waits for it. At a million triples one list's
 * update took up to 100 ms at once.
 */
export function* everySortedList(graph: Graph): Generator<void> {
  for (const list of lists) {
    yield* list.steps(graph);
    yield;
  }
}

/** Resources looked at between two yields of an update: a step of about a millisecond at a million triples. */
const RESOURCES_PER_STEP = 100;
/** Kept resources filtered or merged between two yields. */
const KEPT_PER_STEP = 5000;

function sortWhole(graph: Graph, list: SortedList, isMember: (graph: Graph, resource: Resource) => boolean): Sorted {
  if (list.within !== undefined) {
    const within = list.within.withKeys(graph);
    const sorted: Sorted = { resources: [], keys: [] };
    for (const [index, resource] of within.resources.entries()) {
      if (!isMember(graph, resource)) continue;
      sorted.resources.push(resource);
      sorted.keys.push(within.keys[index]);
    }
    return sorted;
  }
  const unique = new Map<string, Resource>();
  for (const type of list.classes) for (const resource of graph.instancesOf(type)) unique.set(resource.id, resource);
  const members = list.typeName === undefined ? [...unique.values()] : [...unique.values()].filter((resource) => isMember(graph, resource));
  return sortedWithKeys(members, list.order(graph));
}

/** `members` in `order`, with their keys. */
function sortedWithKeys(members: readonly Resource[], order: KeyedOrder): Sorted {
  const keyed = members.map((resource) => ({ resource, key: order.key(resource) }));
  keyed.sort((a, b) => order.compareKeys(a.key, b.key));
  return { resources: keyed.map(({ resource }) => resource), keys: keyed.map(({ key }) => key) };
}

/**
 * The list before the change, less the resources it reached, with the
 * reached ones that are members sorted in. A kept resource's key is the one
 * it had: it did not change, so the graph is read only for the reached.
 */
function* update(
  graph: Graph,
  list: SortedList,
  { value: before, changed }: PreviousValue<Sorted>,
  isMember: (graph: Graph, resource: Resource) => boolean,
): Generator<void, Sorted> {
  const reached = new Map<string, Resource>();
  let looked = 0;
  for (const id of subjectsOfKeys(changed)) {
    const subject = termFromId(id) as Resource;
    reached.set(id, subject);
    // A resource whose order reads this one's triples (one linked before the change only is itself a subject of it).
    for (const predicate of list.through ?? []) for (const linking of graph.subjects(predicate, subject)) reached.set(linking.id, linking);
    if (++looked % RESOURCES_PER_STEP === 0) yield;
  }
  if (reached.size === 0) return before;
  const members: Resource[] = [];
  for (const resource of reached.values()) {
    if (isMember(graph, resource)) members.push(resource);
    if (++looked % RESOURCES_PER_STEP === 0) yield;
  }
  const order = list.order(graph);
  const moved = sortedWithKeys(members, order);
  yield;
  // Where each moved resource goes among the resources before: the keys before are in order (a reached one's too, though it may have changed since), so a binary search finds it.
  const places: number[] = [];
  let low = 0;
  for (const [index, key] of moved.keys.entries()) {
    let high = before.keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (order.compareKeys(before.keys[middle], key) < 0) low = middle + 1;
      else high = middle;
    }
    places.push(low);
    if ((index + 1) % RESOURCES_PER_STEP === 0) yield;
  }
  // One pass: the resources before, less the reached ones, with the moved ones in their places.
  const merged: Sorted = { resources: [], keys: [] };
  let next = 0;
  const placeUpTo = (place: number) => {
    for (; next < places.length && places[next]! <= place; next++) {
      merged.resources.push(moved.resources[next]!);
      merged.keys.push(moved.keys[next]);
    }
  };
  for (let index = 0; index < before.resources.length; index++) {
    placeUpTo(index);
    const resource = before.resources[index]!;
    if (!reached.has(resource.id)) {
      merged.resources.push(resource);
      merged.keys.push(before.keys[index]);
    }
    if ((index + 1) % KEPT_PER_STEP === 0) yield;
  }
  placeUpTo(before.resources.length);
  return merged;
}
