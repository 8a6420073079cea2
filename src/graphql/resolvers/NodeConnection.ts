import type { NodeConnectionResolvers, NodeEdgeResolvers } from '../generated/resolvers.js';

// The page objects come whole from paginate(); these resolvers only read them.

export const NodeConnection: NodeConnectionResolvers = {
  totalCount: (page) => page.totalCount,
  edges: (page) => page.edges,
  nodes: (page) => page.nodes,
  pageInfo: (page) => page.pageInfo,
};

export const NodeEdge: NodeEdgeResolvers = {
  cursor: (edge) => edge.cursor,
  node: (edge) => edge.node,
};
