import { DataFactory, Store, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { answeringDataset } from '../../src/rdf/answeringDataset.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { rdf, rdfs } from '../../src/rdf/vocabulary.js';

const { literal, namedNode, quad } = DataFactory;
const subject = namedNode('https://example.org/school');
const type = namedNode('https://example.org/School');

describe('answeringDataset', () => {
  it('gives a single candidate back as it is, even when no dataset states it', () => {
    const graph = new StoreGraph(new Store([labelIn('a', 'A')]));
    const candidates = [literal('elsewhere')];
    expect(answeringDataset(graph, subject, rdfs.label, candidates)).toBe(candidates);
  });

  it('gives the candidates back as they are when one dataset states them all', () => {
    const graph = new StoreGraph(new Store([typedIn('a'), labelIn('b', 'One'), labelIn('b', 'Two')]));
    const candidates = labels(graph);
    expect(answeringDataset(graph, subject, rdfs.label, candidates)).toBe(candidates);
  });

  describe('when datasets disagree', () => {
    it('answers from the home dataset when it states a value', () => {
      const graph = new StoreGraph(new Store([labelIn('a', 'From a'), typedIn('b'), labelIn('b', 'From b')]));
      expect(values(answeringDataset(graph, subject, rdfs.label, labels(graph)))).toEqual(['From b']);
    });

    it('keeps a value the home dataset states that another dataset states too', () => {
      const graph = new StoreGraph(new Store([typedIn('b'), labelIn('a', 'Shared'), labelIn('b', 'Shared'), labelIn('c', 'From c')]));
      expect(values(answeringDataset(graph, subject, rdfs.label, labels(graph)))).toEqual(['Shared']);
    });

    it('answers from the home dataset when the other dataset states all the values and the home dataset one', () => {
      for (const first of ['Both', 'Other only']) {
        const graph = new StoreGraph(new Store([typedIn('b'), labelIn('a', first), labelIn('a', first === 'Both' ? 'Other only' : 'Both'), labelIn('b', 'Both')]));
        const candidates = [literal(first), literal(first === 'Both' ? 'Other only' : 'Both')];
        expect(values(answeringDataset(graph, subject, rdfs.label, candidates))).toEqual(['Both']);
      }
    });

    it('answers from the dataset first by IRI when the home dataset states none of the values', () => {
      for (const order of [['c', 'a', 'b'], ['b', 'c', 'a'], ['a', 'b', 'c']]) {
        const graph = new StoreGraph(new Store([typedIn('z'), ...order.map((name) => labelIn(name, `From ${name}`))]));
        expect(values(answeringDataset(graph, subject, rdfs.label, labels(graph)))).toEqual(['From a']);
      }
    });

    it('answers from the dataset first by IRI when the subject has no home dataset', () => {
      const graph = new StoreGraph(new Store([labelIn('c', 'From c'), labelIn('b', 'From b')]));
      expect(values(answeringDataset(graph, subject, rdfs.label, labels(graph)))).toEqual(['From b']);
    });

    it('counts every dataset that states a candidate when choosing the first by IRI', () => {
      const graph = new StoreGraph(new Store([labelIn('c', 'From b and c'), labelIn('b', 'From b and c'), labelIn('d', 'From d'), labelIn('a', 'From a and d'), labelIn('d', 'From a and d')]));
      expect(values(answeringDataset(graph, subject, rdfs.label, labels(graph)))).toEqual(['From a and d']);
    });
  });
});

function dataset(name: string) {
  return namedNode(`https://example.org/dataset/${name}`);
}

function typedIn(name: string): Quad {
  return quad(subject, rdf.type, type, dataset(name));
}

function labelIn(name: string, label: string): Quad {
  return quad(subject, rdfs.label, literal(label), dataset(name));
}

/** The subject's labels, as a resolver reads them (each once, from every dataset). */
function labels(graph: StoreGraph) {
  return graph.objects(subject, rdfs.label);
}

function values(terms: Array<{ value: string }>): string[] {
  return terms.map((term) => term.value).sort();
}
