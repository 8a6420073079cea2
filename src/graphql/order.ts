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
export const byIri: Order = (a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);

/** By Swedish name, in Swedish alphabetical order (å, ä, ö last). */
export function byName(graph: Graph): Order {
  const key = remembered((resource) => textOf(graph, resource, skos.prefLabel, 'sv') ?? '');
  return (a, b) => swedish.compare(key(a), key(b)) || byIri(a, b);
}

/** By official code (dcterms:identifier) when both have one, then by Swedish name. */
export function byCode(graph: Graph): Order {
  const name = byName(graph);
  const code = remembered((resource) => valueOf(graph, resource, dcterms.identifier));
  return (a, b) => {
    const codeA = code(a);
    const codeB = code(b);
    if (codeA !== null && codeB !== null && codeA !== codeB) return codeA < codeB ? -1 : 1;
    if ((codeA === null) !== (codeB === null)) return codeA === null ? 1 : -1;
    return name(a, b);
  };
}

/** By position in the source's list (schema:position), then by Swedish name. */
export function byPosition(graph: Graph): Order {
  const name = byName(graph);
  const key = remembered((resource) => Number(valueOf(graph, resource, schema.position) ?? Number.MAX_SAFE_INTEGER));
  return (a, b) => key(a) - key(b) || name(a, b);
}

/** By the start of the period (dcterms:temporal → dcat:startDate), undated last, then by IRI. */
export function byPeriodStart(graph: Graph): Order {
  const key = remembered((resource) => {
    const period = resourceOf(graph, resource, dcterms.temporal);
    return (period && valueOf(graph, period, dcat.startDate)) ?? '\uffff';
  });
  return (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : byIri(a, b));
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
