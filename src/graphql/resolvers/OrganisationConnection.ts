import type { OrganisationConnectionResolvers, OrganisationEdgeResolvers, PageInfoResolvers } from '../generated/resolvers.js';
import { connectionFields, edgeFields } from './pageFields.js';

export const OrganisationConnection: OrganisationConnectionResolvers = { ...connectionFields };

export const OrganisationEdge: OrganisationEdgeResolvers = { ...edgeFields };

// A page's pageInfo comes whole from paginate() too.
export const PageInfo: PageInfoResolvers = {
  hasNextPage: (info) => info.hasNextPage,
  hasPreviousPage: (info) => info.hasPreviousPage,
  startCursor: (info) => info.startCursor,
  endCursor: (info) => info.endCursor,
};
