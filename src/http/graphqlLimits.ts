import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ValidationRule } from 'graphql';

/** The abuse limits of the GraphQL endpoint (docs/limits.md); each can be set per server. */
export interface GraphqlLimits {
  /** Most tokens a document may have; enforced by the parser, answered with 400 GRAPHQL_PARSE_FAILED. */
  maxTokens: number;
  /** Deepest selection nesting. The deepest query the product's own pages send is 8 levels. */
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** graphql-armor cost: 2 per object field, 1 per scalar, growing with depth. */
  maxCost: number;
  /** Largest request body on /graphql, in bytes. */
  maxBodyBytes: number;
}

export const defaultGraphqlLimits: GraphqlLimits = {
  maxTokens: 1000,
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 50,
  maxCost: 5000,
  maxBodyBytes: 100 * 1024,
};

/** Validation rules that enforce the limits; each failure is a GRAPHQL_VALIDATION_FAILED error naming the limit. */
export function limitRules(limits: GraphqlLimits): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, exposeLimits: true }),
    maxAliasesRule({ n: limits.maxAliases, exposeLimits: true }),
    maxDirectivesRule({ n: limits.maxDirectives, exposeLimits: true }),
    costLimitRule({ maxCost: limits.maxCost, exposeLimits: true }),
  ] as unknown as ValidationRule[];
}
