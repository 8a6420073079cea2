import { DataFactory, Store } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeResource } from '../../src/http/linkedData/describeResource.js';
import { describeVocabulary } from '../../src/http/linkedData/describeVocabulary.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { kg, org } from '../../src/rdf/vocabulary.js';
import { iri, keysOf, ownAndIncoming, shippedData } from './linkedDataServer.js';

const { namedNode, blankNode, quad } = DataFactory;

let store: Store;
let graph: Graph;

beforeAll(async () => {
  ({ store, graph } = await shippedData());
});

describe('describeResource', () => {
  it('reads only through indexed patterns: every match binds the subject or the object, and nothing scans', () => {
    const { recording, calls } = recordCalls(graph);
    describeResource(recording, namedNode(iri('projekt/kulturskola-i-hela-landet')));
    describeResource(recording, namedNode(iri('lan/18')));
    describeVocabulary(recording);
    expect(calls.filter(({ method }) => method === 'quads')).toEqual([]);
    const matches = calls.filter(({ method }) => method === 'match');
    expect(matches.length).toBeGreaterThan(0);
    for (const { args } of matches) expect(args[0] !== null || args[2] !== null, JSON.stringify(args)).toBe(true);
  });

  it('gives a resource without blank nodes its own triples and those that point at it, graphs kept', () => {
    const karlskoga = iri('kommun/1883');
    expect(keysOf(describeResource(graph, namedNode(karlskoga)))).toEqual(keysOf(ownAndIncoming(store, karlskoga)));
  });

  it('follows blank nodes to any depth, and ends on a cycle of them', () => {
    const g = kg.dataset('cycle');
    const resource = namedNode(iri('test/cyclic'));
    const [a, b, c] = [blankNode('a'), blankNode('b'), blankNode('c')];
    const cyclic = new Store([
      quad(resource, org.linkedTo, a, g),
      quad(a, org.linkedTo, b, g),
      quad(b, org.linkedTo, c, g),
      quad(c, org.linkedTo, a, g),
      quad(c, org.linkedTo, resource, g),
    ]);
    const described = describeResource(new StoreGraph(cyclic), resource);
    expect(keysOf(described)).toEqual(keysOf(cyclic.getQuads(null, null, null, null)));
    expect(described).toHaveLength(5);
  });

  it('is empty for a resource that nothing mentions', () => {
    expect(describeResource(graph, namedNode(iri('kommun/0000')))).toEqual([]);
  });

  it('leaves the incoming triples out when asked to', () => {
    const karlskoga = iri('kommun/1883');
    const own = store.getQuads(namedNode(karlskoga), null, null, null);
    expect(own.length).toBeGreaterThan(5);
    expect(keysOf(describeResource(graph, namedNode(karlskoga), { incoming: false }))).toEqual(keysOf(own));
  });
});

/** The graph, with every call of its methods recorded. */
function recordCalls(target: Graph): { recording: Graph; calls: Array<{ method: string; args: unknown[] }> } {
  const calls: Array<{ method: string; args: unknown[] }> = [];
  const recording = new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push({ method: String(property), args });
        return (value as (...a: unknown[]) => unknown).apply(object, args);
      };
    },
  });
  return { recording, calls };
}
