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
 * The list before the change, less the reached resources that were in it,
 * with the reached ones that are members now sorted in. A kept resource's
 * key is the one it had: it did not change, so the graph is read only for
 * the reached. A reached resource that was in the list is found there by its
 * key in the Graph before (the key the list keeps for it), so the kept ones
 * are copied a run at a time, not looked at one by one: at a million triples
 * that was most of the update of the 64,574 organisations' lists.
 */
function* update(
  graph: Graph,
  list: SortedList,
  { value: before, graph: graphBefore, changed }: PreviousValue<Sorted>,
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
  // Where the reached resources that were in the list were.
  const left: number[] = [];
  const orderBefore = list.order(graphBefore);
  for (const resource of reached.values()) {
    if (isMember(graph, resource)) members.push(resource);
    if (isMember(graphBefore, resource)) {
      const place = placeOf(before.keys, orderBefore.key(resource), orderBefore.compareKeys, 0);
      // Not where its key says: the list does not hold what it was made from (it cannot, but sorting whole is always right).
      if (before.resources[place]?.id !== resource.id) return sortWhole(graph, list, isMember);
      left.push(place);
    }
    if (++looked % RESOURCES_PER_STEP === 0) yield;
  }
  left.sort((a, b) => a - b);
  const order = list.order(graph);
  const moved = sortedWithKeys(members, order);
  yield;
  // Where each moved resource goes among the resources before: the keys before are in order (a reached one's too, though it may have changed since), so a binary search finds it.
  const places: number[] = [];
  for (const [index, key] of moved.keys.entries()) {
    places.push(placeOf(before.keys, key, order.compareKeys, places.at(-1) ?? 0));
    if ((index + 1) % RESOURCES_PER_STEP === 0) yield;
  }
  // The runs of kept resources between the places, with the moved ones between them.
  const resources: Resource[][] = [];
  const keys: unknown[][] = [];
  let kept = 0;
  const keepUpTo = (end: number) => {
    if (end <= kept) return;
    resources.push(before.resources.slice(kept, end));
    keys.push(before.keys.slice(kept, end));
    kept = end;
  };
  for (let next = 0, gone = 0; next < places.length || gone < left.length; ) {
    // A moved resource goes in before the one at its place, which may be one that left.
    if (next < places.length && (gone === left.length || places[next]! <= left[gone]!)) {
      keepUpTo(places[next]!);
      resources.push([moved.resources[next]!]);
      keys.push([moved.keys[next]]);
      next++;
    } else {
      keepUpTo(left[gone]!);
      kept = left[gone]! + 1;
      gone++;
    }
    if ((next + gone) % RESOURCES_PER_STEP === 0) yield;
  }
  keepUpTo(before.resources.length);
  return { resources: joined(resources), keys: joined(keys) };
}

/** Runs of a call's arguments at most: concat(...runs) with more would overflow the stack. */
const RUNS_PER_CONCAT = 10_000;

/**
 * The runs as one array. concat copies them as blocks (flat() was about
 * twice as slow for every whole list at a million triples), a batch of runs
 * at a time, since a change that reaches a hundred thousand resources makes
 * more runs than one call takes arguments.
 */
function joined<T>(runs: readonly T[][]): T[] {
  let all: T[] = [];
  for (let start = 0; start < runs.length; start += RUNS_PER_CONCAT) all = all.concat(...runs.slice(start, start + RUNS_PER_CONCAT));
  return all;
}

/** The first place in `keys` (sorted by `compare`) from `low` on whose key is not before `key`. */
function placeOf<Key>(keys: readonly Key[], key: Key, compare: (a: Key, b: Key) => number, low: number): number {
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(keys[middle]!, key) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
