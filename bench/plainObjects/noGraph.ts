/**
 * The Graph the peer hands to our HTTP handler (createGraphqlHandler puts one
 * in every request's context): one that fails on any read. The peer's
 * resolvers never touch it, so a single answer that needed it would fail
 * loudly rather than quietly read RDF.
 */
import type { Graph } from '../../src/rdf/Graph.js';

function refuse(): never {
  throw new Error('The plain-JavaScript peer reads no Graph');
}

export const noGraph: Graph = {
  objects: refuse,
  subjects: refuse,
  has: refuse,
  instancesOf: refuse,
  literals: refuse,
  describes: refuse,
  match: refuse,
  quads: refuse,
  get size(): number {
    return refuse();
  },
};
