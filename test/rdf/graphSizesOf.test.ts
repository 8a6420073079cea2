import { DataFactory, Store } from 'n3';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../src/rdf/Graph.js';
import { graphSizesOf } from '../../src/rdf/graphSizesOf.js';
import { MemoizedGraph } from '../../src/rdf/MemoizedGraph.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { UnionGraph } from '../../src/rdf/UnionGraph.js';
import { plainGraph } from '../support/plainGraph.js';

const { namedNode, literal, quad, defaultGraph } = DataFactory;
const a = 'https://example.org/dataset/a';
const b = 'https://example.org/dataset/b';

/** Three triples in dataset a, one in dataset b, and one in no named graph. */
function example(): Store {
  const s = namedNode('https://example.org/s');
  const p = namedNode('https://example.org/p');
  return new Store([
    quad(s, p, literal('1'), namedNode(a)),
    quad(s, p, literal('2'), namedNode(a)),
    quad(namedNode('https://example.org/t'), p, literal('3'), namedNode(a)),
    quad(s, p, literal('1'), namedNode(b)),
    quad(s, p, literal('4'), defaultGraph()),
  ]);
}

describe('graphSizesOf', () => {
  const expected = new Map([[a, 3], [b, 1]]);

  it('counts the triples of each named graph of a store, leaving out the default graph', () => {
    expect(graphSizesOf(new StoreGraph(example()))).toEqual(expected);
  });

  it('gives each part of a union under its graph IRI, leaving out empty parts', () => {
    const store = example();
    const part = (iri: string) => new StoreGraph(new Store(store.getQuads(null, null, null, namedNode(iri))));
    const union = new UnionGraph([[a, part(a)], [b, part(b)], ['https://example.org/dataset/empty', new StoreGraph(new Store())]]);
    expect(graphSizesOf(union)).toEqual(expected);
    expect(graphSizesOf(new MemoizedGraph(union))).toEqual(expected);
  });

  it('gives the Graph’s own answer when it has one, without reading its quads', () => {
    const own = new Map([[b, 7]]);
    let reads = 0;
    const graph: Graph = { ...plainGraph(new StoreGraph(example())), graphSizes: () => own, quads: () => (reads++, []) };
    expect(graphSizesOf(graph)).toBe(own);
    expect(reads).toBe(0);
  });

  it('counts the quads of a Graph that cannot list its datasets', () => {
    expect(graphSizesOf(plainGraph(new StoreGraph(example())))).toEqual(expected);
  });

  it('reads the quads of a Graph that cannot list its datasets once, however often it is asked', () => {
    const graph = plainGraph(new StoreGraph(example()));
    let reads = 0;
    const counting: Graph = { ...graph, quads: () => (reads++, graph.quads()) };
    expect(graphSizesOf(counting)).toEqual(expected);
    expect(graphSizesOf(counting)).toEqual(expected);
    expect(reads).toBe(1);
  });
});
