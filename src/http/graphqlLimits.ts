import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { knownOperationTypesRule } from './knownOperationTypesRule.js';

/** The abuse limits of the GraphQL endpoint (docs/limits.md); each can be set per server. */
export interface GraphqlLimits {
  /** Most tokens a document may have; enforced by the parser, answered with 400 GRAPHQL_PARSE_FAILED. */
  maxTokens: number;
  /** Deepest selection nesting. */
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /**
   * Most values an answer may hold by the estimate made before execution
   * (see estimateResultSize): each list counts as its longest length in the
   * loaded data, a page as its `first`, so the estimate is an upper bound.
   */
  maxResultSize: number;
  /** Largest request body on /graphql, in bytes. */
  maxBodyBytes: number;
  /** Largest answer body on /graphql, in bytes; a larger answer is replaced by an error that says so. */
  maxResponseBytes: number;
}

export const defaultGraphqlLimits: GraphqlLimits = {
  maxTokens: 1000,
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 50,
  maxResultSize: 100_000,
  maxBodyBytes: 100 * 1024,
  maxResponseBytes: 10 * 1024 * 1024,
};

// graphql-armor throws by default, which Apollo turns into a 500; reported
// errors become a 400 GRAPHQL_VALIDATION_FAILED like any other invalid query.
const report = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
  exposeLimits: true,
};

/**
 * Validation rules that enforce the limits on the document's shape (the
 * result size depends on the data, so resultSizeLimitPlugin checks it), and refuse operation types the
 * schema lacks (mutations, subscriptions); each failure is a 400
 * GRAPHQL_VALIDATION_FAILED error whose message names the limit.
 */
export function limitRules(limits: GraphqlLimits): ValidationRule[] {
  return [
    knownOperationTypesRule,
    maxDepthRule({ n: limits.maxDepth, ...report }),
    maxAliasesRule({ n: limits.maxAliases, ...report }),
    maxDirectivesRule({ n: limits.maxDirectives, ...report }),
  ] as unknown as ValidationRule[];
}
