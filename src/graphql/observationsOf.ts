import type { NamedNode } from 'n3';
import type { Graph, Resource } from '../rdf/Graph.js';
import { resourceOf, valueOf } from '../rdf/readTerms.js';
import { qb, rdf, sdmxDimension } from '../rdf/vocabulary.js';
import { cachedPerGraph } from './cachedPerGraph.js';

/** One qb:Observation as the statistics fields read it. */
export interface ObservationFacts {
  observation: Resource;
  /** The measure property that qb:measureType names. */
  measure: Resource;
  /** The observation's value of that measure, as a number. */
  value: number;
  year: number;
  area: Resource;
  /** The qb:DataSet it belongs to, null when it names none. */
  dataset: Resource | null;
}

/** Every observation of a graph, in the order lists answer, and indexed by measure and year. */
export interface ObservationIndex {
  /** By year, then area IRI, then measure IRI, then dataset IRI, then observation IRI. */
  all: readonly ObservationFacts[];
  /** The same, keyed by `${measure IRI} ${year}`. */
  byMeasureAndYear: ReadonlyMap<string, readonly ObservationFacts[]>;
}

/**
 * The observations of `graph` (every qb:Observation with a measure, a year,
 * an area and a numeric value of its measure), computed once per Graph.
 * An observation that lacks one of these is bad data that the SHACL shapes
 * refuse at publishing; it is left out here rather than failing every query.
 */
export const observationsOf = cachedPerGraph((graph: Graph): ObservationIndex => {
  const all: ObservationFacts[] = [];
  for (const observation of graph.instancesOf(qb.Observation)) {
    const facts = factsOf(graph, observation);
    if (facts !== null) all.push(facts);
  }
  all.sort(
    (a, b) =>
      a.year - b.year ||
      compare(a.area.value, b.area.value) ||
      compare(a.measure.value, b.measure.value) ||
      compare(a.dataset?.value ?? '', b.dataset?.value ?? '') ||
      compare(a.observation.value, b.observation.value),
  );
  const byMeasureAndYear = new Map<string, ObservationFacts[]>();
  for (const facts of all) {
    const key = measureAndYear(facts.measure, facts.year);
    let list = byMeasureAndYear.get(key);
    if (list === undefined) byMeasureAndYear.set(key, (list = []));
    list.push(facts);
  }
  return { all, byMeasureAndYear };
});

/** The key of ObservationIndex.byMeasureAndYear. */
export function measureAndYear(measure: Resource, year: number): string {
  return `${measure.value} ${year}`;
}

/** Whether `measure` is a measure the graph defines (a qb:MeasureProperty). */
export function isMeasure(graph: Graph, measure: NamedNode): boolean {
  return graph.has(measure, rdf.type, qb.MeasureProperty);
}

function factsOf(graph: Graph, observation: Resource): ObservationFacts | null {
  const measure = resourceOf(graph, observation, qb.measureType);
  const area = resourceOf(graph, observation, sdmxDimension.refArea);
  const year = valueOf(graph, observation, sdmxDimension.refPeriod);
  if (measure === null || area === null || year === null || measure.termType !== 'NamedNode') return null;
  const value = valueOf(graph, observation, measure);
  if (value === null || !Number.isFinite(Number(value)) || !/^-?\d{4}$/.test(year)) return null;
  return { observation, measure, value: Number(value), year: Number(year), area, dataset: resourceOf(graph, observation, qb.dataSet) };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
