import type * as RDF from '@rdfjs/types';
import type { SparqlQuery } from './sparqlQueries.js';

/** A solution as its variables' values, each engine's terms read the same way. */
export type Solution = Iterable<readonly [variable: string, value: RDF.Term]>;

/** What the answers of two engines to one query must agree on. */
export interface SparqlAnswer {
  solutions: number;
  /** Every solution on a line of its own, variables and lines sorted; empty when only the counts must agree. */
  canonical: string;
  /** The sum of the query's `countVariable` over the solutions: the rows of the join that the aggregate counted. */
  counted?: number;
}

/** Reduces an engine's solutions to `query` to a SparqlAnswer, comparable with `===` field by field. */
export function sparqlAnswer(query: SparqlQuery, solutions: readonly Solution[]): SparqlAnswer {
  const answer: SparqlAnswer = { solutions: solutions.length, canonical: '' };
  if (!query.countsOnly) answer.canonical = solutions.map(canonicalSolution).sort().join('\n');
  if (query.countVariable !== undefined) {
    answer.counted = 0;
    for (const solution of solutions) {
      for (const [variable, value] of solution) if (variable === query.countVariable) answer.counted += Number(value.value);
    }
  }
  return answer;
}

function canonicalSolution(solution: Solution): string {
  const cells = [...solution].map(([variable, value]) => `?${variable}=${cell(value)}`);
  return cells.sort().join(' ');
}

/** A term as N-Triples writes it, but a blank node as `_:` alone: engines label blank nodes differently. */
function cell(term: RDF.Term): string {
  if (term.termType === 'BlankNode') return '_:';
  if (term.termType !== 'Literal') return `<${term.value}>`;
  return term.language ? `${JSON.stringify(term.value)}@${term.language}` : `${JSON.stringify(term.value)}^^<${term.datatype.value}>`;
}
