import { DataFactory, Parser, Store, termToId } from 'n3';
import type { Quad } from '@rdfjs/types';
import { describe, expect, it } from 'vitest';
import { describeVocabulary } from '../../src/http/linkedData/describeVocabulary.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { kg } from '../../src/rdf/vocabulary.js';

// The shipped vocabulary defines every term it describes (rdfs:isDefinedBy) and describes every
// term vocabulary.ts names, so the cases where the two disagree are specified on a graph of its own.

const { quad } = DataFactory;
const KS = 'https://w3id.org/kulturskola/def#';
const IS_DEFINED_BY = 'http://www.w3.org/2000/01/rdf-schema#isDefinedBy';
const LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';

const vocabulary = new Store(
  new Parser({ baseIRI: 'https://w3id.org/kulturskola/' }).parse(`
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix owl: <http://www.w3.org/2002/07/owl#> .
    @prefix ks: <def#> .

    <def> a owl:Ontology ; rdfs:label "Test vocabulary"@en .
    # Defined by the ontology, not named in vocabulary.ts; written before a term that sorts first.
    ks:zeta rdfs:isDefinedBy <def> ; rdfs:label "zeta"@en ; rdfs:range [ owl:unionOf (ks:County ks:Municipality) ] .
    ks:alpha rdfs:isDefinedBy <def> ; rdfs:label "alpha"@en .
    # Named in vocabulary.ts and described, but not defined by the ontology.
    ks:county rdfs:label "county"@en ; rdfs:domain ks:Municipality .
    # Named in vocabulary.ts, only used: not described.
    <kommun/1883> a ks:Municipality ; ks:county <lan/17> .
    # Defined by the ontology, but not in its namespace, and a blank node.
    <http://example.org/borrowed> rdfs:isDefinedBy <def> ; rdfs:label "borrowed"@en .
    [] rdfs:isDefinedBy <def> ; rdfs:label "anonymous"@en .
  `).map(({ subject, predicate, object }) => quad(subject, predicate, object, kg.dataset('vokabular'))),
);

describe('describeVocabulary', () => {
  it('lists, by IRI, each term of ours the graph describes: those defined by the ontology and those vocabulary.ts names', () => {
    const described = describeVocabulary(new StoreGraph(vocabulary));
    expect(described.ontology).toEqual(kg.ontology);
    expect(described.terms.map((term) => term.value)).toEqual([`${KS}alpha`, `${KS}county`, `${KS}zeta`]);
  });

  it('holds the ontology with every triple that links to it, then each term’s own triples and blank nodes, each quad once', () => {
    const described = describeVocabulary(new StoreGraph(vocabulary));
    const keys = described.quads.map(keyOf);
    expect(new Set(keys).size, 'no quad twice').toBe(keys.length);
    // Everything but what is said about the municipality (which only uses our terms) and the
    // labels of what the ontology defines outside our namespace or without an IRI.
    const notOurs = (q: Quad) =>
      q.subject.value.startsWith('https://w3id.org/kulturskola/kommun/') || (!q.subject.value.startsWith(KS) && q.subject.value !== kg.ontology.value && q.predicate.value.endsWith('#label'));
    const expected = vocabulary.getQuads(null, null, null, null).filter((q) => !notOurs(q));
    expect(expected).toHaveLength(16);
    expect([...keys].sort()).toEqual(expected.map(keyOf).sort());
    expect(keys.slice(0, 2).every((key) => key.startsWith(`${kg.ontology.value} `))).toBe(true);
  });

  it('takes only IRIs for terms: a blank node the ontology defines is none, even one labelled like an IRI of ours that the graph describes', () => {
    const { namedNode, blankNode, literal } = DataFactory;
    const inGraph = kg.dataset('vokabular');
    const graph = new StoreGraph(
      new Store([
        quad(namedNode(`${KS}alpha`), namedNode(IS_DEFINED_BY), kg.ontology, inGraph),
        quad(namedNode(`${KS}beta`), namedNode(LABEL), literal('beta', 'en'), inGraph),
        quad(blankNode(`${KS}beta`), namedNode(IS_DEFINED_BY), kg.ontology, inGraph),
      ]),
    );
    expect(describeVocabulary(graph).terms.map((term) => [term.termType, term.value])).toEqual([['NamedNode', `${KS}alpha`]]);
  });

  it('keeps two quads of a term whose terms, run together, read the same', () => {
    const { namedNode } = DataFactory;
    const alpha = namedNode(`${KS}alpha`);
    const p = namedNode('http://example.org/p');
    // <…/o> in graph <…/g> and <…/ohttp://example.org/g> in the default graph: one string once their terms are joined with nothing between.
    const defined = quad(alpha, namedNode(IS_DEFINED_BY), kg.ontology, kg.dataset('vokabular'));
    const inNamedGraph = quad(alpha, p, namedNode('http://example.org/o'), namedNode('http://example.org/g'));
    const inDefaultGraph = quad(alpha, p, namedNode('http://example.org/ohttp://example.org/g'));
    const described = describeVocabulary(new StoreGraph(new Store([defined, inNamedGraph, inDefaultGraph])));
    expect(described.quads.map(keyOf).sort()).toEqual([defined, inNamedGraph, inDefaultGraph].map(keyOf).sort());
  });
});

function keyOf(q: Quad): string {
  return [q.subject, q.predicate, q.object, q.graph].map((term) => termToId(term as Parameters<typeof termToId>[0])).join(' ');
}
