import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { keysOfTriple, RecordingGraph } from '../../src/graphql/RecordingGraph.js';
import { ks, rdf, skos } from '../../src/rdf/vocabulary.js';
import { graphOfTriG } from '../support/graphOfTriG.js';

// A RecordingGraph answers every read as the graph it wraps does, and notes under which key the
// read was made: the changes that could alter the answer (see keysOfTriple) carry that key, so a
// list measured once is measured again only after such a change (see ListSizeMeasurement).

const { namedNode } = DataFactory;
const K = 'https://w3id.org/kulturskola/';
const orebro = namedNode(`${K}kommun/1880`);
const orebroLan = namedNode(`${K}lan/18`);
const datasetA = namedNode(`${K}dataset/a`);

/** Two datasets: one about Örebro (three triples), one about Örebro län (two). */
function recorder(): RecordingGraph {
  return new RecordingGraph(
    graphOfTriG(`<dataset/a> { <kommun/1880> a ks:Municipality ; skos:prefLabel "Örebro"@sv ; ks:county <lan/18> . }
      <dataset/b> { <lan/18> a ks:County ; skos:prefLabel "Örebro län"@sv . }`),
  );
}

/** Quads as `subject predicate object graph`, sorted. */
function said(quads: Iterable<Quad>): string[] {
  return [...quads].map(({ subject, predicate, object, graph }) => `${subject.value} ${predicate.value} ${object.value} ${graph.value}`).sort();
}

const TYPE = rdf.type.value;
const LABEL = skos.prefLabel.value;
const COUNTY = ks.county.value;

describe('RecordingGraph', () => {
  it('answers whether it describes an IRI as the graph does, noting the whole-subject key, which any change of that subject’s triples carries', () => {
    const graph = recorder();
    expect([graph.describes(orebro.value), graph.describes(`${K}kommun/0114`)]).toEqual([true, false]);
    expect([...graph.keys]).toEqual([`s ${K}kommun/1880`, `s ${K}kommun/0114`]);
    expect(keysOfTriple(orebro.id, skos.prefLabel.id, '"Örebro"@sv')).toContain(`s ${K}kommun/1880`);
  });

  it('answers a match with a subject with its quads, noting the subject’s key, narrowed to the predicate when one is given', () => {
    const graph = recorder();
    expect(said(graph.match(orebro, null, null, null))).toEqual([
      `${K}kommun/1880 ${TYPE} ${ks.Municipality.value} ${K}dataset/a`,
      `${K}kommun/1880 ${LABEL} Örebro ${K}dataset/a`,
      `${K}kommun/1880 ${COUNTY} ${K}lan/18 ${K}dataset/a`,
    ]);
    expect([...graph.keys]).toEqual([`s ${K}kommun/1880`]);

    graph.keys = new Set();
    expect(said(graph.match(orebroLan, skos.prefLabel, null, null))).toEqual([`${K}lan/18 ${LABEL} Örebro län ${K}dataset/b`]);
    // With an object too, the key is still the subject and predicate's: a change of any of its labels reaches it.
    expect(said(graph.match(orebroLan, rdf.type, ks.Municipality, null))).toEqual([]);
    expect([...graph.keys]).toEqual([`s ${K}lan/18 ${LABEL}`, `s ${K}lan/18 ${TYPE}`]);
    expect(keysOfTriple(orebroLan.id, rdf.type.id, ks.Municipality.id)).toContain(`s ${K}lan/18 ${TYPE}`);
  });

  it('counts a subject’s quads as the graph does, noting the whole-subject key, which any change of that subject’s triples carries', () => {
    const graph = recorder();
    expect([graph.quadCount(orebro), graph.quadCount(orebroLan), graph.quadCount(datasetA)]).toEqual([3, 2, 0]);
    expect([...graph.keys]).toEqual([`s ${K}kommun/1880`, `s ${K}lan/18`, `s ${K}dataset/a`]);
  });

  it('answers a match of a predicate and an object without a subject with its quads, noting the predicate and object’s key', () => {
    const graph = recorder();
    expect(said(graph.match(null, ks.county, orebroLan, null))).toEqual([`${K}kommun/1880 ${COUNTY} ${K}lan/18 ${K}dataset/a`]);
    expect([...graph.keys]).toEqual([`o ${COUNTY} ${K}lan/18`]);
    expect(keysOfTriple(`${K}kommun/1883`, ks.county.id, orebroLan.id)).toContain(`o ${COUNTY} ${K}lan/18`);
  });

  it('notes a match with neither a subject nor both a predicate and an object under the key every change carries', () => {
    const graph = recorder();
    expect(said(graph.match(null, skos.prefLabel, null, null))).toEqual([`${K}kommun/1880 ${LABEL} Örebro ${K}dataset/a`, `${K}lan/18 ${LABEL} Örebro län ${K}dataset/b`]);
    expect([...graph.keys]).toEqual(['*']);

    graph.keys = new Set();
    expect(said(graph.match(null, null, orebroLan, null))).toEqual([`${K}kommun/1880 ${COUNTY} ${K}lan/18 ${K}dataset/a`]);
    expect([...graph.keys]).toEqual(['*']);

    graph.keys = new Set();
    expect(said(graph.match(null, null, null, datasetA))).toHaveLength(3);
    expect(said(graph.match(null, null, null, null))).toHaveLength(5);
    expect([...graph.keys]).toEqual(['*']);
  });

  it('answers every quad as the graph does, noting the key every change carries', () => {
    const graph = recorder();
    expect(said(graph.quads())).toEqual([
      `${K}kommun/1880 ${TYPE} ${ks.Municipality.value} ${K}dataset/a`,
      `${K}kommun/1880 ${LABEL} Örebro ${K}dataset/a`,
      `${K}kommun/1880 ${COUNTY} ${K}lan/18 ${K}dataset/a`,
      `${K}lan/18 ${TYPE} ${ks.County.value} ${K}dataset/b`,
      `${K}lan/18 ${LABEL} Örebro län ${K}dataset/b`,
    ]);
    expect([...graph.keys]).toEqual(['*']);
  });

  it('answers its size and each dataset’s size as the graph does, noting no read', () => {
    const graph = recorder();
    expect(graph.size).toBe(5);
    expect(Object.fromEntries(graph.graphSizes())).toEqual({ [`${K}dataset/a`]: 3, [`${K}dataset/b`]: 2 });
    expect([...graph.keys]).toEqual([]);
  });
});
