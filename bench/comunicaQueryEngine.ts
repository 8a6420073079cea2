import { QueryEngine } from '@comunica/query-sparql-rdfjs';
import type * as RDF from '@rdfjs/types';
import type { IQueryEngine } from 'graphql-ld/lib/IQueryEngine.js';

/** A SPARQL JSON results term (application/sparql-results+json). */
type SparqlJsonTerm = { type: 'uri' | 'bnode'; value: string } | { type: 'literal'; value: string; 'xml:lang'?: string; datatype?: string };

/**
 * The query engine GraphQL-LD needs, over an RDF/JS source (our n3 Store)
 * with Comunica 5: graphql-ld hands it SPARQL algebra, which Comunica
 * evaluates directly, and gets SPARQL JSON results back. The default graph
 * is the union of the named graphs, as in our API. (The graphql-ld-comunica
 * package does the same job for Comunica 1 only.)
 */
export function comunicaQueryEngine(source: RDF.Source): IQueryEngine {
  const engine = new QueryEngine();
  return {
    async query(algebra) {
      const stream = await engine.queryBindings(algebra as never, { sources: [source], unionDefaultGraph: true } as never);
      const variables = new Set<string>();
      const bindings = (await stream.toArray()).map((binding) => {
        const row: Record<string, SparqlJsonTerm> = {};
        for (const [variable, term] of binding) {
          variables.add(variable.value);
          row[variable.value] = toSparqlJson(term);
        }
        return row;
      });
      return { head: { vars: [...variables] }, results: { bindings } };
    },
  };
}

function toSparqlJson(term: RDF.Term): SparqlJsonTerm {
  switch (term.termType) {
    case 'NamedNode':
      return { type: 'uri', value: term.value };
    case 'BlankNode':
      return { type: 'bnode', value: term.value };
    case 'Literal':
      return term.language ? { type: 'literal', value: term.value, 'xml:lang': term.language } : { type: 'literal', value: term.value, datatype: term.datatype.value };
    default:
      throw new Error(`A SPARQL result cannot hold a ${term.termType} term`);
  }
}
