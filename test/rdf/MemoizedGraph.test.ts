import { DataFactory } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/rdf/Graph.js';
import { MemoizedGraph } from '../../src/rdf/MemoizedGraph.js';
import { dcterms, kg, ks, org, rdf, skos } from '../../src/rdf/vocabulary.js';
import { CountingGraph } from '../../bench/countingGraph.js';
import { shippedGraph } from '../support/executeQuery.js';

const { blankNode, literal, namedNode } = DataFactory;
const karlskoga = kg.municipality('1883');
const orebroLan = namedNode('https://w3id.org/kulturskola/samverkan/orebro-lan');

/** Every kind of question, over the shipped data, named for the failure message. */
const questions: Array<[string, (graph: Graph) => unknown]> = [
  ['objects', (graph) => graph.objects(karlskoga, skos.prefLabel)],
  ['objects of a resource nobody describes', (graph) => graph.objects(namedNode('https://example.org/none'), skos.prefLabel)],
  ['subjects', (graph) => graph.subjects(org.memberOf, orebroLan)],
  ['subjects of a literal', (graph) => graph.subjects(dcterms.identifier, literal('1883'))],
  ['has (true)', (graph) => graph.has(karlskoga, rdf.type, ks.Municipality)],
  ['has (false)', (graph) => graph.has(karlskoga, rdf.type, org.OrganizationalCollaboration)],
  ['has of a blank node', (graph) => graph.has(blankNode('b0'), rdf.type, ks.Municipality)],
  ['literals', (graph) => graph.literals(karlskoga, skos.prefLabel)],
  ['instancesOf', (graph) => graph.instancesOf(ks.County).length],
  ['describes (true)', (graph) => graph.describes(karlskoga.value)],
  ['describes (false)', (graph) => graph.describes('https://example.org/none')],
];

describe('MemoizedGraph', () => {
  let store: Graph;

  beforeAll(async () => {
    store = await shippedGraph();
  });

  it.each(questions)('answers %s as the graph it wraps does', (_name, ask) => {
    const answer = ask(store);
    const memo = new MemoizedGraph(store);
    expect(ask(memo)).toEqual(answer);
    expect(ask(memo)).toEqual(answer);
  });

  it('reads each question from the graph it wraps once', () => {
    const counting = new CountingGraph(store);
    const memo = new MemoizedGraph(counting);
    for (let round = 0; round < 3; round++) for (const [, ask] of questions) ask(memo);
    expect(counting.total).toBe(questions.length);
  });

  it('tells apart questions that differ in one term only', () => {
    const memo = new MemoizedGraph(store);
    expect(memo.has(karlskoga, rdf.type, ks.Municipality)).toBe(true);
    expect(memo.has(karlskoga, rdf.type, ks.County)).toBe(false);
    expect(memo.has(kg.county('18'), rdf.type, ks.County)).toBe(true);
    expect(memo.objects(karlskoga, skos.prefLabel)).not.toEqual(memo.objects(karlskoga, ks.county));
  });

  it('keeps answering as the wrapped graph does after it fills up and starts afresh', () => {
    const counting = new CountingGraph(store);
    const memo = new MemoizedGraph(counting, 4);
    for (let round = 0; round < 3; round++) {
      for (const [name, ask] of questions) expect(ask(memo), name).toEqual(ask(store));
    }
    // Four answers fit: the rest had to be read again.
    expect(counting.total).toBeGreaterThan(questions.length);
  });

  it('files answers until it holds maxEntries, then answers the next question unfiled and files afresh from the one after', () => {
    const counting = new CountingGraph(store);
    const memo = new MemoizedGraph(counting, 2);
    const ask = (...indexes: number[]) => {
      for (const index of indexes) questions[index]![1](memo);
    };
    ask(0, 1, 0, 1);
    expect(counting.total).toBe(2);
    ask(2);
    expect(counting.total).toBe(3);
    // The memo started afresh: the first question is read again, then remembered, as is the third.
    ask(0, 0);
    expect(counting.total).toBe(4);
    ask(2, 2);
    expect(counting.total).toBe(5);
  });

  it('passes quads, matches, sizes and dataset sizes through from the graph it wraps', () => {
    const memo = new MemoizedGraph(store);
    expect(memo.size).toBe(store.size);
    expect(memo.graphSizes()).toEqual(store.graphSizes!());
    expect([...memo.match(karlskoga, skos.prefLabel, null, null)]).toEqual([...store.match(karlskoga, skos.prefLabel, null, null)]);
    let quads = 0;
    for (const _quad of memo.quads()) quads++;
    expect(quads).toBe(store.size);
  });
});
