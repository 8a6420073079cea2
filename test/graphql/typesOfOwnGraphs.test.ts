import { describe, expect, it } from 'vitest';
import type { Graph } from '../../src/rdf/Graph.js';
import { executeLogged } from '../support/executeLogged.js';
import { executeQuery, iri } from '../support/executeQuery.js';
import { graphOfTriG } from '../support/graphOfTriG.js';

// A small graph of its own: a grant whose funders and recipient the data types as no organisation,
// or not at all, and resources that the graph describes but whose RDF types fit no GraphQL type.
const graph = graphOf(`
  <bidrag/exempel> a schema:MonetaryGrant ; skos:prefLabel "Exempelbidrag"@sv ;
    schema:funder <tema/exempel> ; schema:fundedItem <exempel/otypad> .
  <bidrag/otypad-givare> a schema:MonetaryGrant ; skos:prefLabel "Bidrag från något otypat"@sv ;
    schema:funder <exempel/otypad> .
  <tema/exempel> a skos:Concept ; skos:prefLabel "Ett tema"@sv .
  <exempel/otypad> skos:prefLabel "Något utan typ"@sv .
  <exempel/ting> a schema:Thing ; skos:prefLabel "Ett ting"@sv .
`);

describe('Query.node over a small graph of its own', () => {
  it.each([
    ['described without any RDF type', iri('exempel/otypad')],
    ['typed only with a class that no GraphQL type stands for', iri('exempel/ting')],
  ])('returns null, without an error, for a resource %s', async (_case, id) => {
    const result = await executeQuery('query ($id: ID!) { node(id: $id) { id } }', { variables: { id }, graph });
    expect(result).toEqual({ data: { node: null } });
  });
});

describe('links to resources of the wrong type, over a small graph of its own', () => {
  it('fails with a data error naming a Node-typed link whose RDF types fit no GraphQL type', async () => {
    const { errors, logged } = await answerLogged(`{ node(id: "${iri('bidrag/exempel')}") { ... on Grant { recipient { id } } } }`);
    expect(errors).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(logged).toEqual([`No GraphQL type fits the RDF types of <${iri('exempel/otypad')}>`]);
  });

  it('fails with a data error naming an organisation-typed link to a concept and what it is', async () => {
    const { errors, logged } = await answerLogged(`{ node(id: "${iri('bidrag/exempel')}") { ... on Grant { funders { id } } } }`);
    expect(errors).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(logged).toEqual([`<${iri('tema/exempel')}> is linked as an organisation but its RDF types make it a Concept`]);
  });

  it('fails with a data error naming an organisation-typed link to a resource without a type as nothing known', async () => {
    const { errors, logged } = await answerLogged(`{ node(id: "${iri('bidrag/otypad-givare')}") { ... on Grant { funders { id } } } }`);
    expect(errors).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(logged).toEqual([`<${iri('exempel/otypad')}> is linked as an organisation but its RDF types make it a nothing known`]);
  });
});

/** The error codes the client sees for `query` over the graph above, and the messages the log holds. */
async function answerLogged(query: string): Promise<{ errors: unknown[]; logged: string[] }> {
  const { errors, logged } = await executeLogged(query, graph);
  return { errors: errors.map(({ extensions }) => extensions?.code), logged };
}

/** `triples` (Turtle, with the prefixes skos and schema and our base IRI) in one dataset, as a Graph. */
function graphOf(triples: string): Graph {
  return graphOfTriG(`<dataset/exempel> { ${triples} }`);
}
