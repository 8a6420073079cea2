import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { aggregateObservations } from '../../src/graphql/aggregateObservations.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { graphOfContent } from '../../src/rdf/graphOfContent.js';
import { kg } from '../../src/rdf/vocabulary.js';

const KS = 'https://w3id.org/kulturskola/';
const RDF_TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>';
const QB = 'http://purl.org/linked-data/cube#';
const SDMX_DIMENSION = 'http://purl.org/linked-data/sdmx/2009/dimension#';
const COURSE_PLACES = `${KS}def#subjectCoursePlaces`;
const coursePlaces = DataFactory.namedNode(COURSE_PLACES);

/**
 * Örebro län with two municipalities, Örebro (1880) and Karlskoga (1883), and
 * one observation of course places in 2024: 1,200 in Örebro.
 */
function example(): Promise<Graph> {
  const lines = [
    `<${KS}lan/18> ${RDF_TYPE} <${KS}def#County> .`,
    ...['1880', '1883'].flatMap((kommunkod) => [
      `<${KS}kommun/${kommunkod}> ${RDF_TYPE} <${KS}def#Municipality> .`,
      `<${KS}kommun/${kommunkod}> <${KS}def#county> <${KS}lan/18> .`,
    ]),
    `<${KS}observation/1880-2024> ${RDF_TYPE} <${QB}Observation> .`,
    `<${KS}observation/1880-2024> <${QB}measureType> <${COURSE_PLACES}> .`,
    `<${KS}observation/1880-2024> <${SDMX_DIMENSION}refArea> <${KS}kommun/1880> .`,
    `<${KS}observation/1880-2024> <${SDMX_DIMENSION}refPeriod> "2024"^^<http://www.w3.org/2001/XMLSchema#gYear> .`,
    `<${KS}observation/1880-2024> <${COURSE_PLACES}> "1200"^^<http://www.w3.org/2001/XMLSchema#integer> .`,
  ];
  return graphOfContent('example', lines.join('\n') + '\n');
}

describe('aggregateObservations', () => {
  it("gathers a measure's values of a year over a county's municipalities, counting those without one too", async () => {
    const county = kg.county('18');
    const aggregate = aggregateObservations(await example(), county, county, coursePlaces, 2024);
    expect(aggregate).toEqual({ area: county, measure: coursePlaces, year: 2024, values: [1200], municipalities: 2 });
  });

  it('gathers no values for a year without observations of the measure, yet counts the municipalities of the area', async () => {
    const county = kg.county('18');
    const aggregate = aggregateObservations(await example(), county, county, coursePlaces, 2023);
    expect(aggregate).toEqual({ area: county, measure: coursePlaces, year: 2023, values: [], municipalities: 2 });
  });

  it('gathers no values without a measure (as list sizes are measured), yet counts the municipalities of the area', async () => {
    const county = kg.county('18');
    const aggregate = aggregateObservations(await example(), county, county, null, 2024);
    expect(aggregate).toEqual({ area: county, measure: null, year: 2024, values: [], municipalities: 2 });
  });
});
