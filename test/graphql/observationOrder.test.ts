import { describe, expect, it } from 'vitest';
import { graphOfTriG } from '../support/graphOfTriG.js';
import { queryData } from '../support/executeQuery.js';

// Query.observations lists observations by year, area, measure, then dataset IRI (an observation
// that names no dataset first), then observation IRI: the same order whatever order the data states
// them in, and the order in which an aggregate takes the first dataset's value of a municipality.

const PREFIXES = `
  @prefix qb: <http://purl.org/linked-data/cube#> .
  @prefix sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#> .
  @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
  @prefix ex: <https://example.org/exempel/> .
`;

/** An observation of Örebro's course places in 2024: `name` under example.org, in `dataset` (an example.org name) or in none. */
function observation(name: string, dataset: string | null, places: number): string {
  return `ex:${name} a qb:Observation ; ${dataset === null ? '' : `qb:dataSet ex:${dataset} ;`} sdmx-dimension:refArea <kommun/1880> ;
    sdmx-dimension:refPeriod "2024"^^xsd:gYear ; qb:measureType ks:subjectCoursePlaces ; ks:subjectCoursePlaces ${places} .`;
}

/** Four observations of the same area, year and measure: two from datasets whose IRIs sort the other way round from their own, two from none. */
const OBSERVATIONS = [observation('obs-1', 'z', 100), observation('obs-2', 'y', 200), observation('obs-3', null, 300), observation('obs-4', null, 400)];

/** Every order of `items`. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

describe('observations of the same area, year and measure', () => {
  it('come without a dataset first, then by dataset IRI, each group by observation IRI, in whichever order the data states them', async () => {
    for (const order of permutations(OBSERVATIONS)) {
      const graph = graphOfTriG(`${PREFIXES} <dataset/exempel> { ${order.join('\n')} }`);
      const data = await queryData('{ observations { id value dataset } }', { graph });
      expect(data.observations, order.map((line) => line.slice(3, 8)).join(' ')).toEqual([
        { id: 'https://example.org/exempel/obs-3', value: 300, dataset: null },
        { id: 'https://example.org/exempel/obs-4', value: 400, dataset: null },
        { id: 'https://example.org/exempel/obs-2', value: 200, dataset: 'https://example.org/exempel/y' },
        { id: 'https://example.org/exempel/obs-1', value: 100, dataset: 'https://example.org/exempel/z' },
      ]);
    }
  });
});
