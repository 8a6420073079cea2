/**
 * The orders lists come back in. Each comparator ends on the IRI, so equal
 * keys never leave the order to chance.
 */
import type { NamedNode } from 'n3';
import type { Graph, Resource } from '../rdf/Graph.js';
import { textOf, valueOf, resourceOf } from '../rdf/readTerms.js';
import { dcat, dcterms, schema, skos } from '../rdf/vocabulary.js';

/** Compares two resources. */
export type Order = (a: Resource, b: Resource) => number;

const swedish = new Intl.Collator('sv', { sensitivity: 'variant', numeric: true });

let ordering = true;

/** Sorts a copy of `resources`, each resource once (in no particular order inside `unordered`). */
export function sorted(resources: Iterable<Resource>, order: Order): Resource[] {
  const unique = new Map<string, Resource>();
  for (const resource of resources) unique.set(resource.termType + resource.value, resource);
  return ordering ? [...unique.values()].sort(order) : [...unique.values()];
}

/**
 * Runs `measure` (synchronous) with `sorted` keeping each resource once but
 * skipping the sort: for measuring how long lists are, which their order
 * cannot change, without reading every member's sort key (at a million
 * triples, half the time of measuring what a change reaches, and reads that
 * made every label a reason to measure again).
 */
export function unordered<T>(measure: () => T): T {
  ordering = false;
  try {
    return measure();
  } finally {
    ordering = true;
  }
}

/** A key function that reads the graph once per resource, however often a sort asks. */
function remembered<Key>(key: (resource: Resource) => Key): (resource: Resource) => Key {
  const keys = new Map<string, Key>();
  return (resource) => {
    const id = resource.termType === 'BlankNode' ? `_:${resource.value}` : resource.value;
    if (keys.has(id)) return keys.get(id)!;
    const value = key(resource);
    keys.set(id, value);
    return value;
  };
}

/** By IRI. */
export const byIri: Order = (a, b) => byIriValue(a.value, b.value);

/**
 * An order that compares a key of each resource, read from the graph once
 * per resource: a list that keeps its members' keys (see sortedPerGraph)
 * can compare a newcomer with them without reading the graph again.
 */
export interface KeyedOrder<Key = unknown> extends Order {
  /** The resource's key (read from the graph the first time, remembered after). */
  key(resource: Resource): Key;
  /** Compares two keys as the order compares their resources: ends on the IRI, so only one resource's key equals its own. */
  compareKeys(a: Key, b: Key): number;
}

function keyedOrder<Key>(key: (resource: Resource) => Key, compareKeys: (a: Key, b: Key) => number): KeyedOrder<Key> {
  const order: Order = (a, b) => compareKeys(key(a), key(b));
  return Object.assign(order, { key, compareKeys });
}

function byIriValue(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A resource's Swedish name, and its IRI to tell equal names apart. */
interface NameKey {
  name: string;
  iri: string;
}

/** A resource's Swedish name, '' when it has none. */
function swedishName(graph: Graph, resource: Resource): string {
  return textOf(graph, resource, skos.prefLabel, 'sv') ?? '';
}

function compareNames(a: NameKey, b: NameKey): number {
  return swedish.compare(a.name, b.name) || byIriValue(a.iri, b.iri);
}

/** By Swedish name, in Swedish alphabetical order (å, ä, ö last). */
export function byName(graph: Graph): KeyedOrder<NameKey> {
  return keyedOrder(
    remembered((resource) => ({ name: swedishName(graph, resource), iri: resource.value })),
    compareNames,
  );
}

/** By official code (dcterms:identifier) when both have one, then by Swedish name. */
export function byCode(graph: Graph): KeyedOrder<NameKey & { code: string | null }> {
  return keyedOrder(
    remembered((resource) => ({ code: valueOf(graph, resource, dcterms.identifier), name: swedishName(graph, resource), iri: resource.value })),
    (a, b) => {
      if (a.code !== null && b.code !== null && a.code !== b.code) return a.code < b.code ? -1 : 1;
      if ((a.code === null) !== (b.code === null)) return a.code === null ? 1 : -1;
      return compareNames(a, b);
    },
  );
}

/** By position in the source's list (schema:position), then by Swedish name. */
export function byPosition(graph: Graph): KeyedOrder<NameKey & { position: number }> {
  return keyedOrder(
    remembered((resource) => ({ position: Number(valueOf(graph, resource, schema.position) ?? Number.MAX_SAFE_INTEGER), name: swedishName(graph, resource), iri: resource.value })),
    (a, b) => a.position - b.position || compareNames(a, b),
  );
}

/** By the start of the period (dcterms:temporal → dcat:startDate), undated last, then by IRI. */
export function byPeriodStart(graph: Graph): KeyedOrder<{ start: string; iri: string }> {
  return keyedOrder(
    remembered((resource) => {
      const period = resourceOf(graph, resource, dcterms.temporal);
      return { start: (period && valueOf(graph, period, dcat.startDate)) ?? '\uffff', iri: resource.value };
    }),
    (a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : byIriValue(a.iri, b.iri)),
  );
}

/** By the resource each one links to through `predicate`, in that resource's order; resources without a link last. */
export function through(graph: Graph, predicate: NamedNode, order: Order): Order {
  const link = remembered((resource) => resourceOf(graph, resource, predicate));
  return (a, b) => {
    const linkA = link(a);
    const linkB = link(b);
    if (linkA === null || linkB === null) return linkA === linkB ? 0 : linkA === null ? 1 : -1;
    return order(linkA, linkB);
  };
}

/** The first order that tells two resources apart, then the IRI. */
export function thenBy(...orders: Order[]): Order {
  return (a, b) => {
    for (const order of orders) {
      const difference = order(a, b);
      if (difference !== 0) return difference;
    }
    return byIri(a, b);
  };
}
