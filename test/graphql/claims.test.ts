import { Store } from 'n3';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../src/rdf/dataPath.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { graphOfContent } from '../../src/rdf/graphOfContent.js';
import { loadDataDirectory } from '../../src/rdf/loadDataDirectory.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { UnionGraph } from '../../src/rdf/UnionGraph.js';
import { executeQuery, iri, queryData } from '../support/executeQuery.js';

/*
 * Two example datasets of this specification's own (never shipped), served
 * beside the shipped ones as the publishing store serves them: one part per
 * dataset. Their names put them before `dataset/orebro-lan` in IRI order, and
 * the values they disagree with come first in string order, so neither a rule
 * of "first dataset by IRI" nor "smallest value" answers as the home rule does.
 */
const exampleA = iri('dataset/exempel-a');
const exampleB = iri('dataset/exempel-b');
const orebroLan = iri('dataset/orebro-lan');
const project = iri('projekt/kulturskola-i-hela-landet');
const shared = iri('projekt/exempel-samarbete');

const K = 'https://w3id.org/kulturskola/';
const RDF_TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>';
const PREF_LABEL = '<http://www.w3.org/2004/02/skos/core#prefLabel>';
const TEMPORAL = '<http://purl.org/dc/terms/temporal>';
const DESCRIPTION = '<http://purl.org/dc/terms/description>';
const PROJECT = '<https://schema.org/Project>';
const G_YEAR = '<http://www.w3.org/2001/XMLSchema#gYear>';

/** A period of years, as N-Triples. */
function period(slug: string, start: string, end: string): string[] {
  const node = `<${K}tid/${slug}>`;
  return [
    `${node} ${RDF_TYPE} <http://purl.org/dc/terms/PeriodOfTime> .`,
    `${node} <http://www.w3.org/ns/dcat#startDate> "${start}"^^${G_YEAR} .`,
    `${node} <http://www.w3.org/ns/dcat#endDate> "${end}"^^${G_YEAR} .`,
  ];
}

/** Example A: another account of the shipped project (2019–2021, another Swedish name, an English one), and a project it types. */
const exampleAContent = [
  `<${project}> ${PREF_LABEL} "Kulturskola i hela Sverige"@sv .`,
  `<${project}> ${PREF_LABEL} "Culture schools across the country"@en .`,
  `<${project}> ${TEMPORAL} <${K}tid/2019-2021-exempel-a> .`,
  ...period('2019-2021-exempel-a', '2019', '2021'),
  `<${shared}> ${RDF_TYPE} ${PROJECT} .`,
  `<${shared}> ${PREF_LABEL} "Exempelprojektet"@sv .`,
  `<${shared}> ${TEMPORAL} <${K}tid/2019-2022> .`,
];

/** Example B: types the same example project too, with another name, period and a description A does not give. */
const exampleBContent = [
  `<${shared}> ${RDF_TYPE} ${PROJECT} .`,
  `<${shared}> ${PREF_LABEL} "Exempelprojekt B"@sv .`,
  `<${shared}> ${TEMPORAL} <${K}tid/2018-2021-exempel-b> .`,
  `<${shared}> ${DESCRIPTION} "Bara exempel B beskriver projektet."@sv .`,
  ...period('2018-2021-exempel-b', '2018', '2021'),
];

let conflicting: Promise<Graph> | undefined;

/** The shipped datasets, one part each, with the two examples beside them. */
function conflictingGraph(): Promise<Graph> {
  conflicting ??= (async () => {
    const { store, files } = await loadDataDirectory(dataPath('graphs'));
    const parts: Array<readonly [string, Graph]> = files.map(({ graph }) => [graph.value, new StoreGraph(new Store(store.getQuads(null, null, null, graph)))]);
    parts.push([exampleA, await graphOfContent('exempel-a', exampleAContent.join('\n'))]);
    parts.push([exampleB, await graphOfContent('exempel-b', exampleBContent.join('\n'))]);
    return new UnionGraph(parts);
  })();
  return conflicting;
}

const claimFields = 'property value language dataset { id } home';

describe('claims where two datasets disagree', () => {
  describe('about a project whose home is the Örebro dataset, which another dataset gives another period and name', () => {
    it('answers the period and the Swedish name from the home dataset', async () => {
      const data = await queryData(`{ node(id: "${project}") { ... on Project { homeDataset { id } sources { id } name(lang: "sv") period { start end } } } }`, {
        graph: await conflictingGraph(),
      });
      expect(data.node).toEqual({
        homeDataset: { id: orebroLan },
        sources: [{ id: exampleA }, { id: orebroLan }],
        name: 'Kulturskola i hela landet',
        period: { start: '2019', end: '2022' },
      });
    });

    it('shows both periods as claims, each with its dataset, the home dataset first', async () => {
      const data = await queryData(`{ node(id: "${project}") { ... on Project { claims(property: "dcterms:temporal") { ${claimFields} period { start end } } } } }`, {
        graph: await conflictingGraph(),
      });
      expect(data.node.claims).toEqual([
        { property: 'http://purl.org/dc/terms/temporal', value: iri('tid/2019-2022'), language: null, dataset: { id: orebroLan }, home: true, period: { start: '2019', end: '2022' } },
        { property: 'http://purl.org/dc/terms/temporal', value: iri('tid/2019-2021-exempel-a'), language: null, dataset: { id: exampleA }, home: false, period: { start: '2019', end: '2021' } },
      ]);
    });

    it('shows both Swedish names as claims, and the English name only the other dataset gives', async () => {
      const data = await queryData(`{ node(id: "${project}") { ... on Project { claims(property: "http://www.w3.org/2004/02/skos/core#prefLabel") { ${claimFields} } } } }`, {
        graph: await conflictingGraph(),
      });
      const prefLabel = 'http://www.w3.org/2004/02/skos/core#prefLabel';
      expect(data.node.claims).toEqual([
        { property: prefLabel, value: 'Kulturskola i hela landet', language: 'sv', dataset: { id: orebroLan }, home: true },
        { property: prefLabel, value: 'Culture schools across the country', language: 'en', dataset: { id: exampleA }, home: false },
        { property: prefLabel, value: 'Kulturskola i hela Sverige', language: 'sv', dataset: { id: exampleA }, home: false },
      ]);
    });

    it('answers a name in a language the home dataset does not give from the dataset that gives it', async () => {
      const data = await queryData(`{ node(id: "${project}") { ... on Project { name(lang: "en") } } }`, { graph: await conflictingGraph() });
      expect(data.node.name).toBe('Culture schools across the country');
    });
  });

  describe('about a project that two datasets both type', () => {
    it('has as home the dataset whose IRI comes first, and answers its name and period', async () => {
      const data = await queryData(`{ node(id: "${shared}") { ... on Project { homeDataset { id } sources { id } name period { start end } } } }`, {
        graph: await conflictingGraph(),
      });
      expect(data.node).toEqual({
        homeDataset: { id: exampleA },
        sources: [{ id: exampleA }, { id: exampleB }],
        name: 'Exempelprojektet',
        period: { start: '2019', end: '2022' },
      });
    });

    it('lists both datasets\' periods', async () => {
      const data = await queryData(`{ node(id: "${shared}") { ... on Project { claims(property: "dcterms:temporal") { dataset { id } home period { start end } } } } }`, {
        graph: await conflictingGraph(),
      });
      expect(data.node.claims).toEqual([
        { dataset: { id: exampleA }, home: true, period: { start: '2019', end: '2022' } },
        { dataset: { id: exampleB }, home: false, period: { start: '2018', end: '2021' } },
      ]);
    });

    it('answers a field the home dataset leaves out from the other dataset', async () => {
      const data = await queryData(`{ node(id: "${shared}") { ... on Project { description } } }`, { graph: await conflictingGraph() });
      expect(data.node.description).toBe('Bara exempel B beskriver projektet.');
    });
  });
});

describe('Node.claims over the shipped data', () => {
  it('lists every statement about a resource, with its dataset, when no property is given', async () => {
    const data = await queryData(`{ municipality(code: "0114") { claims { property value language dataset { id } home } } }`);
    expect(data.municipality.claims).toContainEqual({ property: 'http://www.w3.org/2004/02/skos/core#prefLabel', value: 'Upplands Väsby', language: 'sv', dataset: { id: iri('dataset/kommuner') }, home: true });
    expect(new Set(data.municipality.claims.map(({ dataset }: { dataset: { id: string } }) => dataset.id))).toEqual(new Set([iri('dataset/kommuner')]));
  });

  it('links a claim whose value is a resource of the API to it', async () => {
    const data = await queryData(`{ municipality(code: "1883") { claims(property: "org:memberOf") { value resource { __typename id } dataset { id } } } }`);
    expect(data.municipality.claims).toEqual([
      { value: iri('samverkan/orebro-lan'), resource: { __typename: 'Collaboration', id: iri('samverkan/orebro-lan') }, dataset: { id: iri('dataset/orebro-lan') } },
    ]);
  });

  it.each([
    ['a prefix the context does not declare', 'nope:thing'],
    ['a bare word', 'temporal'],
    ['an empty name', ''],
  ])('answers BAD_USER_INPUT naming "property" for %s', async (_case, property) => {
    const result = await executeQuery('query ($property: String) { municipality(code: "1883") { claims(property: $property) { value } } }', { variables: { property } });
    expect(result.data).toEqual({ municipality: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toBe(
      `Argument "property": expected a property IRI such as "http://purl.org/dc/terms/temporal" or a prefixed name such as "dcterms:temporal" but got: ${JSON.stringify(property)}.`,
    );
  });
});

