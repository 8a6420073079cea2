import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeService } from '../../src/http/describeService.js';
import { dataPath } from '../../src/rdf/dataPath.js';
import { loadDataDirectory, type LoadedData } from '../../src/rdf/loadDataDirectory.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { kg, standards, xsd } from '../../src/rdf/vocabulary.js';
import type { DatasetHistory, VersionRecord } from '../../src/store/DatasetStore.js';
import { graphOfTriG } from '../support/graphOfTriG.js';
import { nTriplesLines } from '../support/nTriplesLines.js';
import { dcatApViolations } from '../support/dcatApViolations.js';

const PUBLIC_URL = 'https://kulturskolegrafen.example';
const BASE = 'https://w3id.org/kulturskola/';
const CC0 = 'http://creativecommons.org/publicdomain/zero/1.0/';
const BY = 'https://creativecommons.org/licenses/by/4.0/';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const PROV = 'http://www.w3.org/ns/prov#';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const VOID = 'http://rdfs.org/ns/void#';
const INTEGER = xsd.integer.value;
const MEDIA = 'https://www.iana.org/assignments/media-types/';

const dumps = [
  { path: '/dump.nq', mediaType: 'application/n-quads' },
  { path: '/dump.ttl', mediaType: 'text/turtle' },
];
const downloads = [{ path: '/network/nodes.csv', registeredMediaType: 'text/csv', conformsTo: standards.csv, title: 'The network’s nodes' }];


function record(version: number, activity: VersionRecord['activity'] = 'publish'): VersionRecord {
  return { version, created: `2026-12-0${version}T12:00:00Z`, publisher: 'seed', activity, triples: 3, sha256: activity === 'withdraw' ? null : 'cd'.repeat(32), added: 3, removed: 0 };
}

/**
 * A catalogue of its own: two listed datasets (a and katalog) and a blank node that is no dataset,
 * a licence, a publisher, a source published by agents that publish each other, a place, a standard;
 * collaborations and municipalities in dataset/a, one triple in the default graph.
 */
const graph = graphOfTriG(`
  @prefix prov: <http://www.w3.org/ns/prov#> .
  @prefix foaf: <http://xmlns.com/foaf/0.1/> .
  <dataset/katalog> {
    <katalog> a dcat:Catalog ;
      dcterms:title "Katalogen"@sv ;
      dcterms:publisher <kulturskolegrafen> ;
      dcat:dataset <dataset/a>, <dataset/katalog>, _:notADataset ;
      dcterms:license <${CC0}> .
    _:notADataset dcterms:title "not a dataset" .
    <kulturskolegrafen> a foaf:Agent ; foaf:name "Kulturskolegrafen"@sv .
    <${CC0}> a dcterms:LicenseDocument ; dcterms:title "CC0 1.0"@en .
    <dataset/a> a dcat:Dataset ;
      dcterms:title "A"@en ;
      dcterms:license <${BY}> ;
      dcterms:conformsTo <def>, "a standard in words" ;
      dcterms:spatial <lan/18> ;
      prov:wasDerivedFrom <kalla/x>, <dataset/katalog> .
    <dataset/katalog> a dcat:Dataset ; dcterms:title "Katalog"@sv .
    <kalla/x> dcterms:title "The source" ; dcterms:publisher <org/scb> ; dcterms:license <https://example.org/terms> .
    <org/scb> foaf:name "SCB" ; dcterms:publisher <org/other> .
    <org/other> foaf:name "Other" ; dcterms:publisher <org/scb> .
    <dataset/d> a dcat:Dataset ; dcterms:title "D"@en ; dcterms:description "Dataset D"@en ; dcterms:license <${BY}> .
    <someone> dcterms:source <dataset/a> .
  }
  <dataset/a> {
    <samverkan/c> a org:OrganizationalCollaboration .
    <samverkan/b> a org:OrganizationalCollaboration .
    <samverkan/a> a org:OrganizationalCollaboration, schema:Project .
    _:anonymous a org:OrganizationalCollaboration .
    <kommun/1881> a ks:Municipality ; skos:prefLabel "Hallsberg"@sv .
    <kommun/1880> a ks:Municipality, _:someClass ;
      <other/p> "a predicate in our own space that is not the vocabulary" ;
      <http://example.org/vocab#p> <http://example.org/not/a/vocabulary> .
  }
  <kommun/1882> skos:notation "1882" .
`);

const histories: DatasetHistory[] = [
  { slug: 'a', versions: [record(1)] },
  { slug: 'b', versions: [record(1), record(2, 'publish')] },
  { slug: 'c', versions: [record(1), record(2, 'withdraw')] },
  { slug: 'd', versions: [record(1)] },
];

/** What the catalogue says of the N-Quads dump, in its order. */
const dumpDistribution = [
  `_:distribution_dump_nq <${RDF}type> <${DCAT}Distribution>`,
  `_:distribution_dump_nq <${DCAT}downloadURL> <${PUBLIC_URL}/dump.nq>`,
  `_:distribution_dump_nq <${DCAT}accessURL> <${PUBLIC_URL}/dump.nq>`,
  `_:distribution_dump_nq <${DCAT}mediaType> <${MEDIA}application/n-quads>`,
  `_:distribution_dump_nq <${DCT}title> "dump.nq (application/n-quads)"`,
  `_:distribution_dump_nq <${DCT}license> <${CC0}>`,
];

/** What the catalogue says of the download of the network's nodes, in its order. */
const networkNodesDistribution = [
  `_:distribution_network_nodes_csv <${RDF}type> <${DCAT}Distribution>`,
  `_:distribution_network_nodes_csv <${DCAT}downloadURL> <${PUBLIC_URL}/network/nodes.csv>`,
  `_:distribution_network_nodes_csv <${DCAT}accessURL> <${PUBLIC_URL}/network/nodes.csv>`,
  `_:distribution_network_nodes_csv <${DCAT}mediaType> <${MEDIA}text/csv>`,
  `_:distribution_network_nodes_csv <${DCT}conformsTo> <https://www.rfc-editor.org/rfc/rfc4180>`,
  `_:distribution_network_nodes_csv <${DCT}title> "The network’s nodes"@en`,
  `_:distribution_network_nodes_csv <${DCT}license> <${CC0}>`,
];

describe('describeService', () => {
  let all: string[];
  const about = (subject: string) => all.filter((line) => line.startsWith(`${subject} `));
  const objects = (subject: string, predicate: string) => about(subject).filter((line) => line.startsWith(`${subject} <${predicate}> `)).map((line) => line.slice(`${subject} <${predicate}> `.length));

  // Described anew for each case (not once in beforeAll), so that what each case checks counts as
  // that case's: mutation testing credits code run in beforeAll to no case at all.
  beforeEach(() => {
    all = nTriplesLines(describeService({ graph, publicUrl: PUBLIC_URL, dumps, downloads, histories }));
  });

  it('states every triple once', () => {
    expect(new Set(all).size).toBe(all.length);
  });

  it('describes the catalogue as its data states it, with its VoID figures, services, dumps and downloads', () => {
    expect(about(`<${BASE}katalog>`).sort()).toEqual(
      [
        `<${RDF}type> <${DCAT}Catalog>`,
        `<${DCT}title> "Katalogen"@sv`,
        `<${DCT}publisher> <${BASE}kulturskolegrafen>`,
        `<${DCAT}dataset> <${BASE}dataset/a>`,
        `<${DCAT}dataset> <${BASE}dataset/katalog>`,
        `<${DCAT}dataset> _:${graph.objects(kg.catalog, DataFactory.namedNode(`${DCAT}dataset`)).find((term) => term.termType === 'BlankNode')!.value}`,
        `<${DCAT}dataset> <${BASE}dataset/b>`,
        `<${DCAT}dataset> <${BASE}dataset/d>`,
        `<${DCT}license> <${CC0}>`,
        `<${RDF}type> <${VOID}Dataset>`,
        `<${VOID}triples> "${graph.size}"^^<${INTEGER}>`,
        `<${VOID}uriSpace> "${BASE}"`,
        `<${VOID}exampleResource> <${BASE}samverkan/b>`,
        `<${VOID}exampleResource> <${BASE}kommun/1880>`,
        `<${VOID}subset> <${BASE}dataset/a>`,
        `<${VOID}subset> <${BASE}dataset/katalog>`,
        `<${VOID}sparqlEndpoint> <${PUBLIC_URL}/sparql>`,
        `<${DCAT}service> <${PUBLIC_URL}/sparql>`,
        `<${DCAT}service> <${PUBLIC_URL}/graphql>`,
        `<${VOID}dataDump> <${PUBLIC_URL}/dump.nq>`,
        `<${VOID}dataDump> <${PUBLIC_URL}/dump.ttl>`,
        `<${DCAT}distribution> _:distribution_dump_nq`,
        `<${DCAT}distribution> _:distribution_dump_ttl`,
        `<${DCAT}distribution> _:distribution_network_nodes_csv`,
        ...objects(`<${BASE}katalog>`, `${VOID}vocabulary`).map((vocabulary) => `<${VOID}vocabulary> ${vocabulary}`),
      ]
        .map((line) => `<${BASE}katalog> ${line}`)
        .sort(),
    );
  });

  describe('as VoID', () => {
    it('lists the namespaces of the predicates and classes used, sorted, leaving out our own but the vocabulary’s', () => {
      expect(objects(`<${BASE}katalog>`, `${VOID}vocabulary`)).toEqual([
        '<http://example.org/vocab#>',
        `<${DCT}>`,
        `<${RDF}>`,
        '<http://www.w3.org/2004/02/skos/core#>',
        `<${DCAT}>`,
        '<http://www.w3.org/ns/org#>',
        `<${PROV}>`,
        `<${FOAF}>`,
        '<https://schema.org/>',
        `<${BASE}def#>`,
      ]);
    });

    /** The vocabularies the catalogue of a graph of this TriG lists. */
    const vocabulariesOf = (trig: string) =>
      nTriplesLines(describeService({ graph: graphOfTriG(trig), publicUrl: PUBLIC_URL, dumps: [] }))
        .filter((line) => line.startsWith(`<${BASE}katalog> <${VOID}vocabulary> `))
        .map((line) => line.slice(`<${BASE}katalog> <${VOID}vocabulary> `.length));

    it('takes a namespace without `#` or `/` to its last colon, and lists none that would be the scheme alone', () => {
      expect(vocabulariesOf(`<dataset/x> { <kommun/2000> <urn:example:p> "v" ; a <urn:example:Type>, <http://host>, <urn:x> ; <mailto:a@b> "w" . }`)).toEqual([`<${RDF}>`, '<urn:example:>']);
    });

    it('takes a namespace to a `#` or `/` however soon it follows `scheme:` or `scheme://`', () => {
      expect(vocabulariesOf(`<dataset/x> { <kommun/2000> <urn:x#p> "v" ; <file:///p> "w" . }`)).toEqual(['<file:///>', '<urn:x#>']);
    });

    it('takes the namespaces of classes from IRIs only: a literal given as a type names none', () => {
      expect(vocabulariesOf(`<dataset/x> { <kommun/2000> a "http://example.org/words#Type" . }`)).toEqual([`<${RDF}>`]);
    });

    it('counts the triples of each named graph, sorted by name, leaving out the default graph', () => {
      expect(objects(`<${BASE}katalog>`, `${VOID}subset`)).toEqual([`<${BASE}dataset/a>`, `<${BASE}dataset/katalog>`]);
      expect(about(`<${BASE}dataset/a>`).filter((line) => line.includes(VOID))).toEqual([
        `<${BASE}dataset/a> <${RDF}type> <${VOID}Dataset>`,
        `<${BASE}dataset/a> <${VOID}triples> "11"^^<${INTEGER}>`,
      ]);
      expect(objects(`<${BASE}dataset/katalog>`, `${VOID}triples`)).toEqual([`"34"^^<${INTEGER}>`]);
      expect(graph.size).toBe(11 + 34 + 1);
    });

    it('gives as examples the first collaboration that is no project and the first municipality, by IRI', () => {
      expect(objects(`<${BASE}katalog>`, `${VOID}exampleResource`)).toEqual([`<${BASE}samverkan/b>`, `<${BASE}kommun/1880>`]);
    });

    it('gives no example of a kind the data has none of', () => {
      const noMunicipality = graphOfTriG(`<dataset/x> { <samverkan/z> a org:OrganizationalCollaboration . <samverkan/y> a org:OrganizationalCollaboration . }`);
      expect(nTriplesLines(describeService({ graph: noMunicipality, publicUrl: PUBLIC_URL, dumps: [] })).filter((line) => line.includes(`${VOID}exampleResource`))).toEqual([
        `<${BASE}katalog> <${VOID}exampleResource> <${BASE}samverkan/y>`,
      ]);
      const noCollaboration = graphOfTriG(`<dataset/x> { <kommun/2000> a ks:Municipality . <samverkan/p> a org:OrganizationalCollaboration, schema:Project . }`);
      expect(nTriplesLines(describeService({ graph: noCollaboration, publicUrl: PUBLIC_URL, dumps: [] })).filter((line) => line.includes(`${VOID}exampleResource`))).toEqual([
        `<${BASE}katalog> <${VOID}exampleResource> <${BASE}kommun/2000>`,
      ]);
    });
  });

  it('lists the SPARQL and GraphQL endpoints as data services serving every dataset, under the catalogue’s licence', () => {
    for (const [path, title, standard] of [
      ['/sparql', 'SPARQL 1.1', 'https://www.w3.org/TR/sparql11-protocol/'],
      ['/graphql', 'GraphQL', 'https://graphql.github.io/graphql-over-http/draft/'],
    ]) {
      const service = `<${PUBLIC_URL}${path}>`;
      expect(about(service), path).toEqual(
        [
          `<${RDF}type> <${DCAT}DataService>`,
          `<${DCT}title> "${title}"@en`,
          `<${DCAT}endpointURL> ${service}`,
          `<${DCT}conformsTo> <${standard}>`,
          ...objects(service, `${DCAT}servesDataset`).map((dataset) => `<${DCAT}servesDataset> ${dataset}`),
          `<${DCT}license> <${CC0}>`,
        ].map((line) => `${service} ${line}`),
      );
      expect(objects(service, `${DCAT}servesDataset`).sort()).toEqual([`<${BASE}dataset/a>`, `<${BASE}dataset/b>`, `<${BASE}dataset/d>`, `<${BASE}dataset/katalog>`]);
    }
  });

  it('describes each dump as a distribution and a VoID data dump, with its media type and title', () => {
    expect(about('_:distribution_dump_nq')).toEqual(dumpDistribution);
    expect(objects('_:distribution_dump_ttl', `${DCAT}mediaType`)).toEqual([`<${MEDIA}text/turtle>`]);
  });

  it('describes each other download as a distribution that conforms to its format, but no data dump', () => {
    expect(about('_:distribution_network_nodes_csv')).toEqual(networkNodesDistribution);
    expect(objects(`<${BASE}katalog>`, `${VOID}dataDump`)).not.toContain(`<${PUBLIC_URL}/network/nodes.csv>`);
  });

  describe('the datasets', () => {
    it('are described as the data states them, without what points at them', () => {
      expect(about(`<${BASE}dataset/a>`).filter((line) => !line.includes(VOID) && !line.includes('ersion')).sort()).toEqual(
        [
          `<${RDF}type> <${DCAT}Dataset>`,
          `<${DCT}title> "A"@en`,
          `<${DCT}license> <${BY}>`,
          `<${DCT}conformsTo> <${BASE}def>`,
          `<${DCT}conformsTo> "a standard in words"`,
          `<${DCT}spatial> <${BASE}lan/18>`,
          `<${PROV}wasDerivedFrom> <${BASE}kalla/x>`,
          `<${PROV}wasDerivedFrom> <${BASE}dataset/katalog>`,
        ]
          .map((line) => `<${BASE}dataset/a> ${line}`)
          .sort(),
      );
      expect(about(`<${BASE}someone>`)).toEqual([]);
    });

    it('include one published since the data was written, titled by its slug, described as such, under the catalogue’s licence', () => {
      expect(about(`<${BASE}dataset/b>`).filter((line) => !line.includes('ersion'))).toEqual([
        `<${BASE}dataset/b> <${RDF}type> <${DCAT}Dataset>`,
        `<${BASE}dataset/b> <${DCT}title> "b"`,
        `<${BASE}dataset/b> <${DCT}description> "Published to Kulturskolegrafen as b; its data does not describe it."@en`,
        `<${BASE}dataset/b> <${DCT}license> <${CC0}>`,
      ]);
      expect(objects(`<${BASE}dataset/b>`, `${DCAT}hasCurrentVersion`)).toEqual([`<${BASE}datasets/b/versions/2>`]);
      expect(objects(`<${BASE}datasets/b/versions/2>`, `${DCT}title`)).toEqual(['"b (version 2)"']);
      expect(objects(`<${BASE}datasets/b/versions/2>`, `${DCT}license`)).toEqual([`<${CC0}>`]);
    });

    it('take a published dataset’s type, title, description and licence from its data where it has them', () => {
      expect(about(`<${BASE}dataset/d>`).filter((line) => !line.includes('ersion')).sort()).toEqual([
        `<${BASE}dataset/d> <${RDF}type> <${DCAT}Dataset>`,
        `<${BASE}dataset/d> <${DCT}title> "D"@en`,
        `<${BASE}dataset/d> <${DCT}description> "Dataset D"@en`,
        `<${BASE}dataset/d> <${DCT}license> <${BY}>`,
      ].sort());
      expect(objects(`<${BASE}datasets/d/versions/1>`, `${DCT}title`)).toEqual(['"D (version 1)"@en']);
      expect(objects(`<${BASE}datasets/d/versions/1>`, `${DCT}license`)).toEqual([`<${BY}>`]);
    });

    it('list a published dataset the data lists once, and leave out a withdrawn one', () => {
      expect(objects(`<${BASE}katalog>`, `${DCAT}dataset`).filter((dataset) => dataset === `<${BASE}dataset/a>`)).toHaveLength(1);
      expect(objects(`<${BASE}dataset/a>`, `${DCAT}hasCurrentVersion`)).toEqual([`<${BASE}datasets/a/versions/1>`]);
      expect(objects(`<${BASE}dataset/a>`, `${DCT}title`)).toEqual(['"A"@en']);
      expect(all.filter((line) => line.includes(`${BASE}dataset/c>`))).toEqual([
        `<${BASE}dataset/c> <${DCAT}hasVersion> <${BASE}datasets/c/versions/1>`,
        `<${BASE}dataset/c> <${DCT}hasVersion> <${BASE}datasets/c/versions/1>`,
        `<${BASE}datasets/c/versions/1> <${DCT}isVersionOf> <${BASE}dataset/c>`,
      ]);
    });

    it('include a published one without versions yet, and a catalogue without histories has no versions', () => {
      const plain = nTriplesLines(describeService({ graph, publicUrl: PUBLIC_URL, dumps }));
      expect(plain.filter((line) => line.includes('/versions/'))).toEqual([]);
      expect(plain.filter((line) => line.startsWith(`<${BASE}katalog> <${DCAT}dataset> <`)).sort()).toEqual([
        `<${BASE}katalog> <${DCAT}dataset> <${BASE}dataset/a>`,
        `<${BASE}katalog> <${DCAT}dataset> <${BASE}dataset/katalog>`,
      ]);
    });
  });

  describe('what the catalogue links to', () => {
    it('is described as the data describes it: publishers, sources and their publishers, each once', () => {
      expect(about(`<${BASE}kulturskolegrafen>`).sort()).toEqual([
        `<${BASE}kulturskolegrafen> <${RDF}type> <${FOAF}Agent>`,
        `<${BASE}kulturskolegrafen> <${FOAF}name> "Kulturskolegrafen"@sv`,
      ].sort());
      expect(about(`<${BASE}kalla/x>`).sort()).toEqual([
        `<${BASE}kalla/x> <${DCT}license> <https://example.org/terms>`,
        `<${BASE}kalla/x> <${DCT}publisher> <${BASE}org/scb>`,
        `<${BASE}kalla/x> <${DCT}title> "The source"`,
      ]);
      expect(about(`<${BASE}org/scb>`).sort()).toEqual([`<${BASE}org/scb> <${DCT}publisher> <${BASE}org/other>`, `<${BASE}org/scb> <${FOAF}name> "SCB"`]);
      expect(about(`<${BASE}org/other>`).sort()).toEqual([`<${BASE}org/other> <${DCT}publisher> <${BASE}org/scb>`, `<${BASE}org/other> <${FOAF}name> "Other"`]);
      expect(about(`<${BASE}dataset/katalog>`).filter((line) => !line.includes(VOID)).sort()).toEqual([
        `<${BASE}dataset/katalog> <${RDF}type> <${DCAT}Dataset>`,
        `<${BASE}dataset/katalog> <${DCT}title> "Katalog"@sv`,
      ].sort());
    });

    it('has the class its property’s range names: licence document, standard, location, media type, each stated once', () => {
      const typed = (type: string) => all.filter((line) => line.endsWith(` <${RDF}type> <${DCT}${type}>`)).map((line) => line.slice(0, line.indexOf(' ')));
      // A source's licence too, though the catalogue reaches the source only through the data.
      expect(typed('LicenseDocument').sort()).toEqual([`<${CC0}>`, `<${BY}>`, '<https://example.org/terms>'].sort());
      expect(typed('Standard').sort()).toEqual([`<${BASE}def>`, '<https://graphql.github.io/graphql-over-http/draft/>', '<https://www.rfc-editor.org/rfc/rfc4180>', '<https://www.w3.org/TR/sparql11-protocol/>'].sort());
      expect(typed('Location')).toEqual([`<${BASE}lan/18>`]);
      expect(typed('MediaType').sort()).toEqual([`<${MEDIA}application/n-quads>`, `<${MEDIA}text/csv>`, `<${MEDIA}text/turtle>`]);
      expect(all.filter((line) => line.startsWith('"'))).toEqual([]);
    });
  });

  describe('of a small graph', () => {
    /**
     * A catalogue listing one dataset, with a publisher and a place that the data also links to from elsewhere,
     * and four histories: the listed dataset's, one published without versions yet, one withdrawn after two
     * versions, and one rolled back to its first version after a withdrawal.
     */
    const small = graphOfTriG(`
      <dataset/katalog> {
        <katalog> a dcat:Catalog ; dcterms:title "Katalogen"@sv ; dcterms:publisher <kulturskolegrafen> ; dcterms:license <${CC0}> ; dcat:dataset <dataset/a> .
        <kulturskolegrafen> <${FOAF}name> "Kulturskolegrafen"@sv .
        <dataset/a> a dcat:Dataset ; dcterms:title "A"@en ; dcterms:spatial <lan/18> .
        <lan/18> skos:prefLabel "Örebro län"@sv .
        <elsewhere> dcterms:publisher <kulturskolegrafen> .
      }
      <dataset/a> {
        <samverkan/x> a org:OrganizationalCollaboration .
        <kommun/1880> a ks:Municipality ; ks:county <lan/18> .
      }
    `);
    const smallHistories: DatasetHistory[] = [
      { slug: 'a', versions: [record(1)] },
      { slug: 'e', versions: [] },
      { slug: 'f', versions: [record(1), record(2), record(3, 'withdraw')] },
      { slug: 'g', versions: [record(1), record(2, 'withdraw'), { ...record(3, 'rollback'), restores: 1 }] },
    ];

    it('says exactly this of the catalogue, its datasets, services and distributions, and of what they link to (versions aside)', () => {
      const described = nTriplesLines(describeService({ graph: small, publicUrl: PUBLIC_URL, dumps: dumps.slice(0, 1), downloads, histories: smallHistories }));
      expect(new Set(described).size).toBe(described.length);
      const katalog = `<${BASE}katalog>`;
      const datasets = ['a', 'e', 'g'].map((slug) => `<${BASE}dataset/${slug}>`);
      const service = (path: string, title: string, standard: string) => [
        `${katalog} <${DCAT}service> <${PUBLIC_URL}${path}>`,
        `<${PUBLIC_URL}${path}> <${RDF}type> <${DCAT}DataService>`,
        `<${PUBLIC_URL}${path}> <${DCT}title> "${title}"@en`,
        `<${PUBLIC_URL}${path}> <${DCAT}endpointURL> <${PUBLIC_URL}${path}>`,
        `<${PUBLIC_URL}${path}> <${DCT}conformsTo> <${standard}>`,
        ...datasets.map((dataset) => `<${PUBLIC_URL}${path}> <${DCAT}servesDataset> ${dataset}`),
        `<${PUBLIC_URL}${path}> <${DCT}license> <${CC0}>`,
        `<${standard}> <${RDF}type> <${DCT}Standard>`,
      ];
      const unlisted = (slug: string) => [
        `${katalog} <${DCAT}dataset> <${BASE}dataset/${slug}>`,
        `<${BASE}dataset/${slug}> <${RDF}type> <${DCAT}Dataset>`,
        `<${BASE}dataset/${slug}> <${DCT}title> "${slug}"`,
        `<${BASE}dataset/${slug}> <${DCT}description> "Published to Kulturskolegrafen as ${slug}; its data does not describe it."@en`,
        `<${BASE}dataset/${slug}> <${DCT}license> <${CC0}>`,
      ];
      const version = (slug: string, n: number) => [`<${DCAT}hasVersion>`, `<${DCT}hasVersion>`].map((property) => `<${BASE}dataset/${slug}> ${property} <${BASE}datasets/${slug}/versions/${n}>`);
      expect(described.filter((line) => !line.startsWith(`<${BASE}datasets/`) && !line.startsWith('_:version_')).sort()).toEqual(
        [
          // The catalogue as its data states it, and the datasets it lists.
          `${katalog} <${RDF}type> <${DCAT}Catalog>`,
          `${katalog} <${DCT}title> "Katalogen"@sv`,
          `${katalog} <${DCT}publisher> <${BASE}kulturskolegrafen>`,
          `${katalog} <${DCT}license> <${CC0}>`,
          `${katalog} <${DCAT}dataset> <${BASE}dataset/a>`,
          `<${BASE}dataset/a> <${RDF}type> <${DCAT}Dataset>`,
          `<${BASE}dataset/a> <${DCT}title> "A"@en`,
          `<${BASE}dataset/a> <${DCT}spatial> <${BASE}lan/18>`,
          // Published since, and not withdrawn: e (no versions yet) and g (rolled back after a withdrawal); not f.
          ...unlisted('e'),
          ...unlisted('g'),
          `<${BASE}dataset/a> <${DCAT}version> "1"`,
          `<${BASE}dataset/a> <${DCAT}hasCurrentVersion> <${BASE}datasets/a/versions/1>`,
          ...version('a', 1),
          `<${BASE}dataset/g> <${DCAT}version> "3"`,
          `<${BASE}dataset/g> <${DCAT}hasCurrentVersion> <${BASE}datasets/g/versions/3>`,
          ...version('g', 1),
          ...version('g', 3),
          ...version('f', 1),
          ...version('f', 2),
          // VoID: the whole, its vocabularies, examples and one subset per named graph.
          `${katalog} <${RDF}type> <${VOID}Dataset>`,
          `${katalog} <${VOID}triples> "14"^^<${INTEGER}>`,
          `${katalog} <${VOID}uriSpace> "${BASE}"`,
          ...[DCT, RDF, 'http://www.w3.org/2004/02/skos/core#', DCAT, 'http://www.w3.org/ns/org#', FOAF, `${BASE}def#`].map((vocabulary) => `${katalog} <${VOID}vocabulary> <${vocabulary}>`),
          `${katalog} <${VOID}exampleResource> <${BASE}samverkan/x>`,
          `${katalog} <${VOID}exampleResource> <${BASE}kommun/1880>`,
          `${katalog} <${VOID}subset> <${BASE}dataset/a>`,
          `<${BASE}dataset/a> <${RDF}type> <${VOID}Dataset>`,
          `<${BASE}dataset/a> <${VOID}triples> "3"^^<${INTEGER}>`,
          `${katalog} <${VOID}subset> <${BASE}dataset/katalog>`,
          `<${BASE}dataset/katalog> <${RDF}type> <${VOID}Dataset>`,
          `<${BASE}dataset/katalog> <${VOID}triples> "11"^^<${INTEGER}>`,
          `${katalog} <${VOID}sparqlEndpoint> <${PUBLIC_URL}/sparql>`,
          // The query services.
          ...service('/sparql', 'SPARQL 1.1', 'https://www.w3.org/TR/sparql11-protocol/'),
          ...service('/graphql', 'GraphQL', 'https://graphql.github.io/graphql-over-http/draft/'),
          // The dump and the other download.
          `${katalog} <${VOID}dataDump> <${PUBLIC_URL}/dump.nq>`,
          `${katalog} <${DCAT}distribution> _:distribution_dump_nq`,
          ...dumpDistribution,
          `${katalog} <${DCAT}distribution> _:distribution_network_nodes_csv`,
          ...networkNodesDistribution,
          // What they link to: the publisher's and the place's own triples, not what else in the data points at them,
          // nor the example resources; and the classes of the ranges (text/turtle: the versions' distributions).
          `<${BASE}kulturskolegrafen> <${FOAF}name> "Kulturskolegrafen"@sv`,
          `<${BASE}lan/18> <http://www.w3.org/2004/02/skos/core#prefLabel> "Örebro län"@sv`,
          `<${CC0}> <${RDF}type> <${DCT}LicenseDocument>`,
          `<${BASE}lan/18> <${RDF}type> <${DCT}Location>`,
          `<https://www.rfc-editor.org/rfc/rfc4180> <${RDF}type> <${DCT}Standard>`,
          `<${MEDIA}application/n-quads> <${RDF}type> <${DCT}MediaType>`,
          `<${MEDIA}text/csv> <${RDF}type> <${DCT}MediaType>`,
          `<${MEDIA}text/turtle> <${RDF}type> <${DCT}MediaType>`,
        ].sort(),
      );
    });
  });

  describe('of the shipped data', () => {
    let data: LoadedData;
    let quads: Quad[];
    beforeAll(async () => {
      data = await loadDataDirectory(dataPath('graphs'));
    });
    beforeEach(() => {
      quads = describeService({ graph: new StoreGraph(data.store), publicUrl: PUBLIC_URL, dumps, downloads });
    });

    it('counts the triples of the whole and of each file’s dataset', () => {
      const shipped = nTriplesLines(quads);
      expect(shipped).toContain(`<${BASE}katalog> <${VOID}triples> "${data.store.size}"^^<${INTEGER}>`);
      const subsets = shipped.filter((line) => line.startsWith(`<${BASE}katalog> <${VOID}subset> `));
      expect(subsets).toEqual([...data.files].sort((a, b) => (a.graph.value < b.graph.value ? -1 : 1)).map((file) => `<${BASE}katalog> <${VOID}subset> <${file.graph.value}>`));
      for (const file of data.files) expect(shipped).toContain(`<${file.graph.value}> <${VOID}triples> "${file.quadCount}"^^<${INTEGER}>`);
    });

    it('gives Örebro län’s collaboration and Upplands Väsby as examples', () => {
      expect(nTriplesLines(quads).filter((line) => line.includes(`${VOID}exampleResource`))).toEqual([
        `<${BASE}katalog> <${VOID}exampleResource> <${BASE}samverkan/orebro-lan>`,
        `<${BASE}katalog> <${VOID}exampleResource> <${BASE}kommun/0114>`,
      ]);
    });

    it('meets the DCAT-AP 3.0 requirements of dcatApShapes.ttl, with published datasets and their versions too', async () => {
      expect(await dcatApViolations(quads)).toEqual([]);
      const withVersions = describeService({ graph: new StoreGraph(data.store), publicUrl: PUBLIC_URL, dumps, downloads, histories: [{ slug: 'test-one', versions: [record(1), record(2, 'publish')] }, ...histories.slice(0, 1)] });
      expect(await dcatApViolations(withVersions)).toEqual([]);
    });
  });
});

