import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from 'pino';
import type { Context } from '../graphql/context.js';
import { executableSchema as schema } from '../graphql/executableSchema.js';
import { compiledExecution } from './compiledExecution.js';
import { defaultGraphqlLimits, limitRules, type GraphqlLimits } from './graphqlLimits.js';
import { graphqlOverHttpStatusPlugin } from './graphqlOverHttpStatusPlugin.js';
import { jsonLdContextPlugin } from './jsonLdContextPlugin.js';
import { resultSizeLimitPlugin } from './resultSizeLimitPlugin.js';
import type { Graph } from '../rdf/Graph.js';

/** How to build the GraphQL server. */
export interface ApolloServerOptions {
  logger: Logger;
  limits?: Partial<GraphqlLimits>;
  plugins?: ApolloServerPlugin<Context>[];
  /** The graph the server will read, whose list sizes the result-size limit then measures at start rather than on the first request. */
  graph?: Graph;
  /** `compiled` (the default) runs operations with graphql-jit, `interpreted` with graphql-js's own executor. */
  execution?: 'compiled' | 'interpreted';
}

/**
 * Apollo Server over our schema and resolvers, with the abuse limits on and
 * internals hidden: no stack traces, no "did you mean" hints, and unexpected
 * errors answered as INTERNAL_SERVER_ERROR with only a reference that the
 * server log carries with the real error. Statuses follow the GraphQL-over-HTTP
 * spec (see graphqlOverHttpStatusPlugin).
 */
export function createApolloServer({ logger, limits = {}, plugins = [], graph, execution = 'compiled' }: ApolloServerOptions): ApolloServer<Context> {
  const effective = { ...defaultGraphqlLimits, ...limits };
  let errorCount = 0;
  return new ApolloServer<Context>({
    ...(execution === 'compiled' ? { gateway: compiledExecution(schema) } : { schema }),
    parseOptions: { maxTokens: effective.maxTokens },
    validationRules: limitRules(effective),
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    introspection: true,
    logger,
    // No field sets cache hints, and the cache-control plugin would still wrap every field resolver.
    // Apollo's landing pages load Apollo Sandbox from Apollo's CDN; the explorer served beside Apollo needs no network (see src/http/explorer).
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      resultSizeLimitPlugin(schema, effective.maxResultSize, graph),
      jsonLdContextPlugin<Context>(),
      graphqlOverHttpStatusPlugin<Context>(),
      ...plugins,
    ],
    formatError: (formatted, error) => {
      if (formatted.extensions?.code !== ApolloServerErrorCode.INTERNAL_SERVER_ERROR) return formatted;
      // Apollo's own client errors without a code (a persisted query whose hash does not match, say) carry a 4xx status.
      if (isClientError(error)) return { ...formatted, extensions: { ...formatted.extensions, code: ApolloServerErrorCode.BAD_REQUEST } };
      const reference = `${process.pid}-${Date.now().toString(36)}-${++errorCount}`;
      logger.error({ err: unwrapResolverError(error), reference, path: formatted.path }, 'unexpected error while answering a query');
      return {
        message: `Internal server error (reference ${reference})`,
        extensions: { code: ApolloServerErrorCode.INTERNAL_SERVER_ERROR, reference },
        ...(formatted.path && { path: formatted.path }),
        ...(formatted.locations && { locations: formatted.locations }),
      };
    },
  });
}

/** Whether the error says it answers with a 4xx status: the client's fault, which neither needs masking nor belongs in the error log. */
function isClientError(error: unknown): boolean {
  const status = (error as { extensions?: { http?: { status?: unknown } } } | null)?.extensions?.http?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
