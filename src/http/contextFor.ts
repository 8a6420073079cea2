import type { Request } from 'express';
import type { Graph } from '../rdf/Graph.js';
import type { Context } from '../graphql/context.js';

/** Languages the data is written in, most complete first; the first is the default. */
export const SERVED_LANGUAGES = ['sv', 'en'] as const;

/** The resolver context for one request: the graph, and the language its Accept-Language prefers among those served. */
export function contextFor(graph: Graph, request: Request): Context {
  const preferred = request.acceptsLanguages(...SERVED_LANGUAGES);
  return { graph, language: typeof preferred === 'string' ? preferred : SERVED_LANGUAGES[0] };
}
