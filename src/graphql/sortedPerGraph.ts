import { termFromId } from 'n3';
import type { NamedNode } from 'n3';
import type { Graph, Resource } from '../rdf/Graph.js';
import { steppedPerGraph, type PreviousValue, type SteppedView } from './cachedPerGraph.js';
import type { Order } from './order.js';
import { subjectsOfKeys } from './RecordingGraph.js';
import { isInstance, typeOfResource, type NodeTypeName } from './typeOfResource.js';

/** A whole list of one kind of resource, as the root fields answer it. */
export interface SortedList {
  /** Its resources are the instances of these classes… */
  classes: readonly NamedNode[];
  /** …that are served as this type (all of them when absent). */
  typeName?: NodeTypeName;
  /** Their order. It reads each resource's own triples, and those of the resources it links to through `through`. */
  order: (graph: Graph) => Order;
  /** The predicates through which `order` reads other resources (a grant's period). */
  through?: readonly NamedNode[];
  /** A list in the same order that holds every resource of this one, to filter rather than sort. */
  within?: (graph: Graph) => readonly Resource[];
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
export function sortedPerGraph(list: SortedList): (graph: Graph) => Resource[] {
  const isMember = (graph: Graph, resource: Resource) =>
    isInstance(graph, resource, list.classes) && (list.typeName === undefined || typeOfResource(graph, resource) === list.typeName);
  const view = steppedPerGraph<Resource[]>(function* (graph, previous) {
    return previous === undefined ? sortWhole(graph, list, isMember) : yield* update(graph, list, previous, isMember);
  });
  lists.push(view);
  return view;
}

/** Every list made with sortedPerGraph, in the order made (a list another is `within` comes first). */
const lists: Array<SteppedView<Resource[]>> = [];

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

function sortWhole(graph: Graph, list: SortedList, isMember: (graph: Graph, resource: Resource) => boolean): Resource[] {
  if (list.within !== undefined) return list.within(graph).filter((resource) => isMember(graph, resource));
  const unique = new Map<string, Resource>();
  for (const type of list.classes) for (const resource of graph.instancesOf(type)) unique.set(resource.id, resource);
  const members = list.typeName === undefined ? [...unique.values()] : [...unique.values()].filter((resource) => isMember(graph, resource));
  return members.sort(list.order(graph));
}

function* update(
  graph: Graph,
  list: SortedList,
  { value: before, changed }: PreviousValue<Resource[]>,
  isMember: (graph: Graph, resource: Resource) => boolean,
): Generator<void, Resource[]> {
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
  const order = list.order(graph);
  const kept: Resource[] = [];
  for (const [index, resource] of before.entries()) {
    if (!reached.has(resource.id)) kept.push(resource);
    if ((index + 1) % KEPT_PER_STEP === 0) yield;
  }
  const members: Resource[] = [];
  for (const resource of reached.values()) {
    if (isMember(graph, resource)) members.push(resource);
    if (++looked % RESOURCES_PER_STEP === 0) yield;
  }
  const moved = members.sort(order);
  yield;
  if (moved.length === 0) return kept;
  // Merge: each moved resource goes after every kept one that comes before it.
  const merged: Resource[] = [];
  let from = 0;
  for (const [index, resource] of moved.entries()) {
    let low = from;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (order(kept[middle]!, resource) < 0) low = middle + 1;
      else high = middle;
    }
    for (; from < low; from++) merged.push(kept[from]!);
    merged.push(resource);
    if ((index + 1) % RESOURCES_PER_STEP === 0) yield;
  }
  for (; from < kept.length; from++) merged.push(kept[from]!);
  return merged;
}
