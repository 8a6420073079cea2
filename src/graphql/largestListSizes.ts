import {
  defaultFieldResolver,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import type { Graph, Resource } from '../rdf/Graph.js';
import { MemoizedGraph } from '../rdf/MemoizedGraph.js';
import type { Context } from './context.js';
import { unordered } from './order.js';
import { classesOfType, type NodeTypeName } from './typeOfResource.js';

/** The longest list each list field answers over one Graph, by type name and then field name. */
export type ListSizes = ReadonlyMap<string, ReadonlyMap<string, number>>;

/**
 * Whether a type's lists are pages whose length the field returning the type
 * sets with `first` (a cursor connection), rather than the data.
 */
export function isPageType(type: GraphQLObjectType): boolean {
  return type.name.endsWith('Connection');
}

/**
 * For every list field of every object type of `schema`, the longest list
 * its resolver answers for any resource of that type in `graph`: the real
 * fan-out that a cost estimate must multiply by. Root lists are measured
 * once; the resources of a type are the instances of every class served as
 * it (a superset, so the answer can only be larger than needed, never
 * smaller). Lists of page types (see isPageType) are left out: `first` sizes
 * them.
 *
 * Runs every list resolver once per resource, so it is computed once per
 * Graph (see cachedListSizes) and kept with it; the views the resolvers
 * build meanwhile are not (at a million triples they held 250 MB). Throws when a type has list
 * fields but no known way to find its resources: a schema change that needs
 * a rule here, found at start-up rather than by a query that slips through.
 */
export function largestListSizes(schema: GraphQLSchema, graph: Graph): ListSizes {
  const measuring = measure(schema, graph);
  let step = measuring.next();
  while (step.done !== true) step = measuring.next();
  return step.value;
}

/** The measurement, yielding after each resource so that a caller may pause it. */
function* measure(schema: GraphQLSchema, graph: Graph): Generator<void, ListSizes> {
  // Resolvers keep per-Graph views of what they read; a Graph of its own lets those of every resource go with it.
  const scratch = new MemoizedGraph(graph);
  const context: Context = { graph: scratch, language: 'sv' };
  const sizes = introspectionListSizes(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || isPageType(type)) continue;
    if (isBoundedType(type)) {
      sizes.set(type.name, yield* boundedListSizes(type, scratch));
      continue;
    }
    const allLists = Object.values(type.getFields()).filter((field) => isListType(getNullableType(field.type)));
    if (allLists.length === 0) continue;
    const byField = new Map<string, number>();
    for (const field of allLists) {
      const bound = fieldBound(type, field.name);
      if (bound !== undefined) byField.set(field.name, bound(scratch));
    }
    const lists = allLists.filter((field) => !byField.has(field.name));
    sizes.set(type.name, byField);
    if (lists.length === 0) continue;
    const parents = parentsOfType(schema, type, scratch);
    // The root lists (every collaboration, sorted) are what the first requests ask for: measured on the graph itself, they are kept for them.
    const root = type === schema.getQueryType();
    const listContext = root ? { graph, language: 'sv' } : context;
    for (const field of lists) byField.set(field.name, yield* longestList(schema, type, field, parents, listContext, !root));
  }
  return sizes;
}

/**
 * The longest lists the introspection types (`__Schema`, `__Type`, …) can
 * answer for `schema`: the number of types and directives, and the most
 * fields, arguments, interfaces, possible types, enum values, input fields
 * and directive locations any one type, field or directive has.
 */
export function introspectionListSizes(schema: GraphQLSchema): Map<string, Map<string, number>> {
  const types = Object.values(schema.getTypeMap());
  const fields = types.flatMap((type) => (isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : []));
  const directives = schema.getDirectives();
  const most = (counts: number[]) => Math.max(0, ...counts);
  const listsOfTypes = {
    fields: most(types.map((type) => (isObjectType(type) || isInterfaceType(type) ? Object.keys(type.getFields()).length : 0))),
    interfaces: most(types.map((type) => (isObjectType(type) || isInterfaceType(type) ? type.getInterfaces().length : 0))),
    possibleTypes: most(types.map((type) => (isAbstractType(type) ? schema.getPossibleTypes(type).length : 0))),
    enumValues: most(types.map((type) => (isEnumType(type) ? type.getValues().length : 0))),
    inputFields: most(types.map((type) => (isInputObjectType(type) ? Object.keys(type.getFields()).length : 0))),
  };
  return new Map([
    ['__Schema', new Map([['types', types.length], ['directives', directives.length]])],
    ['__Type', new Map(Object.entries(listsOfTypes))],
    ['__Field', new Map([['args', most(fields.map((field) => field.args.length))]])],
    ['__Directive', new Map([['args', most(directives.map((directive) => directive.args.length))], ['locations', most(directives.map((directive) => directive.locations.length))]])],
  ]);
}

const cache = new WeakMap<GraphQLSchema, WeakMap<Graph, ListSizes>>();

/** largestListSizes, computed once per schema and Graph (or taken from measureListSizes). */
export function cachedListSizes(schema: GraphQLSchema, graph: Graph): ListSizes {
  return cache.get(schema)?.get(graph) ?? rememberListSizes(schema, graph, largestListSizes(schema, graph));
}

/** Makes `sizes` the list sizes of `graph`, as if measured: for a measurement made another way (see ListSizeMeasurement). */
export function rememberListSizes(schema: GraphQLSchema, graph: Graph, sizes: ListSizes): ListSizes {
  let byGraph = cache.get(schema);
  if (byGraph === undefined) cache.set(schema, (byGraph = new WeakMap()));
  byGraph.set(graph, sizes);
  return sizes;
}

/** Object types that stand for no resource of the graph, with how to find all their objects in one. */
const derivedTypes = new Map<string, (graph: Graph) => readonly unknown[]>();

/**
 * Registers an object type that stands for no resource of the graph (a
 * county's coverage, an aggregate), whose list fields are measured like any
 * other's: `objectsOf` answers every object of the type that the schema can
 * return over `graph` (what its list fields are resolved on). Such a type is
 * measured whole after every change (see ListSizeMeasurement): keep their
 * number small.
 */
export function measureListsOf(typeName: string, objectsOf: (graph: Graph) => readonly unknown[]): void {
  derivedTypes.set(typeName, objectsOf);
}

/** By list field name: an upper bound of the field's length in a graph. */
export type ListBounds = Readonly<Record<string, (graph: Graph) => number>>;

/** Object types whose lists are bounded from counts rather than measured, with their bounds. */
const boundedTypes = new Map<string, ListBounds>();

/**
 * Registers an object type that stands for no resource and whose lists are
 * costly to compute (a table over the whole graph, such as coverage): its
 * lists are bounded by `bounds`, an upper bound of each list field's length
 * found from counts (how many municipalities there are, say), instead of
 * being measured. A bound may be larger than any real list; the cost limit
 * then only errs on the safe side. Every list field of the type needs one.
 * Each bound is found in a step of its own, with other work let run between
 * two (see ListSizeMeasurement): keep each one to a count or two.
 */
export function boundListsOf(typeName: string, bounds: ListBounds): void {
  boundedTypes.set(typeName, bounds);
}

/** Whether the type's lists are bounded by boundListsOf rather than measured. */
export function isBoundedType(type: GraphQLObjectType): boolean {
  return boundedTypes.has(type.name);
}

/** The bounds of a type registered with boundListsOf, for each of its list fields, yielding after each; throws when one has none. */
export function* boundedListSizes(type: GraphQLObjectType, graph: Graph): Generator<void, Map<string, number>> {
  const bounds = boundedTypes.get(type.name)!;
  const sizes = new Map<string, number>();
  for (const field of Object.values(type.getFields())) {
    if (!isListType(getNullableType(field.type))) continue;
    const bound = Object.hasOwn(bounds, field.name) ? bounds[field.name] : undefined;
    if (bound === undefined) throw new Error(`largestListSizes: the bounds of ${type.name} give none for its list ${field.name}`);
    sizes.set(field.name, bound(graph));
    yield;
  }
  return sizes;
}

/** List fields of every type that implements an interface, bounded from counts: by interface name, then field name. */
const boundedFields = new Map<string, Map<string, (graph: Graph) => number>>();

/**
 * Bounds a list field that an interface declares (every Node's `sources`,
 * say), on every type implementing it, by `bound`: an upper bound of its
 * length over every resource of the graph, found from counts, instead of
 * running its resolver on every resource. For fields whose length is
 * bounded by something simple (the number of datasets) but whose measuring
 * would take seconds at a million triples.
 */
export function boundInterfaceList(interfaceName: string, fieldName: string, bound: (graph: Graph) => number): void {
  let fields = boundedFields.get(interfaceName);
  if (fields === undefined) boundedFields.set(interfaceName, (fields = new Map()));
  fields.set(fieldName, bound);
}

/** The bound of a list field of `type` that an interface of it declares (see boundInterfaceList), if any. */
export function fieldBound(type: GraphQLObjectType, fieldName: string): ((graph: Graph) => number) | undefined {
  for (const implemented of type.getInterfaces()) {
    const bound = boundedFields.get(implemented.name)?.get(fieldName);
    if (bound !== undefined) return bound;
  }
  return undefined;
}

/** Whether `measureListsOf` registered the type: its objects are not resources, and a change is measured by measuring it whole. */
export function isDerivedType(type: GraphQLObjectType): boolean {
  return derivedTypes.has(type.name);
}

/** What a field of `type` is resolved on: the root for Query, the registered objects of a derived type (see measureListsOf), else every resource of the type's classes, each once. */
export function parentsOfType(schema: GraphQLSchema, type: GraphQLObjectType, graph: Graph): readonly unknown[] {
  if (type === schema.getQueryType()) return [undefined];
  const derived = derivedTypes.get(type.name);
  if (derived !== undefined) return derived(graph);
  const classes = classesOfType(type.name as NodeTypeName);
  if (classes.length === 0) throw new Error(`largestListSizes: no classes are served as ${type.name} and measureListsOf registered no objects for it, so the length of its lists cannot be bounded`);
  const parents = new Map<string, Resource>();
  for (const type of classes) for (const resource of graph.instancesOf(type)) parents.set(resource.id, resource);
  return [...parents.values()];
}

/** The longest list of `field` over `parents`; `inAnyOrder`: without sorting them (see unordered), for lists that are not kept. */
function* longestList(schema: GraphQLSchema, type: GraphQLObjectType, field: GraphQLField<unknown, Context>, parents: readonly unknown[], context: Context, inAnyOrder: boolean): Generator<void, number> {
  let longest = 0;
  for (const parent of parents) {
    const length = () => listLength(schema, type, field, parent, context);
    longest = Math.max(longest, inAnyOrder ? unordered(length) : length());
    yield;
  }
  return longest;
}

/** The length of the list a field answers for `parent`; 0 when its resolver fails there (it answers an error, not a list). */
export function listLength(schema: GraphQLSchema, type: GraphQLObjectType, field: GraphQLField<unknown, Context>, parent: unknown, context: Context): number {
  const resolve = field.resolve ?? defaultFieldResolver;
  const info = { fieldName: field.name, parentType: type, returnType: field.type, schema } as unknown as GraphQLResolveInfo;
  let answer: unknown;
  try {
    answer = resolve(parent, {}, context, info);
  } catch {
    return 0;
  }
  if (answer instanceof Promise) throw new Error(`largestListSizes: ${type.name}.${field.name} resolves asynchronously; list sizes need synchronous resolvers`);
  return Array.isArray(answer) ? answer.length : 0;
}
