import jsonld from 'jsonld';
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../src/rdf/dataPath.js';
import { loadDataDirectory } from '../../src/rdf/loadDataDirectory.js';
import { offlineDocumentLoader } from '../../src/rdf/offlineDocumentLoader.js';
import { executeQuery, iri, queryData, shippedGraph } from '../support/executeQuery.js';

const orebroLan = iri('dataset/orebro-lan');
const kommuner = iri('dataset/kommuner');

/** The triples each shipped file holds, counted from the files themselves. */
async function shippedTripleCounts(): Promise<Map<string, number>> {
  const { files } = await loadDataDirectory(dataPath('graphs'));
  return new Map(files.map(({ graph, quadCount }) => [graph.value, quadCount]));
}

describe('Query.datasets', () => {
  it('lists every shipped file as a dataset, sorted by IRI, each with its triple count', async () => {
    const data = await queryData('{ datasets { id tripleCount } }');
    const counts = await shippedTripleCounts();
    expect(data.datasets).toEqual([...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, tripleCount]) => ({ id, tripleCount })));
    expect(data.datasets.map(({ id }: { id: string }) => id)).toEqual(expect.arrayContaining([iri('dataset/katalog'), kommuner, orebroLan, iri('dataset/vokabular')]));
  });

  it('has no version when the data is served from a folder of files', async () => {
    const data = await queryData('{ datasets { version } }');
    expect(new Set(data.datasets.map(({ version }: { version: unknown }) => version))).toEqual(new Set([null]));
  });
});

describe('Query.dataset', () => {
  it('describes the Örebro dataset from the catalogue: title in the chosen language, publisher, source page, licence, modified', async () => {
    const data = await queryData(`{ dataset(id: "${orebroLan}") {
      id sv: title(lang: "sv") en: title(lang: "en") publisher { id name } sourcePages licence modified } }`);
    expect(data.dataset).toEqual({
      id: orebroLan,
      sv: 'Kulturskolesamverkan i Örebro län',
      en: 'Culture school collaboration in Örebro County',
      publisher: { id: iri('kulturskolegrafen'), name: 'Kulturskolegrafen' },
      sourcePages: ['https://www.kulturskolesamverkan.se/om-oss/'],
      licence: expect.stringMatching(/^https?:\/\/creativecommons\.org\/publicdomain\/zero\/1\.0\/$/),
      modified: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
  });

  it('answers the title in the request\'s language', async () => {
    const data = await queryData(`{ dataset(id: "${kommuner}") { title } }`, { language: 'en' });
    expect(data.dataset.title).toBe("Sweden's municipalities and counties");
  });

  it('answers the version the publishing store serves, when it serves one', async () => {
    const data = await queryData(`{ orebro: dataset(id: "${orebroLan}") { version } kommuner: dataset(id: "${kommuner}") { version } }`, {
      datasetVersions: new Map([[orebroLan, 3], [kommuner, 1]]),
    });
    expect(data).toEqual({ orebro: { version: 3 }, kommuner: { version: 1 } });
  });

  it('pages through the resources it describes, sorted by IRI', async () => {
    const first = await queryData(`{ dataset(id: "${kommuner}") { resources(first: 2) { totalCount nodes { __typename id } pageInfo { hasNextPage endCursor } } } }`);
    expect(first.dataset.resources).toEqual({
      totalCount: 290 + 21,
      nodes: [
        { __typename: 'Municipality', id: iri('kommun/0114') },
        { __typename: 'Municipality', id: iri('kommun/0115') },
      ],
      pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
    });
    const next = await queryData(`{ dataset(id: "${kommuner}") { resources(first: 1, after: "${first.dataset.resources.pageInfo.endCursor}") { nodes { id } } } }`);
    expect(next.dataset.resources.nodes).toEqual([{ id: iri('kommun/0117') }]);
  });

  it('counts the collaboration and the project among the resources of the Örebro dataset', async () => {
    const data = await queryData(`{ dataset(id: "${orebroLan}") { resources(first: 100) { nodes { id } } } }`);
    expect(data.dataset.resources.nodes).toEqual(
      expect.arrayContaining([{ id: iri('samverkan/orebro-lan') }, { id: iri('projekt/kulturskola-i-hela-landet') }, { id: iri('kommun/1883') }]),
    );
  });

  it('is also reached through Query.node, with the catalogue as its source', async () => {
    const data = await queryData(`{ node(id: "${orebroLan}") { __typename id sources { id } homeDataset { id } } }`);
    expect(data.node).toEqual({ __typename: 'Dataset', id: orebroLan, sources: [{ id: iri('dataset/katalog') }], homeDataset: { id: iri('dataset/katalog') } });
  });

  it('returns null for an IRI that names no served dataset', async () => {
    const result = await executeQuery(`{ dataset(id: "${iri('dataset/finns-inte')}") { id } }`);
    expect(result).toEqual({ data: { dataset: null } });
  });

  it.each([
    ['a string that is no IRI', 'orebro-lan'],
    ['an empty id', ''],
  ])('answers BAD_USER_INPUT naming "id" for %s', async (_case, id) => {
    const result = await executeQuery('query ($id: ID!) { dataset(id: $id) { id } }', { variables: { id } });
    expect(result.data).toEqual({ dataset: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toBe(`Argument "id": expected an absolute IRI such as "https://w3id.org/kulturskola/kommun/1883" but got: ${JSON.stringify(id)}.`);
  });
});

describe('Node.sources', () => {
  it('names the Örebro dataset as the one source of the collaboration, and its home', async () => {
    const data = await queryData(`{ collaboration(id: "${iri('samverkan/orebro-lan')}") { sources { id title(lang: "en") } homeDataset { id } } }`);
    expect(data.collaboration).toEqual({
      sources: [{ id: orebroLan, title: 'Culture school collaboration in Örebro County' }],
      homeDataset: { id: orebroLan },
    });
  });

  it('names both the municipality list and the Örebro dataset for Karlskoga, whose home is the municipality list', async () => {
    const data = await queryData('{ municipality(code: "1883") { sources { id } homeDataset { id } } }');
    expect(data.municipality).toEqual({ sources: [{ id: kommuner }, { id: orebroLan }], homeDataset: { id: kommuner } });
  });

  it('names only the municipality list for a municipality no other dataset describes', async () => {
    const data = await queryData('{ municipality(code: "0114") { sources { id } homeDataset { id } } }');
    expect(data.municipality).toEqual({ sources: [{ id: kommuner }], homeDataset: { id: kommuner } });
  });
});

describe('datasets as linked data', () => {
  it('read with the response\'s JSON-LD context, state only what the graph states, and leave provenance fields out', async () => {
    const result = await executeQuery(
      `{ dataset(id: "${orebroLan}") { __typename id title description publisher { __typename id name } licence modified sourcePages version tripleCount sources { id } claims { value } } }`,
      { extensions: { jsonld: true } },
    );
    expect(result.errors).toBeUndefined();
    const triples = (await jsonld.toRDF({ '@context': result.extensions?.['@context'], ...result.data } as jsonld.JsonLdDocument, {
      documentLoader: offlineDocumentLoader,
    } as jsonld.Options.ToRdf)) as unknown as Array<Record<'subject' | 'predicate' | 'object', { termType: string; value: string; language?: string }>>;
    const graph = await shippedGraph();
    const term = ({ termType, value, language }: { termType: string; value: string; language?: string }) =>
      termType === 'Literal' ? DataFactory.literal(value, language || undefined) : DataFactory.namedNode(value);
    const unstated = triples.filter(({ subject, predicate, object }) => {
      const stated = [...graph.match(term(subject), term(predicate), null, null)];
      return !stated.some((quad) => quad.object.value === object.value);
    });
    expect(triples.map(({ predicate }) => predicate.value)).toEqual(
      expect.arrayContaining(['http://purl.org/dc/terms/title', 'http://purl.org/dc/terms/publisher', 'http://purl.org/dc/terms/license', 'http://xmlns.com/foaf/0.1/name']),
    );
    expect(unstated).toEqual([]);
  });
});
