import type { Quad, Term } from 'n3';
import { xsd } from './vocabulary.js';

/** Limits on single terms; the defaults follow docs/limits.md. */
export interface TermLimits {
  maxLiteralLength: number;
}

export const defaultTermLimits: TermLimits = { maxLiteralLength: 1_000_000 };

// Absolute IRIs with a scheme we publish or link to; no characters RFC 3987 forbids (space, controls, <>"{}|\^`).
const iriCharacter = '[^\\u0000-\\u0020\\u007F<>"{}|\\\\^`]';
const allowedIri = new RegExp(`^(?:https?://${iriCharacter}+|urn:[a-z0-9][a-z0-9-]{0,31}:${iriCharacter}+|mailto:${iriCharacter}+)$`, 'i');
const badPercentEscape = /%(?![0-9a-f]{2})/i;

const lexicalForms: ReadonlyMap<string, RegExp> = new Map([
  [xsd.integer.value, /^[+-]?\d+$/],
  [xsd.gYear.value, /^-?\d{4,}(?:Z|[+-]\d{2}:\d{2})?$/],
  [xsd.date.value, /^-?\d{4,}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:Z|[+-]\d{2}:\d{2})?$/],
  [xsd.boolean.value, /^(?:true|false|0|1)$/],
  [xsd.decimal.value, /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/],
]);

/** What is wrong with a term. */
export interface TermProblem {
  code: 'INVALID_IRI' | 'INVALID_LITERAL';
  message: string;
}

/**
 * Returns the problem, with a sentence naming what is wrong with the quad, or null when all its
 * terms are acceptable: IRIs must be absolute http(s), urn or mailto IRIs with
 * valid escapes; literals must fit the length limit and, for the common XSD
 * datatypes, have a valid lexical form. N3.js and jsonld.js accept all of
 * these, so the loader checks them itself.
 */
export function findTermProblem(quad: Quad, limits: TermLimits = defaultTermLimits): TermProblem | null {
  for (const term of [quad.subject, quad.predicate, quad.object, quad.graph] as Term[]) {
    const problem = termProblem(term, limits);
    if (problem !== null) return problem;
  }
  return null;
}

/** Whether `value` is an IRI the graph may hold: absolute http, https, urn or mailto, without forbidden characters or broken %-escapes. */
export function isAcceptableIri(value: string): boolean {
  return allowedIri.test(value) && !badPercentEscape.test(value);
}

function termProblem(term: Term, limits: TermLimits): TermProblem | null {
  switch (term.termType) {
    case 'NamedNode':
      if (!isAcceptableIri(term.value)) {
        return { code: 'INVALID_IRI', message: `IRI <${term.value}> is not an absolute http, https, urn or mailto IRI` };
      }
      return null;
    case 'Literal': {
      if (term.value.length > limits.maxLiteralLength) {
        return {
          code: 'INVALID_LITERAL',
          message: `a literal of ${term.value.length} characters exceeds the limit of ${limits.maxLiteralLength}`,
        };
      }
      const form = lexicalForms.get(term.datatype.value);
      if ((form !== undefined && !form.test(term.value)) || (term.datatype.value === xsd.date.value && !isCalendarDate(term.value))) {
        return { code: 'INVALID_LITERAL', message: `"${term.value}" is not a valid lexical form of <${term.datatype.value}>` };
      }
      return termProblem(term.datatype, limits);
    }
    default:
      return null;
  }
}

/** Whether an xsd:date names a day the calendar has (no 30 February; 29 February only in leap years). */
function isCalendarDate(lexical: string): boolean {
  const match = /^(-?\d{4,})-(\d{2})-(\d{2})/.exec(lexical);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth;
}
