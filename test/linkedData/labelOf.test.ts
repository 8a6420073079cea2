import { DataFactory, Parser, Store } from 'n3';
import { describe, expect, it } from 'vitest';
import { labelOf } from '../../src/http/linkedData/labelOf.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';

// The label a resource page shows beside a link. The shipped data labels no blank node, so the
// cases are specified on a graph of their own.

const { literal, namedNode } = DataFactory;

const quads = new Parser().parse(`
  @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
  @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
  @prefix dcterms: <http://purl.org/dc/terms/> .
  <https://w3id.org/kulturskola/test/named> rdfs:label "Namngiven"@sv, "Named"@en .
  <https://w3id.org/kulturskola/test/titled> dcterms:title "Rubrik"@sv .
  <https://w3id.org/kulturskola/test/period> dcterms:temporal [ skos:prefLabel "Läsåret 2024/25"@sv, "School year 2024/25"@en ] .
`);
const graph = new StoreGraph(new Store(quads));
const blank = quads.find((quad) => quad.object.termType === 'BlankNode')!.object;

describe('labelOf', () => {
  it('gives an IRI its label in the language asked for, from rdfs:label or dcterms:title', () => {
    expect(labelOf(graph, namedNode('https://w3id.org/kulturskola/test/named'), 'en')?.value).toBe('Named');
    expect(labelOf(graph, namedNode('https://w3id.org/kulturskola/test/titled'), 'en')?.value).toBe('Rubrik');
  });

  it('gives a blank node its label too', () => {
    expect(labelOf(graph, blank, 'en')?.value).toBe('School year 2024/25');
    expect(labelOf(graph, blank, 'sv')?.value).toBe('Läsåret 2024/25');
  });

  it('is null for a resource without a label and for a literal', () => {
    expect(labelOf(graph, namedNode('https://w3id.org/kulturskola/test/period'), 'sv')).toBeNull();
    expect(labelOf(graph, literal('Namngiven', 'sv'), 'sv')).toBeNull();
  });
});
