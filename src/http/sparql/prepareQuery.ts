import { DataFactory } from 'n3';
import sparqljs from 'sparqljs';
import type { Expression, Grouping, Query, SelectQuery, Update, UpdateOperation } from 'sparqljs';
import { kg, xsd } from '../../rdf/vocabulary.js';
import type { ResultKind } from './chooseResultFormat.js';
import { forEachNode } from './forEachNode.js';
import { measureQuery } from './measureQuery.js';
import { SparqlHttpError } from './SparqlHttpError.js';

/** How the engine must cap the solutions of a query, and how it learns that it did. */
export type RowCap =
  /** `PreparedQuery.text` asks for at most `maxRows + 1` solutions: one more than `maxRows` means there were more. */
  | { kind: 'extraRow'; maxRows: number }
  /**
   * `PreparedQuery.text` asks for at most `maxRows` solutions (a graph form has
   * no rows to count), and `check` is a SELECT over the same pattern that
   * returns a solution exactly when there are more.
   */
  | { kind: 'checkQuery'; maxRows: number; check: string };

/** A query that passed every check, ready for the engine. */
export interface PreparedQuery {
  kind: ResultKind;
  /** What the engine runs: the client's own text, or a rewrite that adds the row cap's LIMIT. */
  text: string;
  /** Whether the query chooses its own dataset with FROM or FROM NAMED. */
  hasOwnDataset: boolean;
  /** Absent when the query's own LIMIT is within `maxRows` (or an ASK, or a DESCRIBE without WHERE). */
  cap?: RowCap;
}

/** The solution modifiers that sparqljs parses on every query form (its types declare them on SELECT only). */
interface SolutionModifiers {
  group?: Grouping[];
  having?: Expression[];
  limit?: number;
  offset?: number;
}

/**
 * How big the parts of a query may be that the engine handles by recursion
 * or that multiply its work (see measureQuery). Past them the engine's
 * WebAssembly stack overflows or its memory runs out, so the query is
 * refused with a 400 before it runs.
 */
export interface QueryComplexityLimits {
  /** How deep operations may nest in one expression (an n-term chain `a || b || …` nests n − 1 deep). */
  maxExpressionDepth: number;
  /** How many IRIs one property path may hold. */
  maxPathSteps: number;
  /** How many times longer than the values it reads a string built by the query may be, as measureQuery estimates it. */
  maxStringGrowth: number;
}

/**
 * Measured with Oxigraph 0.5 in a worker thread with its default 4 MB
 * stack: an `||` or `+` chain of 2,000 terms ran (in 7.6 s), 3,000 overflowed
 * the engine's stack, and the time grows with the square of the length
 * (250 terms: 0.26 s). A sequence path of 64 steps ran in 0.27 s, 200 in
 * 3 s, 1,000 in 375 s before overflowing. Thirty doublings of a string took
 * the engine to its memory limit. Real queries stay far below all three.
 */
export const defaultQueryComplexityLimits: QueryComplexityLimits = { maxExpressionDepth: 256, maxPathSteps: 64, maxStringGrowth: 1_024 };

/** How much of a parser message a client gets back: enough for the position and the expectation. */
const MAX_MESSAGE_LENGTH = 300;

/**
 * How deep brackets (`{ }`, `( )`, `[ ]`, counted together) may nest. Real
 * queries nest a handful of levels, while deep nesting costs the parsers
 * dearly. Measured: sparqljs takes time cubic in the depth (groups 2,000 deep
 * 1.6 s, 8,000 deep 62 s; function calls 12,000 deep 79 s, all within 64 kB),
 * and Oxigraph's WASM stack overflows at 256 nested function calls.
 */
const MAX_NESTING_DEPTH = 64;

/** An IRI reference in angle brackets, from its `<`. */
const IRI_REFERENCE = /<[^<>"{}|^`\\\u0000-\u0020]*>/y;

const generator = new sparqljs.Generator();

/**
 * Parses `text` with sparqljs and checks that the endpoint may run it: a
 * query (SELECT, ASK, CONSTRUCT, DESCRIBE), not an update, without SERVICE
 * anywhere (the engine must never call another host), with brackets
 * nested at most 64 deep (checked before parsing), and within `limits`
 * (measured on the parsed query, before anything recurses over it). Relative
 * IRIs resolve against the endpoint's IRI (`kg.sparqlEndpoint`) unless the
 * query declares its own BASE; the engine must run `text` with the same base.
 * When the query may return more than `maxRows` solutions, the text is
 * rewritten with a LIMIT and `cap` says how truncation will be noticed. Throws a 400 SparqlHttpError
 * whose message says what is wrong (for a syntax error, the parser's message).
 */
export function prepareQuery(text: string, maxRows: number, limits: QueryComplexityLimits = defaultQueryComplexityLimits): PreparedQuery {
  const depth = nestingDepth(text);
  if (depth > MAX_NESTING_DEPTH) {
    throw new SparqlHttpError(400, `The query nests brackets { } ( ) [ ] ${depth} levels deep; the limit is ${MAX_NESTING_DEPTH}`);
  }
  let parsed: Query | Update;
  try {
    // A new parser each time: sparqljs parsers keep state (blank node labels) between calls.
    parsed = new sparqljs.Parser({ baseIRI: kg.sparqlEndpoint.value }).parse(text);
  } catch (error) {
    // sparqljs recurses over long expression chains (in a projection, about 10,000 terms overflow the stack).
    if (error instanceof RangeError) {
      throw new SparqlHttpError(400, `The query is too complex to parse: its expressions nest too deep for the parser (${error.message}); the limit is ${limits.maxExpressionDepth} levels`);
    }
    throw new SparqlHttpError(400, `The query is not valid SPARQL: ${shorten((error as Error).message)}`);
  }
  if (parsed.type === 'update') {
    const operations = [...new Set(parsed.updates.map(updateName))].join(', ');
    throw new SparqlHttpError(400, `This endpoint is read-only: SPARQL Update (${operations}) is not accepted, only SELECT, ASK, CONSTRUCT and DESCRIBE`);
  }
  // sparqljs reads a text of only comments or PREFIX/BASE declarations as `{ prefixes }`, neither query nor update.
  if ((parsed as { type?: string }).type !== 'query') {
    throw new SparqlHttpError(400, 'The query is empty: it holds no SELECT, ASK, CONSTRUCT or DESCRIBE, only comments or prefix declarations');
  }
  // Before anything that recurses over the parsed query (the generator does).
  refuseTooComplex(parsed, limits);
  unescapeLocalNames(parsed);
  const service = findService(parsed);
  if (service !== undefined) {
    throw new SparqlHttpError(400, `SERVICE ${service} is not allowed: this endpoint answers from its own data only and never calls another service`);
  }
  const hasOwnDataset = (parsed.from?.default.length ?? 0) + (parsed.from?.named.length ?? 0) > 0;
  switch (parsed.queryType) {
    case 'ASK':
      return { kind: 'boolean', text, hasOwnDataset };
    case 'SELECT': {
      if (withinCap(parsed.limit, maxRows)) return { kind: 'solutions', text, hasOwnDataset };
      return {
        kind: 'solutions',
        text: generator.stringify({ ...parsed, limit: maxRows + 1 }),
        hasOwnDataset,
        cap: { kind: 'extraRow', maxRows },
      };
    }
    case 'CONSTRUCT':
    case 'DESCRIBE': {
      const graphQuery: typeof parsed & SolutionModifiers = parsed;
      if (graphQuery.where === undefined || withinCap(graphQuery.limit, maxRows)) return { kind: 'graph', text, hasOwnDataset };
      return {
        kind: 'graph',
        text: generator.stringify(Object.assign({}, graphQuery, { limit: maxRows })),
        hasOwnDataset,
        cap: { kind: 'checkQuery', maxRows, check: generator.stringify(moreSolutionsQuery(parsed, maxRows)) },
      };
    }
    default:
      throw new Error(`unexpected query type: ${JSON.stringify((parsed as Query).queryType)}`);
  }
}

/**
 * The deepest nesting of brackets in `text`, not counting those inside string
 * literals, IRIs and comments. A `<` that starts no IRI is an operator. Any
 * misreading (a `#` or quote inside an IRI, an operator taken for an IRI) can
 * only make the count lower, never reject a query wrongly.
 */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '{' || char === '(' || char === '[') deepest = Math.max(deepest, ++depth);
    else if (char === '}' || char === ')' || char === ']') depth = Math.max(0, depth - 1);
    else if (char === '#') index = endOfLine(text, index);
    else if (char === '"' || char === "'") index = endOfString(text, index);
    else if (char === '<') index = endOfIri(text, index);
  }
  return deepest;
}

/** The index of the `>` that closes an IRI opening at `start`, or `start` when none does. */
function endOfIri(text: string, start: number): number {
  IRI_REFERENCE.lastIndex = start;
  return IRI_REFERENCE.test(text) ? IRI_REFERENCE.lastIndex - 1 : start;
}

function endOfLine(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end === -1 ? text.length : end;
}

/** The index of the quote that closes the string literal opening at `start` (short or long form). */
function endOfString(text: string, start: number): number {
  const quote = text[start]!;
  const delimiter = text.startsWith(quote.repeat(3), start) ? quote.repeat(3) : quote;
  for (let index = start + delimiter.length; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text.startsWith(delimiter, index)) return index + delimiter.length - 1;
  }
  return text.length;
}

function withinCap(limit: number | undefined, maxRows: number): boolean {
  return limit !== undefined && limit <= maxRows;
}

/**
 * A SELECT over the pattern of a CONSTRUCT or DESCRIBE (with its grouping,
 * dataset and offset) that finds the solution after the first `maxRows`. It
 * projects a constant, so it stays valid whether or not the query groups.
 */
function moreSolutionsQuery(query: Query & SolutionModifiers, maxRows: number): SelectQuery {
  const { group, having, offset = 0 } = query;
  return {
    type: 'query',
    queryType: 'SELECT',
    prefixes: query.prefixes,
    ...(query.from !== undefined && { from: query.from }),
    variables: [{ expression: DataFactory.literal('1', xsd.integer), variable: DataFactory.variable(freshVariableName(query)) }],
    where: query.where ?? [],
    ...(query.values !== undefined && { values: query.values }),
    ...(group !== undefined && { group }),
    ...(having !== undefined && { having }),
    offset: offset + maxRows,
    limit: 1,
  };
}

/** Throws a 400 naming the limit and the measured size when `query` is beyond what the engine can run. */
function refuseTooComplex(query: Query, limits: QueryComplexityLimits): void {
  const { expressionDepth, pathSteps, stringGrowth } = measureQuery(query);
  const tooComplex = 'The query is too complex for the engine:';
  if (expressionDepth > limits.maxExpressionDepth) {
    throw new SparqlHttpError(
      400,
      `${tooComplex} an expression nests operations ${expressionDepth} levels deep (a chain such as a || b || c nests one level per operator); the limit is ${limits.maxExpressionDepth}`,
    );
  }
  if (pathSteps > limits.maxPathSteps) {
    throw new SparqlHttpError(400, `${tooComplex} a property path has ${pathSteps} steps; the limit is ${limits.maxPathSteps}`);
  }
  if (stringGrowth > limits.maxStringGrowth) {
    throw new SparqlHttpError(
      400,
      `${tooComplex} it can build strings about ${stringGrowth} times as long as the values it reads (CONCAT or REPLACE over bound variables); the limit is ${limits.maxStringGrowth}`,
    );
  }
}

/** A variable name that `query` does not use anywhere. */
function freshVariableName(query: Query): string {
  const used = new Set<string>();
  forEachNode(query, undefined, (node) => {
    if (node.termType === 'Variable' && typeof node.value === 'string') used.add(node.value);
  });
  let name = 'more';
  for (let suffix = 1; used.has(name); suffix++) name = `more${suffix}`;
  return name;
}

/**
 * sparqljs keeps the backslash of an escaped character in a prefixed name
 * (`kg:kommun\/1880` becomes the IRI `…kommun\/1880`), which would change a
 * regenerated query. An IRI written in angle brackets cannot hold a
 * backslash, so every backslash in a parsed IRI is such an escape.
 */
function unescapeLocalNames(query: Query | Update): void {
  forEachNode(query, undefined, (node) => {
    if (node.termType === 'NamedNode' && typeof node.value === 'string' && node.value.includes('\\')) {
      node.value = node.value.replace(/\\([_~.\-!$&'()*+,;=/?#@%])/g, '$1');
    }
  });
}

/** The IRI (or variable) of the first SERVICE in `query`, at any depth, or undefined. */
function findService(query: Query): string | undefined {
  let found: string | undefined;
  forEachNode(query, undefined, (node) => {
    if (found === undefined && node.type === 'service') {
      const name = node.name as { termType?: string; value?: string } | undefined;
      found = name?.termType === 'Variable' ? `?${name.value}` : `<${name?.value}>`;
    }
  });
  return found;
}

/** The SPARQL keyword of an update operation, for the message. */
function updateName(operation: UpdateOperation): string {
  if ('updateType' in operation) {
    switch (operation.updateType) {
      case 'insert':
        return 'INSERT DATA';
      case 'delete':
        return 'DELETE DATA';
      case 'deletewhere':
        return 'DELETE WHERE';
      case 'insertdelete':
        return 'DELETE/INSERT';
    }
  }
  return operation.type.toUpperCase();
}

/** The parser's message, cut to a length fit for a response; its line breaks stay, so the `^` still points. */
function shorten(message: string): string {
  return message.length <= MAX_MESSAGE_LENGTH ? message : `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…`;
}
