import type { Quad, Term } from '@rdfjs/types';
import { xsd } from '../../src/rdf/vocabulary.js';

/** A term as N-Triples writes it. */
export function nTriplesTerm(term: Term): string {
  if (term.termType === 'NamedNode') return `<${term.value}>`;
  if (term.termType === 'BlankNode') return `_:${term.value}`;
  if (term.termType !== 'Literal') throw new Error(`unexpected ${term.termType}`);
  const value = JSON.stringify(term.value);
  if (term.language !== '') return `${value}@${term.language}`;
  return term.datatype.value === xsd.string.value ? value : `${value}^^<${term.datatype.value}>`;
}

/** Each quad as one N-Triples line (its graph left out, no final " ."), in the order given: for exact comparisons that read. */
export function nTriplesLines(quads: readonly Quad[]): string[] {
  return quads.map((quad) => `${nTriplesTerm(quad.subject)} <${quad.predicate.value}> ${nTriplesTerm(quad.object)}`);
}
