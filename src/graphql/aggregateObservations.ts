import type { NamedNode } from 'n3';
import type { Graph, Resource } from '../rdf/Graph.js';
import { subjectsOfType } from '../rdf/readTerms.js';
import { ks } from '../rdf/vocabulary.js';
import { measureAndYear, observationsOf } from './observationsOf.js';

/** A measure's per-municipality observations of one year, gathered over an area (a county or the country). */
export interface AggregateOfObservations {
  /** The county, or the country. */
  area: Resource;
  /** Null only while list sizes are measured, which asks without arguments. */
  measure: NamedNode | null;
  year: number;
  /** One value per municipality of the area that has an observation. */
  values: readonly number[];
  /** How many municipalities the area has, observed or not. */
  municipalities: number;
}

/**
 * Aggregates the observations of `measure` in `year` whose area is one of
 * the municipalities of a county (or, with `county` null, of the country).
 * Each municipality counts once: when several datasets give it a value, the
 * one from the dataset whose IRI sorts first (see observationsOf).
 */
export function aggregateObservations(graph: Graph, area: Resource, county: Resource | null, measure: NamedNode | null, year: number): AggregateOfObservations {
  const municipalities = county === null ? graph.instancesOf(ks.Municipality) : subjectsOfType(graph, ks.county, county, ks.Municipality);
  const inArea = new Set(municipalities.map((municipality) => municipality.value));
  const observed = measure === null ? [] : (observationsOf(graph).byMeasureAndYear.get(measureAndYear(measure, year)) ?? []);
  const valueOfMunicipality = new Map<string, number>();
  for (const { area: observedArea, value } of observed) {
    if (inArea.has(observedArea.value) && !valueOfMunicipality.has(observedArea.value)) valueOfMunicipality.set(observedArea.value, value);
  }
  return { area, measure, year, values: [...valueOfMunicipality.values()], municipalities: inArea.size };
}
