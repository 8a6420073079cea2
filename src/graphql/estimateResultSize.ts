import type { ComplexityEstimator } from 'graphql-query-complexity';
import { getComplexity } from 'graphql-query-complexity';
import {
  getNullableType,
  isAbstractType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { introspectionAnswerSize } from './introspectionAnswerSize.js';
import type { ListSizes } from './largestListSizes.js';
import { isPageType } from './largestListSizes.js';
import { DEFAULT_PAGE_SIZE } from './paginate.js';

/** What to estimate: one operation of a document, with its variables, over the list sizes of one Graph. */
export interface ResultSizeQuestion {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
  listSizes: ListSizes;
}

/**
 * An upper bound on how many values the answer to the operation holds: every
 * field of every object (objects and scalars alike) and every item of a list
 * of scalars, as `countAnswerValues` counts a real answer. Each list counts
 * as its longest length in the data (see largestListSizes), a field with a
 * `first` argument as `first` (default 20) times what it holds, and the lists
 * of the page it returns as one; `@skip`/`@include` and fragments on
 * abstract types are followed (the largest possible type counts).
 * Introspection (`__schema`, `__type`) counts exactly what it answers, as
 * it depends on the schema alone (see introspectionAnswerSize).
 *
 * Built on graphql-query-complexity. Throws a GraphQLError when the
 * operation cannot be measured (too many selections to walk).
 */
export function estimateResultSize({ schema, document, operationName, variables = {}, listSizes }: ResultSizeQuestion): number {
  const fragments = new Map(
    document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  const estimator: ComplexityEstimator = ({ type, field, node, args, childComplexity }) => {
    if (field === SchemaMetaFieldDef || field === TypeMetaFieldDef) return introspectionAnswerSize(schema, node, fragments, variables);
    const fieldType = getNullableType(field.type);
    if (field.args.some((argument) => argument.name === 'first')) return 1 + pageSize(args.first) * Math.max(childComplexity, 1);
    if (!isListType(fieldType)) return 1 + childComplexity;
    if (isObjectType(type) && isPageType(type)) return 1 + Math.max(childComplexity, 1);
    const longest = longestOf(schema, listSizes, type.name, field.name);
    return 1 + longest * Math.max(childComplexity, 1);
  };
  return getComplexity({
    schema,
    query: document,
    ...(operationName && { operationName }),
    variables,
    estimators: [estimator],
  });
}

function pageSize(first: unknown): number {
  // An empty page still answers its totalCount and pageInfo: count it as one item.
  return typeof first === 'number' && Number.isFinite(first) ? Math.max(1, first) : DEFAULT_PAGE_SIZE;
}

/** The longest list of `typeName.fieldName`; for an interface, the longest over the types that implement it. */
function longestOf(schema: GraphQLSchema, listSizes: ListSizes, typeName: string, fieldName: string): number {
  const type = schema.getType(typeName);
  if (type !== undefined && isAbstractType(type)) {
    return Math.max(0, ...schema.getPossibleTypes(type).map((possible) => listSizes.get(possible.name)?.get(fieldName) ?? 0));
  }
  return listSizes.get(typeName)?.get(fieldName) ?? 0;
}

/**
 * How many values an answer holds, counted as estimateResultSize counts
 * them: each key of each object, plus each item of a list of scalars.
 */
export function countAnswerValues(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + (item !== null && typeof item === 'object' ? countAnswerValues(item) : 1), 0);
  if (value === null || typeof value !== 'object') return 0;
  return Object.values(value).reduce((sum: number, child) => sum + 1 + countAnswerValues(child), 0);
}
