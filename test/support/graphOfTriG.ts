import { Parser, Store } from 'n3';
import type { Graph } from '../../src/rdf/Graph.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';

/** What a test's own TriG may use: our base IRI and these prefixes. */
const PROLOGUE = `@base <https://w3id.org/kulturskola/> .
  @prefix ks: <https://w3id.org/kulturskola/def#> .
  @prefix org: <http://www.w3.org/ns/org#> .
  @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
  @prefix dcterms: <http://purl.org/dc/terms/> .
  @prefix dcat: <http://www.w3.org/ns/dcat#> .
  @prefix schema: <https://schema.org/> .
`;

/** A small graph of a test's own, written as TriG with our base IRI and the prefixes ks, org, skos, dcterms, dcat and schema. */
export function graphOfTriG(trig: string): Graph {
  return new StoreGraph(new Store(new Parser({ format: 'application/trig' }).parse(PROLOGUE + trig)));
}
