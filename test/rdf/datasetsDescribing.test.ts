import { DataFactory, Store } from 'n3';
import { describe, expect, it } from 'vitest';
import { datasetsDescribing } from '../../src/rdf/datasetsDescribing.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { rdfs } from '../../src/rdf/vocabulary.js';

const { defaultGraph, literal, namedNode, quad } = DataFactory;
const subject = namedNode('https://example.org/school');
const other = namedNode('https://example.org/other');

describe('datasetsDescribing', () => {
  it('lists the datasets that state something about the subject, sorted by IRI whatever order they were loaded in', () => {
    for (const order of [['c', 'a', 'd', 'b'], ['d', 'b', 'a', 'c'], ['a', 'b', 'c', 'd']]) {
      const graph = new StoreGraph(new Store(order.map((name) => quad(subject, rdfs.label, literal(name), dataset(name)))));
      expect(iris(datasetsDescribing(graph, subject))).toEqual(['a', 'b', 'c', 'd'].map(iriOf));
    }
  });

  it('leaves out datasets that only mention the subject as an object or describe something else', () => {
    const graph = new StoreGraph(
      new Store([
        quad(other, rdfs.isDefinedBy, subject, dataset('a')),
        quad(other, rdfs.label, literal('Other'), dataset('b')),
        quad(subject, rdfs.label, literal('School'), dataset('c')),
        quad(subject, rdfs.comment, literal('In no dataset'), defaultGraph()),
      ]),
    );
    expect(iris(datasetsDescribing(graph, subject))).toEqual([iriOf('c')]);
  });

  it('gives an empty list for a subject nobody describes', () => {
    const graph = new StoreGraph(new Store([quad(other, rdfs.label, literal('Other'), dataset('a'))]));
    expect(datasetsDescribing(graph, subject)).toEqual([]);
  });
});

function iriOf(name: string): string {
  return `https://example.org/dataset/${name}`;
}

function dataset(name: string) {
  return namedNode(iriOf(name));
}

function iris(terms: Array<{ value: string }>): string[] {
  return terms.map((term) => term.value);
}
