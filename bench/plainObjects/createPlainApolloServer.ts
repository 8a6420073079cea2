/**
 * The peer's Apollo Server: built with the options of ours
 * (src/http/createApolloServer.ts), over the peer's executable schema, so
 * that only where answers come from differs.
 *
 * Shared with ours: the schema text (schema/*.graphql), Apollo Server 5,
 * graphql-jit behind Apollo (compiledExecution), the parser's token limit and
 * the validation rules of our limits, no stack traces or schema hints in
 * errors, introspection, and the plugins that need no Graph: cache control
 * off, no landing page, the JSON-LD context on request, GraphQL-over-HTTP
 * statuses, and whatever the caller adds (the drain and the front door's
 * operation names, as startServer adds them).
 *
 * Left out: the result-size limit (resultSizeLimitPlugin), which measures
 * list lengths in our Graph before each operation (one remembered estimate
 * per document on the benchmark's path), and our masking of unexpected
 * errors (formatError), which runs only when a field fails.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { Context } from '../../src/graphql/context.js';
import { compiledExecution } from '../../src/http/compiledExecution.js';
import { defaultGraphqlLimits, limitRules } from '../../src/http/graphqlLimits.js';
import { graphqlOverHttpStatusPlugin } from '../../src/http/graphqlOverHttpStatusPlugin.js';
import { jsonLdContextPlugin } from '../../src/http/jsonLdContextPlugin.js';

export function createPlainApolloServer({ schema, logger, plugins = [] }: { schema: GraphQLSchema; logger: Logger; plugins?: ApolloServerPlugin<Context>[] }): ApolloServer<Context> {
  return new ApolloServer<Context>({
    gateway: compiledExecution(schema),
    parseOptions: { maxTokens: defaultGraphqlLimits.maxTokens },
    validationRules: limitRules(defaultGraphqlLimits),
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    introspection: true,
    logger,
    plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled(), jsonLdContextPlugin<Context>(), graphqlOverHttpStatusPlugin<Context>(), ...plugins],
  });
}
