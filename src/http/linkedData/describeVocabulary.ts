import type { Quad } from '@rdfjs/types';
import { termToId } from 'n3';
import type { NamedNode, Term } from 'n3';
import type { Graph } from '../../rdf/Graph.js';
import { kg, ks, rdfs } from '../../rdf/vocabulary.js';
import { describeResource } from './describeResource.js';

/** Our vocabulary as one answer: the ontology and the terms it defines. */
export interface VocabularyDescription {
  ontology: NamedNode;
  /** Every term of ours the graph describes, sorted by IRI. */
  terms: NamedNode[];
  /** The ontology's description (incoming links included), then each term's own triples and blank nodes. */
  quads: Quad[];
}

/**
 * The description `GET /def` answers with. Hash IRIs such as
 * `https://w3id.org/kulturskola/def#county` cannot be asked for on their own
 * (browsers never send the fragment), so the ontology's answer carries every
 * term in its namespace, with labels, comments, domains and ranges.
 *
 * A term is an IRI in the `ks:` namespace that the graph describes and that
 * is either `rdfs:isDefinedBy` the ontology (as every term in
 * `data/graphs/vokabular.jsonld` is) or named in vocabulary.ts. Both reads
 * are indexed: a term's incoming links (every municipality's type, say) are
 * left out, or the answer would hold much of the graph.
 */
export function describeVocabulary(graph: Graph): VocabularyDescription {
  const ontology = kg.ontology;
  const candidates = new Map<string, NamedNode>();
  for (const subject of graph.subjects(rdfs.isDefinedBy, ontology)) {
    if (subject.termType === 'NamedNode') candidates.set(subject.value, subject);
  }
  for (const [name, term] of Object.entries(ks)) if (name !== 'iri' && typeof term !== 'string') candidates.set(term.value, term);
  const terms = [...candidates.values()]
    .filter((term) => term.value.startsWith(ks.iri) && graph.describes(term.value))
    .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const quads = describeResource(graph, ontology);
  for (const term of terms) quads.push(...describeResource(graph, term, { incoming: false }));
  return { ontology, terms, quads: distinct(quads) };
}

/** The quads once each, first occurrence kept (a term's isDefinedBy link is also the ontology's incoming link). */
function distinct(quads: readonly Quad[]): Quad[] {
  const keys = new Set<string>();
  return quads.filter((quad) => {
    const id = [quad.subject, quad.predicate, quad.object, quad.graph].map((term) => termToId(term as Term)).join(' ');
    if (keys.has(id)) return false;
    keys.add(id);
    return true;
  });
}
