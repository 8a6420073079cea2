import type { NodeConnectionResolvers, NodeEdgeResolvers } from '../generated/resolvers.js';
import { connectionFields, edgeFields } from './pageFields.js';

export const NodeConnection: NodeConnectionResolvers = { ...connectionFields };

export const NodeEdge: NodeEdgeResolvers = { ...edgeFields };
