import type { Quad, Term } from 'n3';
import { xsd } from './vocabulary.js';

/** Limits on single terms; the defaults follow docs/limits.md. */
export interface TermLimits {
  maxLiteralLength: number;
}

export const defaultTermLimits: TermLimits = { maxLiteralLength: 1_000_000 };

// Absolute IRIs with a scheme we publish or link to; no characters RFC 3987 forbids.
const allowedIri = /^(?:https?:\/\/[^\s<>"{}|\\^`]+|urn:[a-z0-9][a-z0-9-]{0,31}:[^\s<>"{}|\\^`]+|mailto:[^\s<>"{}|\\^`]+)$/i;
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

function termProblem(term: Term, limits: TermLimits): TermProblem | null {
  switch (term.termType) {
    case 'NamedNode':
      if (!allowedIri.test(term.value) || badPercentEscape.test(term.value)) {
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
      if (form !== undefined && !form.test(term.value)) {
        return { code: 'INVALID_LITERAL', message: `"${term.value}" is not a valid lexical form of <${term.datatype.value}>` };
      }
      return termProblem(term.datatype, limits);
    }
    default:
      return null;
  }
}
