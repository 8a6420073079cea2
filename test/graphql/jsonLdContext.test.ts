import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { offlineDocumentLoader } from '../../src/rdf/offlineDocumentLoader.js';
import { ks, org, rdf, skos } from '../../src/rdf/vocabulary.js';
import { executeQuery, iri, shippedGraph } from '../support/executeQuery.js';

const query = `{
  collaboration(id: "${iri('samverkan/orebro-lan')}") {
    __typename id name homepage description
    members { __typename id member { __typename id name ... on Municipality { code county { __typename id code } } } role { __typename id name } period { start } }
    memberOrganisations { __typename id }
    administrativePrincipal { __typename id }
    purpose { __typename id description } goals { __typename id name description position vision { __typename id } }
    financing { __typename id period { __typename id start end } model { __typename id } area { __typename id } grants { __typename id } }
    projects { __typename id name initiator { __typename id } regions { __typename id code } themes { __typename id name }
      funders { __typename id } minAge grants { __typename id funders { __typename id } period { __typename id start end } } }
    linkedOrganisations { __typename id homepage pages }
  }
  organisations(first: 3) { totalCount nodes { __typename id name } edges { cursor node { __typename id } } pageInfo { hasNextPage } }
}`;

describe('the JSON-LD context of GraphQL responses', () => {
  it('is left out unless the request asks for it', async () => {
    const result = await executeQuery('{ counties { code } }');
    expect(result.extensions).toBeUndefined();
  });

  it('turns the response into triples that the graph states', async () => {
    const result = await executeQuery(query, { extensions: { jsonld: true } });
    expect(result.errors).toBeUndefined();
    const context = result.extensions?.['@context'];
    expect(context).toBeTypeOf('object');
    const triples = (await jsonld.toRDF({ '@context': context, ...result.data } as jsonld.JsonLdDocument, {
      documentLoader: offlineDocumentLoader,
    } as jsonld.Options.ToRdf)) as unknown as Array<Record<'subject' | 'predicate' | 'object', { termType: string; value: string }>>;
    const graph = await shippedGraph();
    const stated = (subject: string, predicate: string, object: { termType: string; value: string }) =>
      [...graph.match(named(subject), named(predicate), null, null)].some(
        (quad) => quad.object.value === object.value && (object.termType === 'Literal') === (quad.object.termType === 'Literal'),
      );
    const withIriSubjects = triples.filter((triple) => triple.subject.termType === 'NamedNode');
    expect(withIriSubjects.length).toBeGreaterThan(150);
    const unstated = withIriSubjects.filter(({ subject, predicate, object }) => {
      if (predicate.value === rdf.type.value && object.value === org.Organization.value) return false; // ORG's superclass of every organisation
      return !stated(subject.value, predicate.value, object);
    });
    expect(unstated).toEqual([]);
  });

  it('turns statistics into the cube’s own triples: an observation’s area, measure, unit, source and dataset', async () => {
    const statistics = `{ observations(year: 2018) { __typename id area { id code name } measure { __typename id name unit { __typename id } } unit { __typename id } source dataset value year } }`;
    const result = await executeQuery(statistics, { extensions: { jsonld: true } });
    expect(result.errors).toBeUndefined();
    const triples = (await jsonld.toRDF({ '@context': result.extensions?.['@context'], ...result.data } as jsonld.JsonLdDocument, {
      documentLoader: offlineDocumentLoader,
    } as jsonld.Options.ToRdf)) as unknown as Array<Record<'subject' | 'predicate' | 'object', { termType: string; value: string }>>;
    const graph = await shippedGraph();
    const withIriSubjects = triples.filter((triple) => triple.subject.termType === 'NamedNode');
    expect(withIriSubjects.length).toBeGreaterThan(50);
    const unstated = withIriSubjects.filter(
      ({ subject, predicate, object }) =>
        ![...graph.match(named(subject.value), named(predicate.value), null, null)].some((quad) => quad.object.value === object.value),
    );
    expect(unstated).toEqual([]);
  });

  it('keeps the relations: memberships point at the collaboration, members at their municipality', async () => {
    const triples = await nQuadsOf(await executeQuery(query, { extensions: { jsonld: true } }));
    expect(triples).toContain(`<${iri('samverkan/orebro-lan/huvudman/1883')}> <${org.organization.value}> <${iri('samverkan/orebro-lan')}> .`);
    expect(triples).toContain(`<${iri('samverkan/orebro-lan/huvudman/1883')}> <${org.member.value}> <${iri('kommun/1883')}> .`);
    expect(triples).toContain(`<${iri('kommun/1883')}> <${org.memberOf.value}> <${iri('samverkan/orebro-lan')}> .`);
    expect(triples).toContain(`<${iri('kommun/1883')}> <${skos.prefLabel.value}> "Karlskoga" .`);
  });

  it('keeps the link between a municipality and its county, though county and municipalities are also root fields', async () => {
    const query = '{ municipality(code: "1883") { __typename id county { __typename id } } county(code: "19") { __typename id municipalities { __typename id } } }';
    const triples = await nQuadsOf(await executeQuery(query, { extensions: { jsonld: true } }));
    expect(triples).toContain(`<${iri('kommun/1883')}> <${ks.county.value}> <${iri('lan/18')}> .`);
    // Västerås, in Västmanlands län, reached from the county.
    expect(triples).toContain(`<${iri('kommun/1980')}> <${ks.county.value}> <${iri('lan/19')}> .`);
  });
});

/** The response's data read as JSON-LD with the context it carries, as N-Quads. */
async function nQuadsOf(result: Awaited<ReturnType<typeof executeQuery>>): Promise<string> {
  const document = { '@context': result.extensions?.['@context'], ...(result.data ?? {}) } as jsonld.JsonLdDocument;
  return (await jsonld.toRDF(document, { documentLoader: offlineDocumentLoader, format: 'application/n-quads' } as jsonld.Options.ToRdf)) as unknown as string;
}

function named(value: string) {
  return { termType: 'NamedNode', value, equals: () => false } as never;
}
