import { DataFactory, Parser, Writer } from 'n3';
import type { Term } from '@rdfjs/types';

const { namedNode, blankNode } = DataFactory;
const subject = namedNode('urn:x:s');
const predicate = namedNode('urn:x:p');
const prefix = '<urn:x:s> <urn:x:p> ';
const suffix = ' .\n';

/** How a ValidationResult names a resource: the IRI itself, or `_:label` for a blank node. */
export function nodeText(term: Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

/** The resource `nodeText` names. */
export function nodeOfText(text: string): Term {
  return text.startsWith('_:') ? blankNode(text.slice(2)) : namedNode(text);
}

/** A term as N-Triples writes it (`<iri>`, `_:label`, `"text"@sv`, `"1"^^<…#integer>`). */
export function nTriplesText(term: Term): string {
  const line = new Writer({ format: 'N-Triples' }).quadToString(subject, predicate, term as Parameters<Writer['quadToString']>[2]);
  return line.slice(prefix.length, -suffix.length);
}

/** The term `nTriplesText` wrote; throws on text that is no N-Triples term. */
export function termOfNTriplesText(text: string): Term {
  const [quad] = new Parser({ format: 'N-Triples' }).parse(`${prefix}${text}${suffix}`);
  return quad!.object;
}
