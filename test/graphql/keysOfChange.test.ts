import { describe, expect, it } from 'vitest';
import { keysOfChange } from '../../src/graphql/keysOfChange.js';
import { RecordingGraph } from '../../src/graphql/RecordingGraph.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { graphOfContent } from '../../src/rdf/graphOfContent.js';
import { kg, ks, skos } from '../../src/rdf/vocabulary.js';

// A dataset of two triples: Karlskoga is in Örebro län and named in Swedish.
const karlskoga = kg.municipality('1883');
const orebroLan = kg.county('18');
const content = `<${karlskoga.value}> <${ks.county.value}> <${orebroLan.value}> .\n<${karlskoga.value}> <${skos.prefLabel.value}> "Karlskoga"@sv .\n`;

/** The keys of the reads that answer about the dataset's triples, and of one about a municipality it says nothing of (see RecordingGraph). */
function readsOf(graph: Graph): { reaching: Set<string>; elsewhere: Set<string> } {
  const reaching = new RecordingGraph(graph);
  reaching.describes(karlskoga.value);
  reaching.objects(karlskoga, ks.county);
  reaching.subjects(ks.county, orebroLan);
  reaching.literals(karlskoga, skos.prefLabel);
  const elsewhere = new RecordingGraph(graph);
  elsewhere.objects(kg.municipality('1880'), ks.county);
  return { reaching: reaching.keys, elsewhere: elsewhere.keys };
}

describe('keysOfChange', () => {
  it('reaches every read of the triples of a new dataset (no graph before), and no read of anything else', async () => {
    const after = await graphOfContent('example', content);
    const keys = await keysOfChange(undefined, after);
    const { reaching, elsewhere } = readsOf(after);
    for (const key of reaching) expect(keys).toContain(key);
    for (const key of elsewhere) expect(keys).not.toContain(key);
  });

  it('reaches every read of the triples of a withdrawn dataset (no graph after), and no read of anything else', async () => {
    const before = await graphOfContent('example', content);
    const keys = await keysOfChange(before, undefined);
    const { reaching, elsewhere } = readsOf(before);
    for (const key of reaching) expect(keys).toContain(key);
    for (const key of elsewhere) expect(keys).not.toContain(key);
  });

  it('reaches the same reads for a missing graph as for an empty one', async () => {
    const [graph, empty] = [await graphOfContent('example', content), await graphOfContent('example', '')];
    expect(await keysOfChange(undefined, graph)).toEqual(await keysOfChange(empty, graph));
    expect(await keysOfChange(graph, undefined)).toEqual(await keysOfChange(graph, empty));
  });

  it('reaches nothing when neither graph has a triple: an empty dataset published new, or none at all', async () => {
    const empty = await graphOfContent('example', '');
    expect(await keysOfChange(undefined, empty)).toEqual(new Set());
    expect(await keysOfChange(empty, undefined)).toEqual(new Set());
    expect(await keysOfChange(undefined, undefined)).toEqual(new Set());
  });
});
