/**
 * The fields every Node has for where its facts come from: the datasets
 * that describe it, its home dataset, and each dataset's claims.
 */
import type { NamedNode } from 'n3';
import type { Resource } from '../rdf/Graph.js';
import { claimsAbout, type ClaimInDataset } from '../rdf/claimsAbout.js';
import { datasetsDescribing } from '../rdf/datasetsDescribing.js';
import { homeDatasetOf } from '../rdf/homeDatasetOf.js';
import { cachedPerResource } from './cachedPerGraph.js';
import type { Context } from './context.js';
import { requireProperty } from './requireProperty.js';

// A resource is often reached many times in one answer (a municipality under each of its memberships): read its datasets once per Graph.
const sourcesOf = cachedPerResource(datasetsDescribing);
const homeOf = cachedPerResource(homeDatasetOf);

export const provenanceFields = {
  sources: (resource: Resource, _args: unknown, { graph }: Context): NamedNode[] => sourcesOf(graph, resource),
  homeDataset: (resource: Resource, _args: unknown, { graph }: Context): NamedNode | null => homeOf(graph, resource),
  claims: (resource: Resource, { property }: { property?: string | null }, { graph }: Context): ClaimInDataset[] =>
    claimsAbout(graph, resource, property === null || property === undefined ? null : requireProperty('property', property)),
};
