import Negotiator from 'negotiator';
import type { Graph } from '../rdf/Graph.js';
import type { Context } from '../graphql/context.js';

/** Languages the data is written in, most complete first; the first is the default. */
export const SERVED_LANGUAGES = ['sv', 'en'] as const;

/** The resolver context for one request: the graph, and the language its Accept-Language header prefers among those served. */
export function contextFor(graph: Graph, acceptLanguage: string | undefined): Context {
  const preferred = acceptLanguage === undefined ? undefined : new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language([...SERVED_LANGUAGES]);
  return { graph, language: preferred ?? SERVED_LANGUAGES[0] };
}
