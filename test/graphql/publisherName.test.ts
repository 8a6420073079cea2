import { describe, expect, it } from 'vitest';
import { iri, queryData } from '../support/executeQuery.js';
import { graphOfTriG } from '../support/graphOfTriG.js';

// Three datasets of this specification's own whose publishers are named in the three ways the data may
// name an agent: foaf:name only, skos:prefLabel only, and both (the shipped publisher has one name).
const graph = graphOfTriG(`
  <dataset/a> { <dataset/a> dcterms:publisher <agent/foaf> . <agent/foaf> <http://xmlns.com/foaf/0.1/name> "Namn enligt FOAF"@sv . }
  <dataset/b> { <dataset/b> dcterms:publisher <agent/skos> . <agent/skos> skos:prefLabel "Namn enligt SKOS"@sv . }
  <dataset/c> { <dataset/c> dcterms:publisher <agent/bada> .
    <agent/bada> <http://xmlns.com/foaf/0.1/name> "FOAF-namnet"@sv ; skos:prefLabel "SKOS-namnet"@sv . }
`);

describe('Agent.name', () => {
  it('is the foaf:name when the data gives one, else the skos:prefLabel', async () => {
    const data = await queryData(
      `{ a: dataset(id: "${iri('dataset/a')}") { publisher { id name } } b: dataset(id: "${iri('dataset/b')}") { publisher { id name } }
         c: dataset(id: "${iri('dataset/c')}") { publisher { id name } } }`,
      { graph },
    );
    expect(data).toEqual({
      a: { publisher: { id: iri('agent/foaf'), name: 'Namn enligt FOAF' } },
      b: { publisher: { id: iri('agent/skos'), name: 'Namn enligt SKOS' } },
      c: { publisher: { id: iri('agent/bada'), name: 'FOAF-namnet' } },
    });
  });
});
