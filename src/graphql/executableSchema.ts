import { makeExecutableSchema } from '@graphql-tools/schema';
import type { Context } from './context.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

/** Our schema with its resolvers: one object, so that what is measured or compiled for it (list sizes, compiled queries) is found again. */
export const executableSchema = makeExecutableSchema<Context>({ typeDefs, resolvers });
