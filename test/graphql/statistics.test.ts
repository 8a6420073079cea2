import { readdir, readFile } from 'node:fs/promises';
import { DataFactory, Parser, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { canonicalNTriples } from '../../src/publish/canonicalNTriples.js';
import { parseBody } from '../../src/publish/parseBody.js';
import { dataPath } from '../../src/rdf/dataPath.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { graphOfContent } from '../../src/rdf/graphOfContent.js';
import { loadDataDirectory } from '../../src/rdf/loadDataDirectory.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { UnionGraph } from '../../src/rdf/UnionGraph.js';
import { executeQuery, iri, queryData } from '../support/executeQuery.js';

const KULTURSKOLERADET = 'https://www.kulturskoleradet.se/verksamhet/statistik-och-forskning/';
const SKR = 'https://webbutik.skr.se/skr/skolakulturfritid/kulturfritid/kulturochmusikskolor/faktaomkulturochmusikskolorna.7552.html';
const IMUSIKEN = 'https://imusiken.se/2019/09/06/fler-inom-kulturskolan/';

const OBSERVATION = 'id measure { key } value unit { id } year area { id level code } source dataset approximation estimated baseYear';

describe('Query.observations over the shipped national statistics', () => {
  it('gives every national figure of the three source pages, each with its year, unit, source page and qualification', async () => {
    const data = await queryData(`{ observations(area: "SE") { ${OBSERVATION} } }`);
    const rows = data.observations.map(({ id, measure, unit, ...rest }: Record<string, any>) => {
      expect(id).toMatch(/^https:\/\/w3id\.org\/kulturskola\/observation\/nationell-statistik\//);
      return { ...rest, measure: measure.key, unit: unit.id.replace(iri('enhet/'), '') };
    });
    const sweden = { id: iri('land/SE'), level: 'COUNTRY', code: 'SE' };
    const dataset = iri('dataset/nationell-statistik');
    const row = (year: number, measure: string, value: number, unit: string, source: string, qualified: Partial<Record<string, unknown>> = {}) => ({
      measure,
      value,
      unit,
      year,
      area: sweden,
      source,
      dataset,
      approximation: null,
      estimated: false,
      baseYear: null,
      ...qualified,
    });
    // Sorted by year, then measure IRI (the area is the same): the figures of national-statistics.md, one by one.
    expect(rows).toEqual([
      row(2016, 'feeFreeMunicipalities', 16, 'antal-kommuner', KULTURSKOLERADET),
      row(2016, 'feeFreeMunicipalitiesChange', 60, 'procent', KULTURSKOLERADET, { baseYear: 2013 }),
      row(2016, 'mostCommonTermFee', 643, 'kronor-per-termin', KULTURSKOLERADET),
      row(2016, 'municipalCost', 2_300_000_000, 'kronor', KULTURSKOLERADET),
      row(2016, 'municipalCostChange', 14, 'procent', KULTURSKOLERADET, { baseYear: 2013 }),
      row(2016, 'municipalities', 290, 'antal-kommuner', KULTURSKOLERADET),
      row(2016, 'municipalitiesWithCultureSchool', 283, 'antal-kommuner', KULTURSKOLERADET),
      row(2016, 'subjectCoursePlaces', 230_000, 'platser', KULTURSKOLERADET),
      row(2016, 'subjectCoursePlacesChange', 11, 'procent', KULTURSKOLERADET, { baseYear: 2013 }),
      row(2018, 'averageYearlyFee', 1400, 'kronor-per-ar', IMUSIKEN, { approximation: 'ABOUT' }),
      row(2018, 'feeFreeMunicipalities', 14, 'antal-kommuner', IMUSIKEN, { estimated: true }),
      row(2018, 'girlsShare', 58, 'procent', IMUSIKEN),
      row(2018, 'municipalities', 290, 'antal-kommuner', IMUSIKEN),
      row(2018, 'municipalitiesWithCultureSchool', 285, 'antal-kommuner', IMUSIKEN),
      row(2018, 'municipalitiesWithoutCultureSchool', 5, 'antal-kommuner', IMUSIKEN),
      row(2018, 'participationShare', 11, 'procent', IMUSIKEN),
      row(2018, 'queueShare', 82, 'procent', IMUSIKEN),
      row(2022, 'municipalNetCost', 2_900_000_000, 'kronor', SKR, { approximation: 'JUST_OVER' }),
      row(2022, 'municipalNetCostChange', 20, 'procent', SKR, { approximation: 'ABOUT', baseYear: 2012 }),
      row(2022, 'openActivityParticipations', 730_000, 'deltagartillfallen', SKR, { approximation: 'MORE_THAN', estimated: true }),
      row(2022, 'participationShare', 11, 'procent', SKR, { approximation: 'ABOUT' }),
      row(2022, 'subjectCourseParticipations', 6_200_000, 'deltagartillfallen', SKR, { approximation: 'JUST_OVER' }),
      row(2022, 'targetedActivityShare', 83, 'procent', SKR),
    ]);
  });

  it('names the five municipalities without a culture school in 2018, each as an observation of its own with its source', async () => {
    const data = await queryData(`{ observations(measure: "hasCultureSchool") {
      value year source area { level code name node { id ... on Municipality { county { code } } } } } }`);
    expect(data.observations).toEqual(
      [
        ['1884', 'Nora', '18'],
        ['1907', 'Surahammar', '19'],
        ['2403', 'Bjurholm', '24'],
        ['2422', 'Sorsele', '24'],
        ['2462', 'Vilhelmina', '24'],
      ].map(([code, name, county]) => ({
        value: 0,
        year: 2018,
        source: IMUSIKEN,
        area: { level: 'MUNICIPALITY', code, name, node: { id: iri(`kommun/${code}`), county: { code: county } } },
      })),
    );
  });

  it('filters by measure IRI, year and area code together, and restates the figure in the chosen language', async () => {
    const data = await queryData(`{ observations(measure: "${iri('def#participationShare')}", year: 2022, area: "SE") {
      value approximation sv: comment en: comment(lang: "en") measure { name(lang: "en") unit { name(lang: "en") } } } }`);
    expect(data.observations).toEqual([
      {
        value: 11,
        approximation: 'ABOUT',
        sv: 'Ungefär 11 % av barn och unga 6–19 år deltar i kulturskolornas ämneskurser.',
        en: "About 11 % of children and young people aged 6–19 take part in the culture schools' subject courses.",
        measure: { name: 'share of children and young people aged 6–19 who take part', unit: { name: 'per cent' } },
      },
    ]);
  });

  it('answers an empty list for a well-formed area or year that has no observations', async () => {
    const data = await queryData('{ a: observations(area: "0114") { id } b: observations(year: 1999) { id } c: observations(area: "https://example.org/nowhere") { id } }');
    expect(data).toEqual({ a: [], b: [], c: [] });
  });
});

describe('Query.measures', () => {
  it('lists every measure of the vocabulary with its unit, sorted by IRI', async () => {
    const data = await queryData('{ measures { key unit { id } } }');
    expect(data.measures.map(({ key }: { key: string }) => key)).toEqual([
      'averageYearlyFee',
      'feeFreeMunicipalities',
      'feeFreeMunicipalitiesChange',
      'girlsShare',
      'hasCultureSchool',
      'mostCommonTermFee',
      'municipalCost',
      'municipalCostChange',
      'municipalNetCost',
      'municipalNetCostChange',
      'municipalities',
      'municipalitiesWithCultureSchool',
      'municipalitiesWithoutCultureSchool',
      'openActivityParticipations',
      'participationShare',
      'queueShare',
      'subjectCourseParticipations',
      'subjectCoursePlaces',
      'subjectCoursePlacesChange',
      'targetedActivityShare',
    ]);
    expect(data.measures.every(({ unit }: { unit: { id: string } | null }) => unit?.id.startsWith(iri('enhet/')))).toBe(true);
  });
});

// Example observations of the tests' own, never shipped: their IRIs, dataset and source page are under example.org.
const EXAMPLES = `
  @prefix qb: <http://purl.org/linked-data/cube#> .
  @prefix sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#> .
  @prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .
  @prefix dcterms: <http://purl.org/dc/terms/> .
  @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
  @prefix ks: <https://w3id.org/kulturskola/def#> .
  @base <https://w3id.org/kulturskola/> .
  @prefix ex: <https://example.org/exempel/> .

  ex:a-1880 a qb:Observation ; qb:dataSet ex:a ; sdmx-dimension:refArea <kommun/1880> ; sdmx-dimension:refPeriod "2024"^^xsd:gYear ;
    qb:measureType ks:subjectCoursePlaces ; ks:subjectCoursePlaces 1200 ; sdmx-attribute:unitMeasure <enhet/platser> ; dcterms:source ex:kalla .
  ex:a-1883 a qb:Observation ; qb:dataSet ex:a ; sdmx-dimension:refArea <kommun/1883> ; sdmx-dimension:refPeriod "2024"^^xsd:gYear ;
    qb:measureType ks:subjectCoursePlaces ; ks:subjectCoursePlaces 800 ; sdmx-attribute:unitMeasure <enhet/platser> ; dcterms:source ex:kalla .
  ex:a-1884 a qb:Observation ; qb:dataSet ex:a ; sdmx-dimension:refArea <kommun/1884> ; sdmx-dimension:refPeriod "2024"^^xsd:gYear ;
    qb:measureType ks:subjectCoursePlaces ; ks:subjectCoursePlaces 100 ; sdmx-attribute:unitMeasure <enhet/platser> ; dcterms:source ex:kalla .
  ex:a-2403 a qb:Observation ; qb:dataSet ex:a ; sdmx-dimension:refArea <kommun/2403> ; sdmx-dimension:refPeriod "2024"^^xsd:gYear ;
    qb:measureType ks:subjectCoursePlaces ; ks:subjectCoursePlaces 50 ; sdmx-attribute:unitMeasure <enhet/platser> ; dcterms:source ex:kalla .

  # A second dataset gives Örebro another value: the first dataset's (by IRI) counts, once.
  ex:b-1880 a qb:Observation ; qb:dataSet ex:b ; sdmx-dimension:refArea <kommun/1880> ; sdmx-dimension:refPeriod "2024"^^xsd:gYear ;
    qb:measureType ks:subjectCoursePlaces ; ks:subjectCoursePlaces 900 ; sdmx-attribute:unitMeasure <enhet/platser> ; dcterms:source ex:kalla .
  # Not counted: a figure for the county as a whole, and one for another year.
  ex:a-lan-18 a qb:Observation ; qb:dataSet ex:a ; sdmx-dimension:refArea <lan/18> ; sdmx-dimension:refPeriod "2024"^^xsd:gYear ;
    qb:measureType ks:subjectCoursePlaces ; ks:subjectCoursePlaces 5000 ; sdmx-attribute:unitMeasure <enhet/platser> ; dcterms:source ex:kalla .
  ex:a-1881-2025 a qb:Observation ; qb:dataSet ex:a ; sdmx-dimension:refArea <kommun/1881> ; sdmx-dimension:refPeriod "2025"^^xsd:gYear ;
    qb:measureType ks:subjectCoursePlaces ; ks:subjectCoursePlaces 700 ; sdmx-attribute:unitMeasure <enhet/platser> ; dcterms:source ex:kalla .
`;

const examples: Quad[] = new Parser().parse(EXAMPLES);

/** The shipped data and the examples, in one store, as a folder is served. */
async function storeWithExamples(): Promise<Graph> {
  const { store } = await loadDataDirectory(dataPath('graphs'));
  const graph = DataFactory.namedNode('https://example.org/exempel/dataset');
  store.addQuads(examples.map(({ subject, predicate, object }) => DataFactory.quad(subject, predicate, object, graph)));
  return new StoreGraph(store);
}

/** The shipped datasets and the examples as a dataset of their own, as the publishing store serves them. */
async function unionWithExamples(): Promise<Graph> {
  const parts: Array<readonly [string, Graph]> = [];
  for (const file of (await readdir(dataPath('graphs'))).filter((name) => name.endsWith('.jsonld'))) {
    const slug = file.replace(/\.jsonld$/, '');
    const { content } = await canonicalNTriples(await parseBody(await readFile(dataPath(`graphs/${file}`)), 'jsonld', slug));
    parts.push([iri(`dataset/${slug}`), await graphOfContent(slug, content)]);
  }
  parts.push([iri('dataset/exempel-statistik'), await graphOfContent('exempel-statistik', (await canonicalNTriples(examples)).content)]);
  return new UnionGraph(parts);
}

const AGGREGATE = 'area { id level code } measure { key } year unit { id } count municipalities sum min max mean';

describe('Query.countyAggregates and Query.nationalAggregate over example observations', () => {
  for (const [served, graphOf] of [
    ['a folder (one store)', storeWithExamples],
    ['the publishing store (one part per dataset)', unionWithExamples],
  ] as const) {
    describe(`served from ${served}`, () => {
      it('aggregate each county’s municipalities once each, leaving out county-wide figures and other years', async () => {
        const graph = await graphOf();
        const data = await queryData(
          `{ countyAggregates(measure: "subjectCoursePlaces", year: 2024) { ${AGGREGATE} }
             nationalAggregate(measure: "subjectCoursePlaces", year: 2024) { ${AGGREGATE} } }`,
          { graph },
        );
        const common = { measure: { key: 'subjectCoursePlaces' }, year: 2024, unit: { id: iri('enhet/platser') } };
        const counties = data.countyAggregates as Array<Record<string, any>>;
        expect(counties).toHaveLength(21);
        expect(counties.map(({ area }) => area.code)).toEqual([...counties.map(({ area }) => area.code)].sort());
        expect(counties.find(({ area }) => area.code === '18')).toEqual({
          area: { id: iri('lan/18'), level: 'COUNTY', code: '18' },
          ...common,
          count: 3,
          municipalities: 12,
          sum: 2100,
          min: 100,
          max: 1200,
          mean: 700,
        });
        expect(counties.find(({ area }) => area.code === '24')).toEqual({
          area: { id: iri('lan/24'), level: 'COUNTY', code: '24' },
          ...common,
          count: 1,
          municipalities: 15,
          sum: 50,
          min: 50,
          max: 50,
          mean: 50,
        });
        expect(counties.find(({ area }) => area.code === '01')).toEqual({
          area: { id: iri('lan/01'), level: 'COUNTY', code: '01' },
          ...common,
          count: 0,
          municipalities: 26,
          sum: null,
          min: null,
          max: null,
          mean: null,
        });
        expect(data.nationalAggregate).toEqual({
          area: { id: iri('land/SE'), level: 'COUNTRY', code: 'SE' },
          ...common,
          count: 4,
          municipalities: 290,
          sum: 2150,
          min: 50,
          max: 1200,
          mean: 537.5,
        });
      });

      it('list both datasets’ observations of the municipality they disagree on', async () => {
        const data = await queryData('{ observations(area: "1880", year: 2024) { id value dataset } }', { graph: await graphOf() });
        expect(data.observations).toEqual([
          { id: 'https://example.org/exempel/a-1880', value: 1200, dataset: 'https://example.org/exempel/a' },
          { id: 'https://example.org/exempel/b-1880', value: 900, dataset: 'https://example.org/exempel/b' },
        ]);
      });
    });
  }

  it('count the five shipped municipalities without a culture school in 2018, nationally and in Västerbotten', async () => {
    const data = await queryData(`{ nationalAggregate(measure: "hasCultureSchool", year: 2018) { count municipalities sum unit { id } }
      countyAggregates(measure: "hasCultureSchool", year: 2018) { area { code } count municipalities } }`);
    expect(data.nationalAggregate).toEqual({ count: 5, municipalities: 290, sum: 0, unit: { id: iri('enhet/indikator') } });
    expect(data.countyAggregates.filter(({ count }: { count: number }) => count > 0)).toEqual([
      { area: { code: '18' }, count: 1, municipalities: 12 },
      { area: { code: '19' }, count: 1, municipalities: 10 },
      { area: { code: '24' }, count: 3, municipalities: 15 },
    ]);
  });
});

describe('bad statistics arguments', () => {
  it.each([
    ['an unknown measure', '{ observations(measure: "pupils") { id } }', 'measure', '"pupils"'],
    ['a measure that is neither a name nor an IRI', '{ observations(measure: "share of girls") { id } }', 'measure', '"share of girls"'],
    ['an IRI that is no measure', `{ observations(measure: "${iri('def#county')}") { id } }`, 'measure', `"${iri('def#county')}"`],
    ['a year of five digits', '{ observations(year: 20180) { id } }', 'year', '20180'],
    ['a malformed area', '{ observations(area: "18x") { id } }', 'area', '"18x"'],
    ['an unknown measure in an aggregate', '{ countyAggregates(measure: "pupils", year: 2018) { count } }', 'measure', '"pupils"'],
    ['a malformed year in an aggregate', '{ nationalAggregate(measure: "girlsShare", year: -1) { count } }', 'year', '-1'],
  ])('reject %s with BAD_USER_INPUT naming the argument', async (_case, query, argument, echoed) => {
    const result = await executeQuery(query);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toMatch(new RegExp(`^Argument "${argument}": expected .* but got: ${echoed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.$`));
  });
});
