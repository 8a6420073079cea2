import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/graphql/context.js';
import { Observation, StatisticsAggregate } from '../../src/graphql/resolvers/Statistics.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { executeLogged } from '../support/executeLogged.js';
import { iri, queryData } from '../support/executeQuery.js';
import { graphOfTriG } from '../support/graphOfTriG.js';

// Observations the shipped data does not show, in graphs of the tests' own: one without a value (never served), ones
// without a source page, with ks:estimated given as "true", "1" or false or not at all, about a municipality, a
// county, the country and an area of no known type, and one qualified by a concept the API does not know.

const PROLOGUE = `
  @prefix qb: <http://purl.org/linked-data/cube#> .
  @prefix sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#> .
  @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
`;

/** `observations` (TriG) of ks:pupils, with the areas they are about, in one dataset. */
function graphOf(observations: string): Graph {
  return graphOfTriG(`${PROLOGUE}
    <dataset/exempel> {
      ks:pupils a qb:MeasureProperty .
      <kommun/1880> a ks:Municipality ; dcterms:identifier "1880" .
      <lan/18> a ks:County ; dcterms:identifier "18" .
      <land/SE> a schema:Country ; dcterms:identifier "SE" .
      <https://example.org/omrade/okant> dcterms:identifier "X1" .
      ${observations}
    }`);
}

/** An observation of ks:pupils in 2024 about `area`, with `more` statements. */
function observation(name: string, area: string, value: number, more = ''): string {
  return `<https://example.org/obs/${name}> a qb:Observation ; sdmx-dimension:refArea ${area} ; sdmx-dimension:refPeriod "2024"^^xsd:gYear ;
    qb:measureType ks:pupils ; ks:pupils ${value} ${more} .`;
}

const graph = graphOf(`
  ${observation('okant', '<https://example.org/omrade/okant>', 1)}
  ${observation('kommun', '<kommun/1880>', 2, '; ks:estimated true ; dcterms:source <https://example.org/kalla>')}
  ${observation('lan', '<lan/18>', 3, '; ks:estimated "1"^^xsd:boolean')}
  ${observation('land', '<land/SE>', 4, '; ks:estimated false')}
  <https://example.org/obs/utan-varde> a qb:Observation ; sdmx-dimension:refArea <kommun/1880> ; sdmx-dimension:refPeriod "2024"^^xsd:gYear ;
    qb:measureType ks:pupils .
`);

describe('Observation.source and Observation.estimated', () => {
  it('give, for each observation with a value, the source page or null when the data names none, and true for ks:estimated "true" or "1", false for false or none', async () => {
    const data = await queryData('{ observations { id source estimated } }', { graph });
    expect(data.observations).toEqual([
      { id: 'https://example.org/obs/okant', source: null, estimated: false },
      { id: 'https://example.org/obs/kommun', source: 'https://example.org/kalla', estimated: true },
      { id: 'https://example.org/obs/lan', source: null, estimated: true },
      { id: 'https://example.org/obs/land', source: null, estimated: false },
    ]);
  });
});

describe('StatisticsArea.level and StatisticsArea.node', () => {
  it('give a municipality and a county with their level and node, the country with no node, and an area of no known type with neither', async () => {
    const data = await queryData('{ observations { area { id level code node { id __typename } } } }', { graph });
    expect(data.observations.map(({ area }: { area: unknown }) => area)).toEqual([
      { id: 'https://example.org/omrade/okant', level: null, code: 'X1', node: null },
      { id: iri('kommun/1880'), level: 'MUNICIPALITY', code: '1880', node: { id: iri('kommun/1880'), __typename: 'Municipality' } },
      { id: iri('lan/18'), level: 'COUNTY', code: '18', node: { id: iri('lan/18'), __typename: 'County' } },
      { id: iri('land/SE'), level: 'COUNTRY', code: 'SE', node: null },
    ]);
  });
});

describe('Observation.approximation with a concept the API does not know', () => {
  const unknown = graphOf(`
    ${observation('ungefar', '<kommun/1880>', 5, '; ks:approximation <precision/ungefar>')}
    ${observation('okand', '<land/SE>', 6, '; ks:approximation <precision/kanske>')}
  `);

  it('answers the other observations and a null approximation with an internal error at its path, and logs which concept it is', async () => {
    const { data, errors, logged } = await executeLogged('{ observations { id value approximation } }', unknown);
    expect(data).toEqual({
      observations: [
        { id: 'https://example.org/obs/ungefar', value: 5, approximation: 'ABOUT' },
        { id: 'https://example.org/obs/okand', value: 6, approximation: null },
      ],
    });
    expect(errors.map(({ path, extensions }) => ({ path, code: extensions?.code }))).toEqual([{ path: ['observations', 1, 'approximation'], code: 'INTERNAL_SERVER_ERROR' }]);
    expect(logged).toEqual([`<https://example.org/obs/okand> has ks:approximation <${iri('precision/kanske')}>, which is none of the concepts the API knows`]);
  });
});

// No query reaches these: Query.observations serves only observations with a measure, a year, an area and a
// value, and the aggregates it answers always have a measure. The resolvers still say what is wrong, for the log.
describe('the statistics resolvers given what no query serves', () => {
  const context = { graph, language: 'sv' } as Context;

  it('Observation fields name an observation that lacks a value of its measure', () => {
    const lacking = DataFactory.namedNode('https://example.org/obs/utan-varde');
    const measure = Observation.measure as (parent: unknown, args: unknown, context: Context, info: unknown) => unknown;
    expect(() => measure(lacking, {}, context, undefined)).toThrow(
      new Error('<https://example.org/obs/utan-varde> is served as an observation but lacks a measure, year, area or value'),
    );
  });

  it('StatisticsAggregate.measure refuses an aggregate without a measure, which only list-size measurement makes', () => {
    const measure = StatisticsAggregate.measure as (parent: unknown, args: unknown, context: Context, info: unknown) => unknown;
    const aggregate = { area: DataFactory.namedNode(iri('land/SE')), measure: null, year: 0, values: [], municipalities: 0 };
    expect(() => measure(aggregate, {}, context, undefined)).toThrow(new Error('An aggregate without a measure is only for measuring list sizes'));
  });
});
