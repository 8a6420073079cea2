import { DataFactory, Store } from 'n3';
import { describe, expect, it } from 'vitest';
import { cachedPerGraph, cachedPerResource, follows, steppedPerGraph, type PreviousValue } from '../../src/graphql/cachedPerGraph.js';
import { RecordingGraph } from '../../src/graphql/RecordingGraph.js';
import type { Graph, Resource } from '../../src/rdf/Graph.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';

// A view derived from a Graph (a sorted list, an index) is built once and kept with that Graph;
// the cost of building views again for every request is what this caching saves.

const { blankNode, namedNode } = DataFactory;

describe('cachedPerGraph', () => {
  it('builds a Graph’s view once, however often it is asked for, and a new one for another Graph', () => {
    const built: Graph[] = [];
    const view = cachedPerGraph((graph) => (built.push(graph), { builtFor: graph }));
    const [first, second] = [new StoreGraph(new Store()), new StoreGraph(new Store())];
    expect(view(first).builtFor).toBe(first);
    expect(view(first)).toBe(view(first));
    expect(view(second).builtFor).toBe(second);
    expect(built).toEqual([first, second]);
  });

  it('hands the build the view of the Graph a Graph replaced, that Graph and the change, so it can update rather than start again', () => {
    const given: Array<PreviousValue<string> | undefined> = [];
    const view = cachedPerGraph((_graph, previous: PreviousValue<string> | undefined) => (given.push(previous), `view ${given.length}`));
    const [before, after, unrelated, afterUnbuilt] = [0, 1, 2, 3].map(() => new StoreGraph(new Store()));
    const changed = new Set(['a key']);
    follows(after!, before!, changed);
    follows(afterUnbuilt!, unrelated!, changed);
    expect([view(before!), view(after!), view(afterUnbuilt!)]).toEqual(['view 1', 'view 2', 'view 3']);
    // The replaced Graph's view was built for `after`, but never for `unrelated`.
    expect(given).toEqual([undefined, { value: 'view 1', graph: before, changed }, undefined]);
    expect(given[1]!.graph).toBe(before);
  });

  it('builds the view afresh for a RecordingGraph, whose reads must all be seen', () => {
    let builds = 0;
    const view = cachedPerGraph((graph) => (builds++, graph.instancesOf(namedNode('https://w3id.org/kulturskola/def#County')).length));
    const recording = new RecordingGraph(new StoreGraph(new Store()));
    view(recording);
    recording.keys.clear();
    view(recording);
    expect(builds).toBe(2);
    expect(recording.keys.size).toBeGreaterThan(0);
  });
});

describe('steppedPerGraph', () => {
  /** A view built in three steps, counting its builds and the previous view each was handed. */
  function threeSteps() {
    const builds: Array<PreviousValue<string> | undefined> = [];
    const view = steppedPerGraph(function* (_graph, previous: PreviousValue<string> | undefined) {
      builds.push(previous);
      yield;
      yield;
      return `view ${builds.length}`;
    });
    return { view, builds };
  }

  it('builds a Graph’s view a step at a time and keeps it, so that asking for it then builds nothing', () => {
    const { view, builds } = threeSteps();
    const graph = new StoreGraph(new Store());
    const steps = view.steps(graph);
    expect([steps.next().done, steps.next().done, steps.next()]).toEqual([false, false, { done: true, value: 'view 1' }]);
    expect(view(graph)).toBe('view 1');
    expect([...view.steps(graph)]).toEqual([]);
    expect(builds).toHaveLength(1);
  });

  it('builds at once when asked for, and hands the build the view of the Graph a Graph replaced', () => {
    const { view, builds } = threeSteps();
    const [before, after] = [new StoreGraph(new Store()), new StoreGraph(new Store())];
    const changed = new Set(['a key']);
    follows(after, before, changed);
    expect([view(before), view(after)]).toEqual(['view 1', 'view 2']);
    expect(builds).toEqual([undefined, { value: 'view 1', graph: before, changed }]);
  });

  it('keeps the view built first when the Graph’s view was asked for while a stepped build gave way', () => {
    const { view } = threeSteps();
    const graph = new StoreGraph(new Store());
    const steps = view.steps(graph);
    steps.next();
    expect(view(graph)).toBe('view 2');
    steps.next();
    expect(steps.next()).toEqual({ done: true, value: 'view 2' });
    expect(view(graph)).toBe('view 2');
  });

  it('builds afresh for a RecordingGraph, whose reads must all be seen', () => {
    const { view, builds } = threeSteps();
    const recording = new RecordingGraph(new StoreGraph(new Store()));
    view(recording);
    [...view.steps(recording)];
    expect(builds).toHaveLength(2);
  });
});

describe('cachedPerResource', () => {
  it('builds a resource’s view once per Graph, telling an IRI and a blank node with the same label apart', () => {
    const built: string[] = [];
    const view = cachedPerResource((_graph, resource: Resource) => (built.push(resource.id), `${resource.termType} ${resource.value}`));
    const [graph, other] = [new StoreGraph(new Store()), new StoreGraph(new Store())];
    const iri = namedNode('b1');
    expect([view(graph, iri), view(graph, blankNode('b1')), view(graph, namedNode('b1')), view(other, iri)]).toEqual([
      'NamedNode b1',
      'BlankNode b1',
      'NamedNode b1',
      'NamedNode b1',
    ]);
    expect(built).toEqual(['b1', '_:b1', 'b1']);
  });
});
