/**
 * The fields every Node has for where its facts come from: the datasets
 * that describe it, its home dataset, and each dataset's claims.
 */
import type { NamedNode } from 'n3';
import type { Resource } from '../rdf/Graph.js';
import { claimsAbout, type ClaimInDataset } from '../rdf/claimsAbout.js';
import { datasetsDescribing } from '../rdf/datasetsDescribing.js';
import { homeDatasetOf } from '../rdf/homeDatasetOf.js';
import { termFromId } from 'n3';
import { graphSizesOf } from '../rdf/graphSizesOf.js';
import { quadCountOf } from '../rdf/quadCountOf.js';
import { cachedPerGraph, cachedPerResource } from './cachedPerGraph.js';
import { boundInterfaceList } from './largestListSizes.js';
import { subjectsOfKeys } from './RecordingGraph.js';
import type { Context } from './context.js';
import { requireProperty } from './requireProperty.js';

// A resource is often reached many times in one answer (a municipality under each of its memberships): read its datasets once per Graph.
const sourcesOf = cachedPerResource(datasetsDescribing);
const homeOf = cachedPerResource(homeDatasetOf);

/**
 * The most quads any subject has, for the cost limit's bound on `claims`
 * (each quad about a resource is one claim). Counted over every quad once;
 * after a publish only the subjects the change reaches are counted again, and
 * the bound never falls (a larger bound than needed errs on the safe side).
 */
const mostQuadsOfASubject = cachedPerGraph<number>((graph, previous) => {
  if (previous !== undefined) {
    let most = previous.value;
    for (const id of subjectsOfKeys(previous.changed)) most = Math.max(most, quadCountOf(graph, termFromId(id)));
    return most;
  }
  const counts = new Map<string, number>();
  let most = 0;
  for (const { subject } of graph.quads()) {
    const key = subject.termType === 'BlankNode' ? `_:${subject.value}` : subject.value;
    const quads = (counts.get(key) ?? 0) + 1;
    counts.set(key, quads);
    if (quads > most) most = quads;
  }
  return most;
});

boundInterfaceList('Node', 'sources', (graph) => graphSizesOf(graph).size);
boundInterfaceList('Node', 'claims', mostQuadsOfASubject);

export const provenanceFields = {
  sources: (resource: Resource, _args: unknown, { graph }: Context): NamedNode[] => sourcesOf(graph, resource),
  homeDataset: (resource: Resource, _args: unknown, { graph }: Context): NamedNode | null => homeOf(graph, resource),
  claims: (resource: Resource, { property }: { property?: string | null }, { graph }: Context): ClaimInDataset[] =>
    claimsAbout(graph, resource, property === null || property === undefined ? null : requireProperty('property', property)),
};
