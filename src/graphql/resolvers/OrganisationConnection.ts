import type { OrganisationConnectionResolvers, OrganisationEdgeResolvers, PageInfoResolvers } from '../generated/resolvers.js';

// The page objects come whole from paginate(); these resolvers only read them.

export const OrganisationConnection: OrganisationConnectionResolvers = {
  totalCount: (page) => page.totalCount,
  edges: (page) => page.edges,
  nodes: (page) => page.nodes,
  pageInfo: (page) => page.pageInfo,
};

export const OrganisationEdge: OrganisationEdgeResolvers = {
  cursor: (edge) => edge.cursor,
  node: (edge) => edge.node,
};

export const PageInfo: PageInfoResolvers = {
  hasNextPage: (info) => info.hasNextPage,
  hasPreviousPage: (info) => info.hasPreviousPage,
  startCursor: (info) => info.startCursor,
  endCursor: (info) => info.endCursor,
};
