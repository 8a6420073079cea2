import { DataFactory, Store } from 'n3';
import { describe, expect, it } from 'vitest';
import { homeDatasetOf } from '../../src/rdf/homeDatasetOf.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { rdf, rdfs } from '../../src/rdf/vocabulary.js';

const { defaultGraph, literal, namedNode, quad } = DataFactory;
const subject = namedNode('https://example.org/school');
const type = namedNode('https://example.org/School');

describe('homeDatasetOf', () => {
  it('gives the dataset that states the subject’s type', () => {
    const graph = new StoreGraph(new Store([typedIn('b'), quad(subject, rdfs.label, literal('Skolan'), dataset('a'))]));
    expect(homeDatasetOf(graph, subject)?.value).toBe(dataset('b').value);
  });

  it('gives the dataset first in IRI order when several state a type, whatever order they were loaded in', () => {
    for (const order of [['b', 'c', 'a'], ['a', 'c', 'b'], ['c', 'a', 'b']]) {
      expect(homeDatasetOf(new StoreGraph(new Store(order.map(typedIn))), subject)?.value).toBe(dataset('a').value);
    }
  });

  it('ignores a type stated in no named graph', () => {
    const graph = new StoreGraph(new Store([quad(subject, rdf.type, type, defaultGraph()), typedIn('b')]));
    expect(homeDatasetOf(graph, subject)?.value).toBe(dataset('b').value);
  });

  it('gives null when no dataset states a type for the subject', () => {
    const graph = new StoreGraph(new Store([quad(subject, rdfs.label, literal('Skolan'), dataset('a')), quad(subject, rdf.type, type, defaultGraph())]));
    expect(homeDatasetOf(graph, subject)).toBeNull();
  });
});

function dataset(name: string) {
  return namedNode(`https://example.org/dataset/${name}`);
}

function typedIn(name: string) {
  return quad(subject, rdf.type, type, dataset(name));
}
