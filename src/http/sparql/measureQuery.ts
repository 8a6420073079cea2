import type { Query } from 'sparqljs';
import { forEachNode } from './forEachNode.js';

/** How big the parts of a query are that the engine handles by recursion or that multiply its work. */
export interface QueryMeasures {
  /**
   * How deep operations and function calls nest in the deepest expression.
   * The parser nests a chain `a || b || c` one level per operator, and so
   * does the engine, whose evaluation recurses along it.
   */
  expressionDepth: number;
  /** The IRIs in the longest property path (`<p>/<q>|^<r>` has three). */
  pathSteps: number;
  /**
   * An estimate of how many times longer than the values it reads (from the
   * data or the query) a string the query builds can be: `CONCAT` adds the
   * lengths of its arguments, `REPLACE` multiplies by its replacement, and a
   * variable bound by `BIND` or `AS` grows as its expression. Forty chained
   * `BIND(CONCAT(?x, ?x) AS ?y)` estimate 2^40. `GROUP_CONCAT` over many
   * solutions is not counted: the engine's memory limit stops that one.
   */
  stringGrowth: number;
}

/** The expression nodes of sparqljs; every other object is a pattern, a term or a part of one. */
const EXPRESSION_TYPES = new Set(['operation', 'functionCall', 'aggregate']);

/** What an estimate saturates at: past it the number only says "far too much". */
const MAX_ESTIMATE = Number.MAX_SAFE_INTEGER;

/** How much `ENCODE_FOR_URI` lengthens a string: `%` becomes `%25`. */
const PERCENT_ENCODING_GROWTH = 3;

interface WalkContext {
  expressionDepth: number;
  /** The step count of the property path the node lies in, if any. */
  path?: { steps: number };
}

/**
 * Measures a parsed query (the output of the sparqljs parser) without
 * recursion, so that a query nested far too deep for the engine is measured
 * as safely as a small one.
 */
export function measureQuery(query: Query): QueryMeasures {
  let expressionDepth = 0;
  let pathSteps = 0;
  const bindings: Array<{ variable: string; expression: unknown }> = [];
  forEachNode<WalkContext>(query, { expressionDepth: 0 }, (node, context) => {
    if (context.path !== undefined && node.termType === 'NamedNode') {
      pathSteps = Math.max(pathSteps, ++context.path.steps);
    }
    if (node.type === 'path' && context.path === undefined) return { ...context, path: { steps: 0 } };
    if (typeof node.type === 'string' && EXPRESSION_TYPES.has(node.type)) {
      expressionDepth = Math.max(expressionDepth, context.expressionDepth + 1);
      return { ...context, expressionDepth: context.expressionDepth + 1 };
    }
    // BIND(… AS ?v), a projection (… AS ?v) and GROUP BY (… AS ?v) all have this shape.
    const variable = node.variable as { termType?: string; value?: string } | undefined;
    if (node.expression !== undefined && variable?.termType === 'Variable' && typeof variable.value === 'string') {
      bindings.push({ variable: variable.value, expression: node.expression });
    }
    return context;
  });
  return { expressionDepth, pathSteps, stringGrowth: stringGrowth(bindings) };
}

/**
 * The largest growth of any bound variable. A variable's growth depends on
 * those its expression reads, wherever in the query they are bound, so the
 * bindings are estimated again until nothing changes, at most once more than
 * there are bindings: a chain of them needs one pass per link. Only
 * variables of the same name in different scopes (a subquery's and the
 * query's) can form a cycle, whose estimate would otherwise grow to the
 * ceiling; it is cut there instead, an overestimate still, but a query
 * whose real growth is small is not refused for it.
 */
function stringGrowth(bindings: Array<{ variable: string; expression: unknown }>): number {
  const growthOf = new Map<string, number>();
  let largest = 1;
  for (let pass = 0; pass <= bindings.length; pass++) {
    let changed = false;
    for (const { variable, expression } of bindings) {
      const growth = expressionGrowth(expression, growthOf);
      if (growth > (growthOf.get(variable) ?? 1)) {
        growthOf.set(variable, growth);
        largest = Math.max(largest, growth);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return largest;
}

interface Frame {
  node: unknown;
  children: unknown[];
  values: number[];
}

/** The growth of one expression, evaluated bottom-up with an explicit stack. */
function expressionGrowth(expression: unknown, growthOf: ReadonlyMap<string, number>): number {
  const stack: Frame[] = [frame(expression)];
  let result = 1;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.values.length < top.children.length) {
      stack.push(frame(top.children[top.values.length]));
      continue;
    }
    stack.pop();
    const value = combine(top.node, top.values, growthOf);
    if (stack.length === 0) result = value;
    else stack[stack.length - 1]!.values.push(value);
  }
  return result;
}

/** An expression node and the children whose growth it depends on; patterns (EXISTS) and terms have none. */
function frame(node: unknown): Frame {
  if (Array.isArray(node)) return { node, children: node, values: [] };
  const expression = node as { type?: string; args?: unknown[]; expression?: unknown } | null;
  if (expression?.type === 'operation' || expression?.type === 'functionCall') return { node, children: expression.args ?? [], values: [] };
  if (expression?.type === 'aggregate') return { node, children: [expression.expression], values: [] };
  return { node, children: [], values: [] };
}

function combine(node: unknown, values: number[], growthOf: ReadonlyMap<string, number>): number {
  const term = node as { termType?: string; value?: string; type?: string; operator?: string; args?: unknown[] } | null;
  if (term?.termType === 'Variable') return growthOf.get(term.value ?? '') ?? 1;
  const largest = values.reduce((max, value) => Math.max(max, value), 1);
  switch (term?.type === 'operation' ? term.operator?.toLowerCase() : undefined) {
    case 'concat':
      return Math.min(MAX_ESTIMATE, values.reduce((sum, value) => sum + value, 0));
    case 'replace': {
      // An empty match puts the replacement between every two characters.
      const replacement = term!.args?.[2] as { termType?: string; value?: string } | undefined;
      const inserted = replacement?.termType === 'Literal' ? Math.max(1, replacement.value?.length ?? 1) : (values[2] ?? 1);
      return Math.min(MAX_ESTIMATE, (values[0] ?? 1) * (1 + inserted));
    }
    case 'encode_for_uri':
      return Math.min(MAX_ESTIMATE, largest * PERCENT_ENCODING_GROWTH);
    default:
      return largest;
  }
}
