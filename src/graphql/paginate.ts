import type { Resource } from '../rdf/Graph.js';
import { badUserInput } from './errors.js';

/** Page size when `first` is not given. */
export const DEFAULT_PAGE_SIZE = 20;
/** The largest `first` a client may ask for. */
export const MAX_PAGE_SIZE = 100;

/** One page of a cursor connection (Relay style), before field resolution. */
export interface Page {
  totalCount: number;
  edges: Array<{ cursor: string; node: Resource }>;
  nodes: Resource[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** The opaque cursor of a resource: its IRI, base64url-encoded. */
export function cursorOf(resource: Resource): string {
  return Buffer.from(resource.value, 'utf8').toString('base64url');
}

/**
 * The page of `items` (already filtered and sorted) that starts after the
 * item whose cursor is `after` and holds at most `first` items. A `first`
 * outside 0…MAX_PAGE_SIZE or a cursor that points at no item of this list is
 * a BAD_USER_INPUT error.
 */
export function paginate(items: readonly Resource[], first: number | null | undefined, after: string | null | undefined): Page {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badUserInput('first', `an integer from 0 to ${MAX_PAGE_SIZE}`, first);
  }
  let start = 0;
  if (after !== null && after !== undefined) {
    const iri = Buffer.from(after, 'base64url').toString('utf8');
    const index = cursorOf({ value: iri } as Resource) === after ? items.findIndex((item) => item.value === iri) : -1;
    if (index < 0) throw badUserInput('after', 'a cursor from an edge of this list', after);
    start = index + 1;
  }
  const nodes = items.slice(start, start + size);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    totalCount: items.length,
    edges,
    nodes,
    pageInfo: {
      hasNextPage: start + size < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
