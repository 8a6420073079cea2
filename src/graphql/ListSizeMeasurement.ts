import { getNullableType, isListType, isObjectType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { Graph, Resource } from '../rdf/Graph.js';
import { MemoizedGraph } from '../rdf/MemoizedGraph.js';
import type { Context } from './context.js';
import { introspectionListSizes, isPageType, listLength, parentsOfType, type ListSizes } from './largestListSizes.js';
import { EVERY_TERM, RecordingGraph } from './RecordingGraph.js';

/** The list fields of one object type, each resource's list lengths, and which resources read which term. */
interface TypeLists {
  type: GraphQLObjectType;
  fields: Array<GraphQLField<unknown, Context>>;
  /** By resource id: the length of each field's list, in the order of `fields`. */
  lengths: Map<string, number[]>;
  /** By term id: the resources whose lists read a triple looked up by that term. */
  readers: Map<string, Set<string>>;
}

/** The most time a measurement spends before it lets other work run. */
const SLICE_MS = 10;

/**
 * largestListSizes that a change does not have to repeat whole. It keeps,
 * for every resource of every type, the length of each of its lists and the
 * reads its resolvers made (see RecordingGraph). After a change, only the
 * resources with a read that a triple added or removed matches (see
 * keysOfChange), and resources new to a type, are measured again: a list
 * whose reads the change does not reach answers as before, so the sizes are
 * the same as a full measurement's. The root lists
 * are measured every time, on the graph itself, so that the lists they sort
 * are kept for the requests that follow.
 *
 * Both measurements give way to other work every few milliseconds.
 */
export class ListSizeMeasurement {
  private constructor(
    /** The longest list of each field in the graph measured. */
    readonly sizes: ListSizes,
    private readonly types: readonly TypeLists[],
  ) {}

  /** Measures every list of every resource of `graph`. */
  static async of(schema: GraphQLSchema, graph: Graph): Promise<ListSizeMeasurement> {
    const types: TypeLists[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || isPageType(type) || type === schema.getQueryType()) continue;
      const fields = Object.values(type.getFields()).filter((field) => isListType(getNullableType(field.type)));
      if (fields.length > 0) types.push({ type, fields, lengths: new Map(), readers: new Map() });
    }
    return new ListSizeMeasurement(await sliced(measure(schema, graph, types, null)), types);
  }

  /**
   * The measurement of `graph`, the graph this one measured after a change
   * whose read keys are `changed` (see keysOfChange). This measurement is
   * used up: the next one takes over what it kept.
   */
  async next(schema: GraphQLSchema, graph: Graph, changed: ReadonlySet<string>): Promise<ListSizeMeasurement> {
    return new ListSizeMeasurement(await sliced(measure(schema, graph, this.types, changed)), this.types);
  }
}

/** Runs a measurement, letting other work run every SLICE_MS. */
async function sliced(measuring: Generator<void, ListSizes>): Promise<ListSizes> {
  let sliceStart = performance.now();
  let step = measuring.next();
  while (step.done !== true) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    step = measuring.next();
  }
  return step.value;
}

/** Measures the root lists, and the resources of each type that `changed` reaches (all when null); yields after each resource. */
function* measure(schema: GraphQLSchema, graph: Graph, types: readonly TypeLists[], changed: ReadonlySet<string> | null): Generator<void, ListSizes> {
  const sizes = introspectionListSizes(schema);
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
  // Resolvers keep per-Graph views of what they read; a Graph of its own lets those of every resource go with it.
  const scratch = new MemoizedGraph(graph);
  const recorder = new RecordingGraph(scratch);
  const context: Context = { graph: recorder, language: 'sv' };
  for (const lists of types) {
    const parents = new Map((parentsOfType(schema, lists.type, scratch) as Resource[]).map((resource) => [resource.id, resource]));
    yield;
    for (const id of lists.lengths.keys()) if (!parents.has(id)) lists.lengths.delete(id);
    const again = yield* dirty(lists, parents, changed);
    for (const id of again) {
      recorder.keys = new Set();
      lists.lengths.set(id, lists.fields.map((field) => listLength(schema, lists.type, field, parents.get(id), context)));
      for (const key of recorder.keys) {
        let readers = lists.readers.get(key);
        if (readers === undefined) lists.readers.set(key, (readers = new Set()));
        readers.add(id);
      }
      yield;
    }
    const longest = lists.fields.map(() => 0);
    let counted = 0;
    for (const lengths of lists.lengths.values()) {
      for (const [index, length] of lengths.entries()) if (length > longest[index]!) longest[index] = length;
      if (++counted % 1000 === 0) yield;
    }
    sizes.set(lists.type.name, new Map(lists.fields.map((field, index) => [field.name, longest[index]!])));
  }
  return sizes;
}

/** The resources of a type to measure: all when nothing was measured before; else those new to it and those with a read `changed` reaches. */
function* dirty(lists: TypeLists, parents: ReadonlyMap<string, Resource>, changed: ReadonlySet<string> | null): Generator<void, Iterable<string>> {
  if (changed === null) return parents.keys();
  const ids = new Set<string>();
  let looked = 0;
  for (const id of parents.keys()) {
    if (!lists.lengths.has(id)) ids.add(id);
    if (++looked % 1000 === 0) yield;
  }
  for (const key of [...changed, EVERY_TERM]) {
    for (const id of lists.readers.get(key) ?? []) if (parents.has(id)) ids.add(id);
    if (++looked % 1000 === 0) yield;
  }
  return ids;
}
