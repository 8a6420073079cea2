/**
 * Readings of properties the schema declares non-null. A missing value is a
 * data error (a plain Error naming the resource), never a client error.
 */
import type { NamedNode } from 'n3';
import type { Graph, Resource } from '../rdf/Graph.js';
import { resourceOf, valueOf } from '../rdf/readTerms.js';

/** The literal value of `predicate`; throws when the data gives none. */
export function requiredValue(graph: Graph, resource: Resource, predicate: NamedNode): string {
  return valueOf(graph, resource, predicate) ?? missing(resource, predicate);
}

/** The resource linked by `predicate`; throws when the data gives none. */
export function requiredResource(graph: Graph, resource: Resource, predicate: NamedNode): Resource {
  return resourceOf(graph, resource, predicate) ?? missing(resource, predicate);
}

function missing(resource: Resource, predicate: NamedNode): never {
  throw new Error(`The data gives no <${predicate.value}> for <${resource.value}>`);
}
