import { getNullableType, isListType, isObjectType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { termFromId, type NamedNode } from 'n3';
import { EventLoopTurns, inTurns } from '../EventLoopTurns.js';
import type { Graph, Resource } from '../rdf/Graph.js';
import { MemoizedGraph } from '../rdf/MemoizedGraph.js';
import type { Context } from './context.js';
import { unordered } from './order.js';
import { everySortedList } from './sortedPerGraph.js';
import { boundedListSizes, fieldBound, introspectionListSizes, isBoundedType, isDerivedType, isPageType, listLength, parentsOfType, type ListSizes } from './largestListSizes.js';
import { EVERY_TERM, RecordingGraph, subjectsOfKeys } from './RecordingGraph.js';
import { classesOfType, isInstance, type NodeTypeName } from './typeOfResource.js';

/** The list fields of one object type, and each resource's list lengths. */
interface TypeLists {
  type: GraphQLObjectType;
  /** Its place among the types measured, in Readers. */
  index: number;
  /** The classes whose instances are served as the type. */
  classes: readonly NamedNode[];
  /** The list fields measured on each resource… */
  fields: Array<GraphQLField<unknown, Context>>;
  /** …and those bounded from counts instead (see boundInterfaceList). */
  bounded: ReadonlyArray<readonly [string, (graph: Graph) => number]>;
  /** By resource id: the length of each field's list, in the order of `fields`. */
  lengths: Map<string, number[]>;
  /** By field: the longest list of any resource, and how many resources have one that long. */
  longest: number[];
  atLongest: number[];
}

/**
 * By read key (see RecordingGraph): the resources of each type (by its
 * index) whose lists made a read with that key. One map for every type, so
 * that a change's keys are each looked up once, not once a type.
 */
type Readers = Map<string, Array<Set<string> | undefined>>;

/**
 * largestListSizes that a change does not have to repeat whole. It keeps,
 * for every resource of every type, the length of each of its lists and the
 * reads its resolvers made (see RecordingGraph), and for each list field the
 * longest length and how many resources have it. After a change, only the
 * resources it reaches are measured again: the subjects it added or removed
 * triples of (which may have joined or left a type) and the resources with
 * a read that a triple added or removed matches (see keysOfChange). A list
 * whose reads the change does not reach answers as before, so the sizes are
 * the same as a full measurement's, and the work grows with the change, not
 * with the graph. The root lists are measured every time, on the graph
 * itself, after every whole list (the root fields', every organisation's)
 * is built for it a step at a time, so that the requests that follow find
 * them built (they are updated from the graph's predecessor: see
 * sortedPerGraph and everySortedList).
 *
 * A change is measured in two parts: `remeasure` reads the next graph and
 * changes nothing, so a server can do it while the change is still being
 * checked; `finish` then takes what it found into the kept lengths, which
 * is a small part of the work. Both take turns with requests (see
 * EventLoopTurns).
 */
export class ListSizeMeasurement {
  /** Whether a later measurement took over what this one kept (see finish). */
  #usedUp = false;

  private constructor(
    /** The longest list of each field in the graph measured. */
    readonly sizes: ListSizes,
    private readonly types: readonly TypeLists[],
    private readonly readers: Readers,
  ) {}

  /** Measures every list of every resource of `graph`. */
  static async of(schema: GraphQLSchema, graph: Graph): Promise<ListSizeMeasurement> {
    const types: TypeLists[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || isPageType(type) || isBoundedType(type) || type === schema.getQueryType()) continue;
      const lists = Object.values(type.getFields()).filter((field) => isListType(getNullableType(field.type)));
      const bounded = lists.flatMap((field) => {
        const bound = fieldBound(type, field.name);
        return bound === undefined ? [] : [[field.name, bound] as const];
      });
      const fields = lists.filter((field) => fieldBound(type, field.name) === undefined);
      if (lists.length > 0) types.push({ type, index: types.length, classes: classesOfType(type.name as NodeTypeName), fields, bounded, lengths: new Map(), longest: [], atLongest: [] });
    }
    const readers: Readers = new Map();
    // At start, before anything but probes is served; each type's lengths are kept as soon as measured, not all held first.
    return new ListSizeMeasurement(await inTurns(measureWhole(schema, graph, types, readers), new EventLoopTurns(false)), types, readers);
  }

  /**
   * The measurement of `graph`, the graph this one measured after a change
   * whose read keys are `changed` (see keysOfChange). This measurement is
   * used up: the next one takes over what it kept.
   */
  async next(schema: GraphQLSchema, graph: Graph, changed: ReadonlySet<string>, turns = new EventLoopTurns()): Promise<ListSizeMeasurement> {
    return this.finish(await this.remeasure(schema, graph, changed, turns), turns);
  }

  /**
   * next()'s reading of `graph`: every whole list built for it, the root
   * lists and bounds, and the lists of the resources `changed` reaches.
   * Nothing kept changes, so a server may do this ahead and throw it away.
   */
  async remeasure(schema: GraphQLSchema, graph: Graph, changed: ReadonlySet<string>, turns = new EventLoopTurns()): Promise<Remeasurement> {
    return { from: this, ...(await inTurns(remeasure(schema, graph, this.types, this.readers, changed), turns)) };
  }

  /**
   * The measurement of the graph `remeasurement` read, which must have been
   * made from this measurement (remeasure), with nothing taken over from it
   * since; throws otherwise, and then nothing changed. This measurement is
   * used up: the next one takes over what it kept.
   */
  async finish(remeasurement: Remeasurement, turns = new EventLoopTurns()): Promise<ListSizeMeasurement> {
    if (remeasurement.from !== this || this.#usedUp) throw new Error('ListSizeMeasurement: a remeasurement is finished only by the measurement it was made from, while that is the latest');
    this.#usedUp = true;
    return new ListSizeMeasurement(await inTurns(keep(this.types, this.readers, remeasurement), turns), this.types, this.readers);
  }
}

/** What remeasure found: the sizes that need nothing kept, and each type's lists measured again. */
export interface Remeasurement {
  readonly from: ListSizeMeasurement;
  /** The root fields' and the bounded types' sizes. */
  readonly sizes: ListSizes;
  readonly types: readonly TypeRemeasurement[];
}

/** One type's lists measured again: all of them (a derived type's, kept afresh) or the reached resources'. */
interface TypeRemeasurement {
  /** A type measured whole: its new lengths and longest lists, to take the place of the kept ones. */
  whole?: Pick<TypeLists, 'lengths' | 'longest' | 'atLongest'>;
  /** By resource id: its lists' lengths (null: no longer of the type) and the read keys they made. */
  again: Array<readonly [string, number[] | null, ReadonlySet<string>]>;
  /** The fields bounded from counts, with their bounds in the new graph. */
  bounds: ReadonlyArray<readonly [string, number]>;
}

/** Measures every type whole, keeping each type's lengths before the next type is measured. */
function* measureWhole(schema: GraphQLSchema, graph: Graph, types: readonly TypeLists[], readers: Readers): Generator<void, ListSizes> {
  const sizes = yield* rootSizes(schema, graph);
  const scratch = new MemoizedGraph(graph);
  for (const lists of types) {
    Object.assign(lists, { lengths: new Map(), longest: [], atLongest: [] });
    const again = lists.fields.length === 0 ? new Map<string, Resource | null>() : yield* everyResource(schema, lists, scratch);
    yield* measureEach(schema, lists, again, scratch, lists, readers);
    sizes.set(lists.type.name, byField(lists, yield* boundsOf(lists, graph)));
  }
  return sizes;
}

/** Measures the root lists and bounds, and the resources of each type that `changed` reaches, changing nothing kept; yields after each resource. */
function* remeasure(
  schema: GraphQLSchema,
  graph: Graph,
  types: readonly TypeLists[],
  readers: Readers,
  changed: ReadonlySet<string>,
): Generator<void, Omit<Remeasurement, 'from'>> {
  const sizes = yield* rootSizes(schema, graph);
  // Resolvers keep per-Graph views of what they read; a Graph of its own lets those of every resource go with it.
  const scratch = new MemoizedGraph(graph);
  // What every type's reach starts from, found once: the change's subjects as terms, and the readers of its keys and of EVERY_TERM.
  const change: Change = { readers: [], terms: new Map<string, Resource>(), subjects: subjectsOfKeys(changed) };
  let looked = 0;
  for (const key of [...changed, EVERY_TERM]) {
    const ofKey = readers.get(key);
    if (ofKey !== undefined) change.readers.push(ofKey);
    if (++looked % 1000 === 0) yield;
  }
  const remeasured: TypeRemeasurement[] = [];
  for (const lists of types) {
    // A type that stands for no resource (see measureListsOf) has nothing a change can be traced to: it is measured whole.
    if (isDerivedType(lists.type)) {
      const whole = { lengths: new Map(), longest: [], atLongest: [] };
      const again = lists.fields.length === 0 ? new Map<string, Resource | null>() : yield* everyResource(schema, lists, scratch);
      yield* measureEach(schema, lists, again, scratch, { ...lists, ...whole });
      remeasured.push({ whole, again: [], bounds: yield* boundsOf(lists, graph) });
      continue;
    }
    const again = lists.fields.length === 0 ? new Map<string, Resource | null>() : yield* reached(lists, scratch, change);
    remeasured.push({ again: yield* measureEach(schema, lists, again, scratch), bounds: yield* boundsOf(lists, graph) });
  }
  return { sizes, types: remeasured };
}

/** Takes what `remeasurement` found into the kept lengths and readers, and gives every list's size. */
function* keep(types: readonly TypeLists[], readers: Readers, remeasurement: Remeasurement): Generator<void, ListSizes> {
  const sizes = new Map<string, ReadonlyMap<string, number>>(remeasurement.sizes);
  for (const [index, lists] of types.entries()) {
    const { whole, again, bounds } = remeasurement.types[index]!;
    if (whole !== undefined) Object.assign(lists, whole);
    for (const [id, lengths, keys] of again) {
      setLengths(lists, id, lengths);
      addReader(readers, lists.index, id, keys);
      yield;
    }
    for (const [field, count] of lists.atLongest.entries()) if (count === 0) yield* findLongest(lists, field);
    sizes.set(lists.type.name, byField(lists, bounds));
  }
  return sizes;
}

/** Introspection's sizes, the root lists (after every whole list is built for `graph`) and every bounded type's. */
function* rootSizes(schema: GraphQLSchema, graph: Graph): Generator<void, Map<string, ReadonlyMap<string, number>>> {
  const sizes: Map<string, ReadonlyMap<string, number>> = introspectionListSizes(schema);
  // The whole lists first, a step at a time: the root fields below read them, and the requests that follow find them built.
  yield* everySortedList(graph);
  const root = schema.getQueryType();
  if (root !== null && root !== undefined) {
    const fields = Object.values(root.getFields()).filter((field) => isListType(getNullableType(field.type)));
    const context: Context = { graph, language: 'sv' };
    const byField = new Map<string, number>();
    for (const field of fields) {
      byField.set(field.name, listLength(schema, root, field, undefined, context));
      yield;
    }
    sizes.set(root.name, byField);
  }
  for (const type of Object.values(schema.getTypeMap())) if (isObjectType(type) && isBoundedType(type)) sizes.set(type.name, yield* boundedListSizes(type, graph));
  return sizes;
}

/**
 * Measures the lists of each resource in `again` (null: not of the type)
 * through a RecordingGraph; keeps them into `into` when given (with the keys
 * each one read into `readers`, when given), else returns them with the keys
 * each one read.
 */
function* measureEach(
  schema: GraphQLSchema,
  lists: TypeLists,
  again: ReadonlyMap<string, Resource | null>,
  graph: Graph,
  into?: Pick<TypeLists, 'fields' | 'lengths' | 'longest' | 'atLongest'>,
  readers?: Readers,
): Generator<void, TypeRemeasurement['again']> {
  const recorder = new RecordingGraph(graph);
  const context: Context = { graph: recorder, language: 'sv' };
  const measured: Array<readonly [string, number[] | null, ReadonlySet<string>]> = [];
  for (const [id, resource] of again) {
    recorder.keys = new Set();
    const lengths = resource === null ? null : unordered(() => lists.fields.map((field) => listLength(schema, lists.type, field, resource, context)));
    // A resource no longer of the type read nothing that could bring it back: a triple about it would (it is a subject of the change).
    const keys = resource === null ? new Set<string>() : recorder.keys;
    if (into === undefined) measured.push([id, lengths, keys]);
    else {
      setLengths(into, id, lengths);
      // A derived type's lists are measured whole after every change: who read what is not kept.
      if (readers !== undefined && !isDerivedType(lists.type)) addReader(readers, lists.index, id, keys);
    }
    yield;
  }
  return measured;
}

/** The fields a type bounds from counts, with their bounds in `graph`. */
function* boundsOf(lists: TypeLists, graph: Graph): Generator<void, Array<readonly [string, number]>> {
  const bounds: Array<readonly [string, number]> = [];
  for (const [name, bound] of lists.bounded) {
    bounds.push([name, bound(graph)]);
    yield;
  }
  return bounds;
}

/** Each list field's size: the longest measured, and the bounds. */
function byField(lists: TypeLists, bounds: ReadonlyArray<readonly [string, number]>): Map<string, number> {
  return new Map([...lists.fields.map((field, index) => [field.name, lists.longest[index] ?? 0] as const), ...bounds]);
}

/** Notes that resource `id` (of the type at `index`) read the keys `keys` for its lists, so that a change matching one measures it again. */
function addReader(readers: Readers, index: number, id: string, keys: ReadonlySet<string>): void {
  for (const key of keys) {
    let ofKey = readers.get(key);
    if (ofKey === undefined) readers.set(key, (ofKey = []));
    (ofKey[index] ??= new Set()).add(id);
  }
}

/** Every object of the type (by resource id, or by place for a derived type's objects), to measure when nothing was measured before. */
function* everyResource(schema: GraphQLSchema, lists: TypeLists, graph: Graph): Generator<void, Map<string, Resource | null>> {
  const parents = parentsOfType(schema, lists.type, graph);
  yield;
  return new Map(parents.map((parent, index) => [isDerivedType(lists.type) ? String(index) : (parent as Resource).id, parent as Resource]));
}

/**
 * The resources of a type that `change` reaches, each with itself, or null
 * when it is not of the type: the subjects the change added or removed a
 * triple of (only a resource's own type triples make it one of the type)
 * and those with a read the change matches.
 */
function* reached(lists: TypeLists, graph: Graph, change: Change): Generator<void, Map<string, Resource | null>> {
  const again = new Map<string, Resource | null>();
  const add = (id: string) => {
    if (again.has(id)) return;
    let resource = change.terms.get(id);
    if (resource === undefined) change.terms.set(id, (resource = termFromId(id) as Resource));
    again.set(id, isInstance(graph, resource, lists.classes) ? resource : null);
  };
  let looked = 0;
  for (const id of change.subjects) {
    add(id);
    if (++looked % 1000 === 0) yield;
  }
  for (const ofKey of change.readers) {
    // A reader may have left the type since it was measured: add() looks again.
    const readers = ofKey[lists.index];
    if (readers !== undefined) for (const id of readers) add(id);
    if (++looked % 1000 === 0) yield;
  }
  return again;
}

/** The readers of a change's read keys (see keysOfChange) and of EVERY_TERM, the subjects it touched, and the terms made of ids so far: shared by every type's reach. */
interface Change {
  readers: Array<Array<Set<string> | undefined>>;
  subjects: readonly string[];
  terms: Map<string, Resource>;
}

/** Records a resource's list lengths (null: it is no longer of the type), keeping each field's longest and how many reach it. */
function setLengths(lists: Pick<TypeLists, 'fields' | 'lengths' | 'longest' | 'atLongest'>, id: string, lengths: number[] | null): void {
  const before = lists.lengths.get(id);
  if (lengths === null) lists.lengths.delete(id);
  else lists.lengths.set(id, lengths);
  for (const index of lists.fields.keys()) {
    const longest = lists.longest[index] ?? 0;
    if (before !== undefined && before[index] === longest) lists.atLongest[index]!--;
    const length = lengths?.[index];
    if (length === undefined) continue;
    if (length > longest || lists.longest[index] === undefined) {
      lists.longest[index] = length;
      lists.atLongest[index] = 1;
    } else if (length === longest) lists.atLongest[index]!++;
  }
}

/** Finds a field's longest list again, when no resource has the one it had. */
function* findLongest(lists: TypeLists, index: number): Generator<void> {
  let longest = 0;
  let count = 0;
  let looked = 0;
  for (const lengths of lists.lengths.values()) {
    if (lengths[index]! > longest) (longest = lengths[index]!), (count = 1);
    else if (lengths[index] === longest) count++;
    if (++looked % 1000 === 0) yield;
  }
  lists.longest[index] = longest;
  lists.atLongest[index] = count;
}
