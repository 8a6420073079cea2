import { DataFactory, Store, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { MemoizedGraph } from '../../src/rdf/MemoizedGraph.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { UnionGraph } from '../../src/rdf/UnionGraph.js';
import { rdf, rdfs } from '../../src/rdf/vocabulary.js';

const { blankNode, defaultGraph, literal, namedNode, quad } = DataFactory;
const school = namedNode('https://example.org/school');
const type = namedNode('https://example.org/School');

/** Dataset a labels the school "A" and "Both", b labels it "Both" and "B" and types it, c is empty. */
function parts(): Array<[string, StoreGraph]> {
  return [
    part('b', [quad(school, rdfs.label, literal('Both')), quad(school, rdfs.label, literal('B')), quad(school, rdf.type, type)]),
    part('c', []),
    part('a', [quad(school, rdfs.label, literal('A')), quad(school, rdfs.label, literal('Both'))]),
  ];
}

describe('UnionGraph', () => {
  it('answers with every part’s terms once, parts in graph IRI order whatever order they came in', () => {
    for (const given of [parts(), parts().reverse()]) {
      const union = new UnionGraph(given);
      expect(union.objects(school, rdfs.label).map((term) => term.value)).toEqual(['A', 'Both', 'B']);
      expect(union.literals(school, rdfs.label).map((term) => term.value)).toEqual(['A', 'Both', 'B']);
      expect(union.subjects(rdfs.label, literal('Both'))).toEqual([school]);
    }
  });

  it('gives a single answering part’s own answer', () => {
    const [b] = parts();
    const union = new UnionGraph(parts());
    expect(union.instancesOf(type)).toEqual(b![1].instancesOf(type));
    expect(union.objects(school, rdf.type)).toEqual([type]);
    expect(union.objects(school, namedNode('https://example.org/unstated'))).toEqual([]);
  });

  it('gives a single answering part’s own array, not a copy, when the parts before it answer nothing', () => {
    // Dataset a (first by IRI) has no typed resource, b has the one, c is empty. MemoizedGraph gives the same array every time.
    const memoized = parts().map(([name, part]) => [name, new MemoizedGraph(part)] as const);
    const union = new UnionGraph(memoized);
    const [, b] = memoized.find(([name]) => name === iri('b'))!;
    expect(union.instancesOf(type)).toBe(b.instancesOf(type));
    expect(union.objects(school, rdf.type)).toBe(b.objects(school, rdf.type));
  });

  it('states a triple or describes a resource when any part does', () => {
    const union = new UnionGraph(parts());
    expect(union.has(school, rdfs.label, literal('A'))).toBe(true);
    expect(union.has(school, rdfs.label, literal('B'))).toBe(true);
    expect(union.has(school, rdfs.label, literal('C'))).toBe(false);
    expect(union.describes(school.value)).toBe(true);
    expect(union.describes(type.value)).toBe(false);
  });

  it('counts the quads of all parts, and each non-empty part under its graph IRI', () => {
    const union = new UnionGraph(parts());
    expect(union.size).toBe(5);
    expect(union.graphSizes()).toEqual(new Map([[iri('a'), 2], [iri('b'), 3]]));
  });

  it('counts a subject’s quads over every part, a triple two datasets state twice, as match lists them; through a MemoizedGraph too', () => {
    const union = new UnionGraph(parts());
    expect(union.quadCount(school)).toBe(5);
    expect(union.quadCount(school)).toBe([...union.match(school, null, null, null)].length);
    expect(union.quadCount(type)).toBe(0);
    expect(new MemoizedGraph(union).quadCount(school)).toBe(5);
  });

  it('lists every quad of every part, in graph IRI order', () => {
    const union = new UnionGraph(parts());
    expect([...union.quads()].map((each) => `${each.graph.value.slice(-1)} ${each.object.value}`)).toEqual(['a A', 'a Both', 'b Both', 'b B', `b ${type.value}`]);
    expect([...union.match(school, rdfs.label, null, null)]).toHaveLength(4);
  });

  it('matches a named graph in its part only, and matches nothing in the default graph, a blank node or an unknown graph', () => {
    const union = new UnionGraph(parts());
    expect([...union.match(null, rdfs.label, null, namedNode(iri('b')))].map((each) => each.object.value)).toEqual(['Both', 'B']);
    for (const graph of [defaultGraph(), blankNode('b'), namedNode(iri('z'))]) expect([...union.match(null, null, null, graph)]).toEqual([]);
  });

  it('refuses two parts with the same graph IRI', () => {
    expect(() => new UnionGraph([...parts(), part('a', [])])).toThrow('UnionGraph: two parts share a graph IRI');
  });

  describe('with', () => {
    it('replaces a part, adds a new one or drops one, leaving the graph it came from unchanged', () => {
      const union = new UnionGraph(parts());
      const replacement = part('a', [quad(school, rdfs.label, literal('New A'))])[1];
      expect(union.with(iri('a'), replacement).objects(school, rdfs.label).map((term) => term.value)).toEqual(['New A', 'Both', 'B']);
      expect(union.with(iri('a'), null).objects(school, rdfs.label).map((term) => term.value)).toEqual(['Both', 'B']);
      expect(union.with(iri('0'), replacement).objects(school, rdfs.label).map((term) => term.value)).toEqual(['New A', 'A', 'Both', 'B']);
      expect(union.with(iri('a'), replacement).part(iri('a'))).toBe(replacement);
      expect(union.with(iri('a'), null).part(iri('a'))).toBeUndefined();
      expect(union.objects(school, rdfs.label).map((term) => term.value)).toEqual(['A', 'Both', 'B']);
    });
  });
});

function iri(name: string): string {
  return `https://example.org/dataset/${name}`;
}

/** A part holding `triples` in the named graph of dataset `name`. */
function part(name: string, triples: Quad[]): [string, StoreGraph] {
  const graph = namedNode(iri(name));
  return [iri(name), new StoreGraph(new Store(triples.map((triple) => quad(triple.subject, triple.predicate, triple.object, graph))))];
}
