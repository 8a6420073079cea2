import type { Graph } from '../rdf/Graph.js';
import type { Context } from '../graphql/context.js';
import { preferredLanguage } from './preferredLanguage.js';

/** The resolver context for one request: the graph, and the language its Accept-Language header prefers among those served. */
export function contextFor(graph: Graph, acceptLanguage: string | undefined): Context {
  return { graph, language: preferredLanguage(acceptLanguage) };
}
