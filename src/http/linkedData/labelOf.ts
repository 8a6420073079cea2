import type { Literal, Term } from 'n3';
import type { Graph } from '../../rdf/Graph.js';
import { pickLanguage } from '../../rdf/pickLanguage.js';
import { dcterms, rdfs, skos } from '../../rdf/vocabulary.js';

/** The properties whose values name a resource for people. */
const labelProperties = [skos.prefLabel, rdfs.label, dcterms.title] as const;

/**
 * The label of a resource that best fits `language` among its
 * `skos:prefLabel`, `rdfs:label` and `dcterms:title` values (see
 * pickLanguage), or null when it has none. Indexed reads only.
 */
export function labelOf(graph: Graph, term: Term, language: string): Literal | null {
  if (term.termType !== 'NamedNode' && term.termType !== 'BlankNode') return null;
  return pickLanguage(labelProperties.flatMap((property) => graph.literals(term, property)), language);
}
