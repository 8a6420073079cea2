import type { Page } from '../paginate.js';

// The page objects come whole from paginate(); these resolvers only read them, for every connection type.

/** The fields of a connection (OrganisationConnection, NodeConnection). */
export const connectionFields = {
  totalCount: (page: Page) => page.totalCount,
  edges: (page: Page) => page.edges,
  nodes: (page: Page) => page.nodes,
  pageInfo: (page: Page) => page.pageInfo,
};

/** The fields of an edge of a connection. */
export const edgeFields = {
  cursor: (edge: Page['edges'][number]) => edge.cursor,
  node: (edge: Page['edges'][number]) => edge.node,
};
