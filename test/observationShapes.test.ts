import { readFile } from 'node:fs/promises';
import factory from '@zazuko/env-node';
import { Parser } from 'n3';
import type { Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../src/rdf/dataPath.js';
import { loadDataDirectory } from '../src/rdf/loadDataDirectory.js';
import { dcterms, qb, sdmxDimension } from '../src/rdf/vocabulary.js';

// The observation shape (kss:ObservationShape) on example observations of the tests' own, never
// shipped, validated beside the shipped data so that the measures, units and datasets they name are known.

const shapeQuads = new Parser().parse(await readFile(dataPath('shapes/kulturskola.shacl.ttl'), 'utf8'));
const shipped = (await loadDataDirectory(dataPath('graphs'))).store.getQuads(null, null, null, null);

const EXAMPLE = 'https://example.org/exempel/observation';

describe('kss:ObservationShape', () => {
  it('accepts an observation with area, year, one measure with its value, unit and source', async () => {
    expect(await problemsWith('')).toEqual([]);
  });

  it('rejects an observation without the page it comes from', async () => {
    expect(await problemsWith('', 'dcterms:source')).toEqual([{ path: dcterms.source.value, constraint: 'MinCountConstraintComponent' }]);
  });

  it('rejects an observation whose year is no xsd:gYear', async () => {
    expect(await problemsWith('sdmx-dimension:refPeriod "2024" ;', 'sdmx-dimension:refPeriod')).toEqual([
      { path: sdmxDimension.refPeriod.value, constraint: 'DatatypeConstraintComponent' },
    ]);
  });

  it('rejects an observation without a value of the measure it names', async () => {
    expect(await problemsWith('', 'ks:subjectCoursePlaces')).toEqual([{ path: undefined, constraint: 'OrConstraintComponent' }]);
  });

  it('rejects an observation with two measures', async () => {
    expect(await problemsWith('qb:measureType ks:girlsShare ; ks:girlsShare 58.0 ;')).toEqual([
      { path: qb.measureType.value, constraint: 'MaxCountConstraintComponent' },
    ]);
  });

  it('rejects a value of another datatype than its measure’s', async () => {
    expect(await problemsWith('ks:subjectCoursePlaces 1200.5 ;', 'ks:subjectCoursePlaces')).toEqual([{ path: undefined, constraint: 'OrConstraintComponent' }]);
  });

  it('rejects an area that is no municipality, county or country', async () => {
    expect(await problemsWith('sdmx-dimension:refArea <https://w3id.org/kulturskola/samverkan/orebro-lan> ;', 'sdmx-dimension:refArea')).toEqual([
      { path: sdmxDimension.refArea.value, constraint: 'OrConstraintComponent' },
    ]);
  });
});

const LINES: Record<string, string> = {
  'qb:dataSet': 'qb:dataSet <https://w3id.org/kulturskola/dataset/nationell-statistik> ;',
  'sdmx-dimension:refArea': 'sdmx-dimension:refArea <https://w3id.org/kulturskola/kommun/1880> ;',
  'sdmx-dimension:refPeriod': 'sdmx-dimension:refPeriod "2024"^^xsd:gYear ;',
  'qb:measureType': 'qb:measureType ks:subjectCoursePlaces ;',
  'ks:subjectCoursePlaces': 'ks:subjectCoursePlaces 1200 ;',
  'sdmx-attribute:unitMeasure': 'sdmx-attribute:unitMeasure <https://w3id.org/kulturskola/enhet/platser> ;',
  'dcterms:source': 'dcterms:source <https://example.org/exempel/kalla> ;',
};

/** The problems SHACL finds with the example observation, given `extra` lines and without the line of `left`. */
async function problemsWith(extra: string, left?: string) {
  const lines = Object.entries(LINES)
    .filter(([property]) => property !== left)
    .map(([, line]) => line);
  const turtle = `
    @prefix qb: <http://purl.org/linked-data/cube#> .
    @prefix sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#> .
    @prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .
    @prefix dcterms: <http://purl.org/dc/terms/> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    @prefix ks: <https://w3id.org/kulturskola/def#> .
    <${EXAMPLE}> a qb:Observation ; ${lines.join(' ')} ${extra} .`;
  const quads: Quad[] = [...shipped, ...new Parser().parse(turtle)];
  const data = factory.dataset(quads.map(({ subject, predicate, object }) => factory.quad(subject, predicate, object)));
  const report = await new SHACLValidator(factory.dataset(shapeQuads), { factory }).validate(data);
  return report.results
    .filter((result) => result.focusNode.value === EXAMPLE)
    .map((result) => ({ path: result.path?.value, constraint: result.sourceConstraintComponent.value.replace('http://www.w3.org/ns/shacl#', '') }));
}
