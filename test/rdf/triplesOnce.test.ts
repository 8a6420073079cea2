import type { Quad } from '@rdfjs/types';
import { DataFactory, Store, type Term } from 'n3';
import { describe, expect, it } from 'vitest';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { triplesOnce } from '../../src/rdf/triplesOnce.js';
import { xsd } from '../../src/rdf/vocabulary.js';

const { blankNode, defaultGraph, literal, namedNode, quad } = DataFactory;
const school = namedNode('https://example.org/school');
const other = namedNode('https://example.org/other');
const p = namedNode('https://example.org/p');
const a = namedNode('https://example.org/dataset/a');
const b = namedNode('https://example.org/dataset/b');

describe('triplesOnce', () => {
  it('yields a triple stated in several named graphs once, in the default graph', () => {
    const graph = new StoreGraph(new Store([quad(school, p, literal('x'), a), quad(school, p, literal('x'), b), quad(school, p, literal('x'), defaultGraph())]));
    expect(lines(triplesOnce(graph))).toEqual(['https://example.org/school https://example.org/p "x" (default graph)']);
  });

  it('keeps objects apart that differ only in kind, language or datatype', () => {
    const objects = [
      literal('1'),
      literal('1', 'en'),
      literal('1', 'sv'),
      literal('1', xsd.integer),
      literal('https://example.org/x'),
      namedNode('https://example.org/x'),
      blankNode('x'),
      literal('x'),
    ];
    const graph = new StoreGraph(new Store(objects.flatMap((object) => [quad(school, p, object, a), quad(school, p, object, b)])));
    expect(lines(triplesOnce(graph)).sort()).toEqual(objects.map((object) => line(quad(school, p, object))).sort());
  });

  it('keeps a blank node apart from an IRI of the same text, as subjects', () => {
    const iri = namedNode('x');
    const graph = new StoreGraph(new Store([quad(iri, p, literal('IRI'), a), quad(blankNode('x'), p, literal('blank node'), a)]));
    expect(lines(triplesOnce(graph)).sort()).toEqual([quad(iri, p, literal('IRI')), quad(blankNode('x'), p, literal('blank node'))].map(line).sort());
  });

  it('yields all of a subject’s triples together, once per subject, however its statements are spread over graphs', () => {
    const graph = new StoreGraph(
      new Store([
        quad(school, p, literal('1'), a),
        quad(other, p, literal('2'), a),
        quad(school, p, literal('3'), b),
        quad(other, p, literal('4'), b),
        quad(school, p, literal('1'), b),
      ]),
    );
    const subjects = [...triplesOnce(graph)].map((triple) => triple.subject.value);
    expect(subjects).toHaveLength(4);
    expect(subjects.slice(0, 2)).toEqual([subjects[0], subjects[0]]);
    expect(new Set(subjects).size).toBe(2);
    expect(lines(triplesOnce(graph)).sort()).toEqual(
      [quad(school, p, literal('1')), quad(school, p, literal('3')), quad(other, p, literal('2')), quad(other, p, literal('4'))].map(line).sort(),
    );
  });
});

/** A quad in one line of its terms' N3.js ids (an IRI bare, a literal quoted, a blank node as _:), its graph last. */
function line(triple: Quad): string {
  return [triple.subject, triple.predicate, triple.object, triple.graph].map((term) => (term as Term).id || '(default graph)').join(' ');
}

function lines(triples: Iterable<Quad>): string[] {
  return [...triples].map(line);
}
