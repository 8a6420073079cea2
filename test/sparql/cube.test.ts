import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, kg, startSparqlTestServer, type SparqlTestServer } from './sparqlTestServer.js';

const PREFIXES = `
  PREFIX qb: <http://purl.org/linked-data/cube#>
  PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
  PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#>
  PREFIX dcterms: <http://purl.org/dc/terms/>
  PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
  PREFIX ks: <https://w3id.org/kulturskola/def#>
`;

interface Binding {
  type: string;
  value: string;
  datatype?: string;
}

let server: SparqlTestServer;
beforeAll(async () => {
  server = await startSparqlTestServer();
});
afterAll(() => server.close());

async function select(query: string): Promise<Array<Record<string, Binding>>> {
  const answer = await ask(server.endpoint, PREFIXES + query);
  expect(answer.status, answer.body).toBe(200);
  return (JSON.parse(answer.body) as { results: { bindings: Array<Record<string, Binding>> } }).results.bindings;
}

describe('the statistics cube over SPARQL', () => {
  it('answers the share of children and young people who take part, per year, with unit, source and the dataset’s structure', async () => {
    const rows = await select(`
      SELECT ?year ?value ?unit ?source ?structure WHERE {
        ?observation a qb:Observation ;
          qb:dataSet ?dataset ;
          sdmx-dimension:refArea <${kg('land/SE')}> ;
          sdmx-dimension:refPeriod ?year ;
          qb:measureType ks:participationShare ;
          ks:participationShare ?value ;
          sdmx-attribute:unitMeasure ?unit ;
          dcterms:source ?source .
        ?dataset qb:structure ?structure .
      } ORDER BY ?year`);
    expect(rows.map(({ year, value, unit, source, structure }) => [year!.value, year!.datatype, value!.value, unit!.value, source!.value, structure!.value])).toEqual([
      ['2018', 'http://www.w3.org/2001/XMLSchema#gYear', '11', kg('enhet/procent'), 'https://imusiken.se/2019/09/06/fler-inom-kulturskolan/', kg('statistik/struktur')],
      [
        '2022',
        'http://www.w3.org/2001/XMLSchema#gYear',
        '11',
        kg('enhet/procent'),
        'https://webbutik.skr.se/skr/skolakulturfritid/kulturfritid/kulturochmusikskolor/faktaomkulturochmusikskolorna.7552.html',
        kg('statistik/struktur'),
      ],
    ]);
  });

  it('counts the municipalities without a culture school in 2018 per county, joining the cube to the reference list', async () => {
    const rows = await select(`
      SELECT ?county (COUNT(?municipality) AS ?without) WHERE {
        ?observation qb:measureType ks:hasCultureSchool ; ks:hasCultureSchool 0 ;
          sdmx-dimension:refPeriod "2018"^^<http://www.w3.org/2001/XMLSchema#gYear> ;
          sdmx-dimension:refArea ?municipality .
        ?municipality ks:county/dcterms:identifier ?county .
      } GROUP BY ?county ORDER BY ?county`);
    expect(rows.map(({ county, without }) => [county!.value, without!.value])).toEqual([
      ['18', '1'],
      ['19', '1'],
      ['24', '3'],
    ]);
  });
});
