import type { IncomingMessage } from 'node:http';
import Negotiator from 'negotiator';

/** What /graphql answers GET with: GraphQL's JSON types first, so that `*\/*` and no Accept at all get JSON. */
const offered = ['application/graphql-response+json', 'application/json', 'text/html'];

/**
 * Whether a request to /graphql is a browser opening the page rather than a
 * GraphQL request: GET or HEAD whose Accept prefers text/html to JSON, as a
 * browser's does. A malformed Accept is no browser's, so it gets GraphQL's
 * answer.
 */
export function wantsExplorer(request: IncomingMessage): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const accept = request.headers.accept;
  if (accept === undefined) return false;
  try {
    return new Negotiator({ headers: { accept } }).mediaType(offered) === 'text/html';
  } catch {
    return false;
  }
}
