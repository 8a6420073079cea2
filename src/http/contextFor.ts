import type { Graph } from '../rdf/Graph.js';
import type { Context } from '../graphql/context.js';
import { preferredLanguage } from './preferredLanguage.js';

/**
 * The resolver context for one request: the graph, the language its
 * Accept-Language header prefers among those served, and the served
 * datasets' version numbers when they come from the publishing store.
 */
export function contextFor(graph: Graph, acceptLanguage: string | undefined, datasetVersions?: ReadonlyMap<string, number>): Context {
  return { graph, language: preferredLanguage(acceptLanguage), ...(datasetVersions && { datasetVersions }) };
}
