import { DataFactory, Store } from 'n3';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../src/rdf/Graph.js';
import { quadCountOf } from '../../src/rdf/quadCountOf.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { plainGraph } from '../support/plainGraph.js';

const { namedNode, literal, quad } = DataFactory;
const s = namedNode('https://example.org/s');
const p = namedNode('https://example.org/p');
const a = namedNode('https://example.org/dataset/a');
const b = namedNode('https://example.org/dataset/b');

/** s has two triples in dataset a and the first of them again in b; t has one. */
function store(): StoreGraph {
  return new StoreGraph(
    new Store([quad(s, p, literal('1'), a), quad(s, p, literal('2'), a), quad(s, p, literal('1'), b), quad(namedNode('https://example.org/t'), p, literal('3'), a)]),
  );
}

describe('quadCountOf', () => {
  it('counts the quads of a subject in every named graph, a triple two datasets state twice', () => {
    expect(quadCountOf(store(), s)).toBe(3);
    expect(quadCountOf(store(), p)).toBe(0);
  });

  it('gives the Graph’s own count when it has one, without matching', () => {
    let matched = 0;
    const graph: Graph = { ...plainGraph(store()), quadCount: () => 7, match: () => (matched++, []) };
    expect([quadCountOf(graph, s), matched]).toEqual([7, 0]);
  });

  it('counts what `match` lists for a Graph without a count of its own', () => {
    const graph = plainGraph(store());
    expect(graph.quadCount).toBeUndefined();
    expect(quadCountOf(graph, s)).toBe(3);
  });
});

