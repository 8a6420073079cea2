import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { Solution } from './sparqlAnswer.js';

/** A term of SPARQL JSON results. */
interface JsonTerm {
  type: 'uri' | 'bnode' | 'literal';
  value: string;
  'xml:lang'?: string;
  datatype?: string;
}

interface JsonResults {
  results: { bindings: Array<Record<string, JsonTerm>> };
}

/** The solutions of SELECT results written as SPARQL JSON (application/sparql-results+json), with RDF/JS terms. */
export function sparqlJsonSolutions(body: string): Solution[] {
  return (JSON.parse(body) as JsonResults).results.bindings.map((binding) => Object.entries(binding).map(([variable, term]) => [variable, termOf(term)] as const));
}

function termOf(term: JsonTerm): RDF.Term {
  if (term.type === 'uri') return DataFactory.namedNode(term.value);
  if (term.type === 'bnode') return DataFactory.blankNode(term.value);
  return DataFactory.literal(term.value, term['xml:lang'] ?? (term.datatype === undefined ? undefined : DataFactory.namedNode(term.datatype)));
}
