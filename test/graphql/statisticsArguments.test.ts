import { describe, expect, it } from 'vitest';
import { executeQuery, iri, queryData } from '../support/executeQuery.js';
import { graphOfTriG } from '../support/graphOfTriG.js';

// The `measure`, `year` and `area` arguments of the statistics fields: what each takes, and the whole
// BAD_USER_INPUT message a client reads when it gives something else.

const MEASURE = 'a measure\'s name in our vocabulary such as "participationShare", or its IRI (see Query.measures)';
const YEAR = 'a year of four digits such as 2018';
const AREA = 'an area\'s IRI, a four-digit kommunkod, a two-digit länskod or "SE"';

/** The errors a query answers, as code, argument name and message. */
async function errorsOf(query: string, graph?: Parameters<typeof graphOfTriG>[0]): Promise<unknown[]> {
  const result = await executeQuery(query, graph === undefined ? {} : { graph: graphOfTriG(graph) });
  return (result.errors ?? []).map(({ message, extensions }) => ({ code: extensions?.code, argumentName: extensions?.argumentName, message }));
}

function badInput(argument: string, expected: string, got: string): unknown[] {
  return [{ code: 'BAD_USER_INPUT', argumentName: argument, message: `Argument "${argument}": expected ${expected} but got: ${got}.` }];
}

// Observations of the tests' own in the first and the last four-digit year, one about Örebro län and one about Sweden.
const OBSERVATIONS = `
  @prefix qb: <http://purl.org/linked-data/cube#> .
  @prefix sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#> .
  @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
  <dataset/exempel> {
    ks:pupils a qb:MeasureProperty .
    <ftp://example.org/pupils> a qb:MeasureProperty .
    <https://example.org/obs/lan-1000> a qb:Observation ; sdmx-dimension:refArea <lan/18> ; sdmx-dimension:refPeriod "1000"^^xsd:gYear ;
      qb:measureType ks:pupils ; ks:pupils 10 .
    <https://example.org/obs/land-9999> a qb:Observation ; sdmx-dimension:refArea <land/SE> ; sdmx-dimension:refPeriod "9999"^^xsd:gYear ;
      qb:measureType ks:pupils ; ks:pupils 20 .
  }
`;

describe('the year argument of the statistics fields', () => {
  it('takes the first and the last year of four digits, 1000 and 9999', async () => {
    const data = await queryData('{ first: observations(year: 1000) { id year } last: observations(year: 9999) { id year } }', { graph: graphOfTriG(OBSERVATIONS) });
    expect(data).toEqual({
      first: [{ id: 'https://example.org/obs/lan-1000', year: 1000 }],
      last: [{ id: 'https://example.org/obs/land-9999', year: 9999 }],
    });
  });

  it.each([
    ['999, a year of three digits', '{ observations(year: 999) { id } }', '999'],
    ['10000, a year of five digits', '{ observations(year: 10000) { id } }', '10000'],
    ['a year of five digits in an aggregate', '{ nationalAggregate(measure: "girlsShare", year: 20180) { count } }', '20180'],
  ])('rejects %s with BAD_USER_INPUT saying a year of four digits is expected', async (_case, query, got) => {
    expect(await errorsOf(query)).toEqual(badInput('year', YEAR, got));
  });
});

describe('the area argument of Query.observations', () => {
  it('takes a two-digit länskod for the county and a country code for the country', async () => {
    const data = await queryData('{ county: observations(area: "18") { id area { id } } country: observations(area: "SE") { id area { id } } }', {
      graph: graphOfTriG(OBSERVATIONS),
    });
    expect(data).toEqual({
      county: [{ id: 'https://example.org/obs/lan-1000', area: { id: iri('lan/18') } }],
      country: [{ id: 'https://example.org/obs/land-9999', area: { id: iri('land/SE') } }],
    });
  });

  it.each([
    ['a kommunkod with a letter before it', 'x1884'],
    ['five digits', '18845'],
    ['a länskod with a letter before it', 'x18'],
    ['a single digit', '1'],
    ['a country code with a letter before it', 'xSE'],
    ['three capital letters', 'SEX'],
  ])('rejects %s with BAD_USER_INPUT saying which codes and IRIs it takes', async (_case, area) => {
    expect(await errorsOf(`{ observations(area: "${area}") { id } }`)).toEqual(badInput('area', AREA, JSON.stringify(area)));
  });
});

describe('the measure argument of the statistics fields', () => {
  it.each([
    ['an unknown name', '{ observations(measure: "pupils") { id } }', '"pupils"'],
    ['words that are neither a name nor an IRI', '{ observations(measure: "share of girls") { id } }', '"share of girls"'],
    ['an unknown name in an aggregate', '{ countyAggregates(measure: "pupils", year: 2018) { count } }', '"pupils"'],
  ])('rejects %s with BAD_USER_INPUT saying a name or IRI from Query.measures is expected', async (_case, query, got) => {
    expect(await errorsOf(query)).toEqual(badInput('measure', MEASURE, got));
  });

  it('rejects an IRI of a scheme it does not take even when the graph has a measure of that IRI, and takes the same measure by name', async () => {
    expect(await errorsOf('{ observations(measure: "ftp://example.org/pupils") { id } }', OBSERVATIONS)).toEqual(
      badInput('measure', MEASURE, '"ftp://example.org/pupils"'),
    );
    const data = await queryData('{ observations(measure: "pupils") { id } }', { graph: graphOfTriG(OBSERVATIONS) });
    expect(data.observations).toEqual([{ id: 'https://example.org/obs/lan-1000' }, { id: 'https://example.org/obs/land-9999' }]);
  });
});
