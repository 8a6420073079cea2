import type { NamedNode, Term } from 'n3';
import type { Graph, Resource } from './Graph.js';
import { homeDatasetOf } from './homeDatasetOf.js';
import { rdf } from './vocabulary.js';

/** One dataset's statement about a resource: that `property` of it has `value`. */
export interface ClaimInDataset {
  subject: Resource;
  property: NamedNode;
  value: Term;
  /** The named graph (dataset) that states it. */
  dataset: NamedNode;
  /** Whether `dataset` is the subject's home dataset (see homeDatasetOf). */
  home: boolean;
}

/**
 * What each dataset states about `subject`, of `property` when given: one
 * claim per statement and dataset, so a value two datasets give appears
 * twice, once with each. Sorted by property IRI, then the home dataset
 * first and the others by IRI, then by value (its N-Triples form). Triples
 * in no named graph belong to no dataset and are left out.
 */
export function claimsAbout(graph: Graph, subject: Resource, property: NamedNode | null): ClaimInDataset[] {
  const claims: ClaimInDataset[] = [];
  // Every claim read: the home dataset is among them, as the first dataset of a type claim.
  let home: string | null = null;
  for (const quad of graph.match(subject, property, null, null)) {
    if (quad.graph.termType !== 'NamedNode') continue;
    claims.push({ subject, property: quad.predicate as NamedNode, value: quad.object as Term, dataset: quad.graph as NamedNode, home: false });
    if (property === null && quad.predicate.equals(rdf.type) && (home === null || quad.graph.value < home)) home = quad.graph.value;
  }
  if (claims.length === 0) return claims;
  if (property !== null) home = homeDatasetOf(graph, subject)?.value ?? null;
  for (const claim of claims) claim.home = claim.dataset.value === home;
  return claims.sort(
    (a, b) =>
      compare(a.property.value, b.property.value) ||
      Number(b.home) - Number(a.home) ||
      compare(a.dataset.value, b.dataset.value) ||
      compare(a.value.id, b.value.id),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
