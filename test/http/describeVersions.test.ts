import { DataFactory } from 'n3';
import type { Literal } from 'n3';
import { describe, expect, it } from 'vitest';
import { describeVersions, type VersionContext } from '../../src/http/describeVersions.js';
import type { DatasetHistory, VersionRecord } from '../../src/store/DatasetStore.js';
import { xsd } from '../../src/rdf/vocabulary.js';
import { nTriplesLines, nTriplesTerm } from '../support/nTriplesLines.js';

const { literal, namedNode } = DataFactory;

const PUBLIC_URL = 'https://kulturskolegrafen.example';
const CC0 = 'http://creativecommons.org/publicdomain/zero/1.0/';
const BASE = 'https://w3id.org/kulturskola/';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const PROV = 'http://www.w3.org/ns/prov#';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const DATE_TIME = xsd.dateTime.value;


function record(version: number, created: string, publisher: string, activity: VersionRecord['activity'] = 'publish', restores?: number): VersionRecord {
  return { version, created, publisher, activity, ...(restores !== undefined && { restores }), triples: 10, sha256: activity === 'withdraw' ? null : 'ab'.repeat(32), added: 1, removed: 0 };
}

/** A context where the dataset has these titles and licences. */
function context(titles: Literal[], licenses: string[]): VersionContext {
  return { titles: () => titles, licenses: () => licenses.map((license) => namedNode(license)) };
}

describe('describeVersions', () => {
  it('describes a dataset with one version: current version, the version as a titled, described, licensed dcat:Dataset, its distribution and the publishing activity', () => {
    const histories: DatasetHistory[] = [{ slug: 'test-one', versions: [record(1, '2026-11-25T10:00:00.000Z', 'seed')] }];
    const v1 = `<${BASE}datasets/test-one/versions/1>`;
    const dataset = `<${BASE}dataset/test-one>`;
    const download = `<${PUBLIC_URL}/datasets/test-one/versions/1>`;
    const created = `"2026-11-25T10:00:00.000Z"^^<${DATE_TIME}>`;
    const quads = describeVersions(histories, PUBLIC_URL, context([literal('Samverkan', 'sv'), literal('Collaboration', 'en')], [CC0]));
    expect(nTriplesLines(quads)).toEqual([
      `${dataset} <${DCAT}version> "1"`,
      `${dataset} <${DCAT}hasCurrentVersion> ${v1}`,
      `${dataset} <${DCAT}hasVersion> ${v1}`,
      `${dataset} <${DCT}hasVersion> ${v1}`,
      `${v1} <${RDF}type> <${DCAT}Dataset>`,
      `${v1} <${DCT}isVersionOf> ${dataset}`,
      `${v1} <${DCAT}version> "1"`,
      `${v1} <${DCT}issued> ${created}`,
      `${v1} <${DCT}title> "Samverkan (version 1)"@sv`,
      `${v1} <${DCT}title> "Collaboration (version 1)"@en`,
      `${v1} <${DCT}description> "Version 1 of the dataset test-one, published 2026-11-25T10:00:00.000Z."@en`,
      `${v1} <${DCT}description> "Version 1 av datamängden test-one, publicerad 2026-11-25T10:00:00.000Z."@sv`,
      `${v1} <${DCT}license> <${CC0}>`,
      `${v1} <${DCAT}distribution> _:version_test_one_1`,
      `_:version_test_one_1 <${RDF}type> <${DCAT}Distribution>`,
      `_:version_test_one_1 <${DCAT}downloadURL> ${download}`,
      `_:version_test_one_1 <${DCAT}accessURL> ${download}`,
      `_:version_test_one_1 <${DCAT}mediaType> <https://www.iana.org/assignments/media-types/text/turtle>`,
      `_:version_test_one_1 <${DCT}license> <${CC0}>`,
      `${v1} <${PROV}wasGeneratedBy> <${BASE}datasets/test-one/versions/1#activity>`,
      `<${BASE}datasets/test-one/versions/1#activity> <${RDF}type> <${PROV}Activity>`,
      `<${BASE}datasets/test-one/versions/1#activity> <${PROV}endedAtTime> ${created}`,
      `<${BASE}datasets/test-one/versions/1#activity> <${DCT}title> "publish"@en`,
      `<${BASE}datasets/test-one/versions/1#activity> <${PROV}wasAssociatedWith> <${BASE}kulturskolegrafen>`,
    ]);
  });

  it('names the last version current, links each to the one before, and says what a rollback restored', () => {
    const versions = [record(1, '2026-01-01T00:00:00Z', 'seed', 'seed')];
    for (let version = 2; version <= 11; version += 1) versions.push(record(version, `2026-01-${String(version).padStart(2, '0')}T00:00:00Z`, 'seed', 'publish'));
    versions.push(record(12, '2026-02-01T00:00:00Z', 'seed', 'rollback', 3));
    const quads = describeVersions([{ slug: 'lan-2', versions }], PUBLIC_URL, context([], []));
    const v = (version: number) => `<${BASE}datasets/lan-2/versions/${version}>`;
    const all = nTriplesLines(quads);
    expect(all.filter((line) => line.includes(`<${DCAT}hasCurrentVersion>`) || line.startsWith(`<${BASE}dataset/lan-2> <${DCAT}version>`))).toEqual([
      `<${BASE}dataset/lan-2> <${DCAT}version> "12"`,
      `<${BASE}dataset/lan-2> <${DCAT}hasCurrentVersion> ${v(12)}`,
    ]);
    expect(all.filter((line) => line.includes(`<${DCAT}previousVersion>`))).toEqual(
      Array.from({ length: 11 }, (_, index) => `${v(index + 2)} <${DCAT}previousVersion> ${v(index + 1)}`),
    );
    const activity = `<${BASE}datasets/lan-2/versions/12#activity>`;
    expect(all.filter((line) => line.startsWith(activity))).toEqual([
      `${activity} <${RDF}type> <${PROV}Activity>`,
      `${activity} <${PROV}endedAtTime> "2026-02-01T00:00:00Z"^^<${DATE_TIME}>`,
      `${activity} <${DCT}title> "rollback to version 3"@en`,
      `${activity} <${PROV}used> ${v(3)}`,
      `${activity} <${PROV}wasAssociatedWith> <${BASE}kulturskolegrafen>`,
    ]);
    expect(all.filter((line) => line.includes(`<${PROV}used>`))).toHaveLength(1);
    expect(all).toContain(`<${BASE}datasets/lan-2/versions/1#activity> <${DCT}title> "seed"@en`);
    expect(all).toContain(`<${BASE}datasets/lan-2/versions/2#activity> <${DCT}title> "publish"@en`);
  });

  it('titles a version by the slug when the dataset has no title, and gives no licence when it has none', () => {
    const quads = describeVersions([{ slug: 'test-one', versions: [record(1, '2026-11-25T10:00:00Z', 'seed')] }], PUBLIC_URL, context([], []));
    const all = nTriplesLines(quads);
    expect(all.filter((line) => line.includes(`<${DCT}title>`) && line.startsWith(`<${BASE}datasets/`))).toEqual([
      `<${BASE}datasets/test-one/versions/1> <${DCT}title> "test-one (version 1)"`,
      `<${BASE}datasets/test-one/versions/1#activity> <${DCT}title> "publish"@en`,
    ]);
    expect(all.filter((line) => line.includes(`<${DCT}license>`))).toEqual([]);
  });

  it('keeps each version under every licence of the dataset, the version and its distribution alike', () => {
    const quads = describeVersions([{ slug: 'x', versions: [record(1, '2026-11-25T10:00:00Z', 'seed')] }], PUBLIC_URL, context([], [CC0, 'https://creativecommons.org/licenses/by/4.0/']));
    expect(nTriplesLines(quads).filter((line) => line.includes(`<${DCT}license>`))).toEqual([
      `<${BASE}datasets/x/versions/1> <${DCT}license> <${CC0}>`,
      `<${BASE}datasets/x/versions/1> <${DCT}license> <https://creativecommons.org/licenses/by/4.0/>`,
      `_:version_x_1 <${DCT}license> <${CC0}>`,
      `_:version_x_1 <${DCT}license> <https://creativecommons.org/licenses/by/4.0/>`,
    ]);
  });

  it('gives every version of every dataset a distribution of its own, its blank node named by slug and number', () => {
    const quads = describeVersions(
      [
        { slug: 'a-b-c', versions: [record(1, '2026-01-01T00:00:00Z', 'seed'), record(2, '2026-01-02T00:00:00Z', 'seed', 'publish')] },
        { slug: 'd', versions: [record(1, '2026-01-01T00:00:00Z', 'seed')] },
      ],
      PUBLIC_URL,
      context([], []),
    );
    expect(nTriplesLines(quads).filter((line) => line.includes(`<${DCAT}downloadURL>`))).toEqual([
      `_:version_a_b_c_1 <${DCAT}downloadURL> <${PUBLIC_URL}/datasets/a-b-c/versions/1>`,
      `_:version_a_b_c_2 <${DCAT}downloadURL> <${PUBLIC_URL}/datasets/a-b-c/versions/2>`,
      `_:version_d_1 <${DCAT}downloadURL> <${PUBLIC_URL}/datasets/d/versions/1>`,
    ]);
    // Each dataset's versions link only to its own.
    expect(nTriplesLines(quads).filter((line) => line.includes(`<${DCAT}previousVersion>`))).toEqual([`<${BASE}datasets/a-b-c/versions/2> <${DCAT}previousVersion> <${BASE}datasets/a-b-c/versions/1>`]);
  });

  describe('withdrawals', () => {
    it('are no versions: the one before a withdrawal is the previous of the one after', () => {
      const versions = [record(1, '2026-01-01T00:00:00Z', 'seed'), record(2, '2026-01-02T00:00:00Z', 'seed', 'withdraw'), record(3, '2026-01-03T00:00:00Z', 'seed', 'publish')];
      const all = nTriplesLines(describeVersions([{ slug: 'w', versions }], PUBLIC_URL, context([], [])));
      expect(all.filter((line) => line.startsWith(`<${BASE}dataset/w>`))).toEqual([
        `<${BASE}dataset/w> <${DCAT}version> "3"`,
        `<${BASE}dataset/w> <${DCAT}hasCurrentVersion> <${BASE}datasets/w/versions/3>`,
        `<${BASE}dataset/w> <${DCAT}hasVersion> <${BASE}datasets/w/versions/1>`,
        `<${BASE}dataset/w> <${DCT}hasVersion> <${BASE}datasets/w/versions/1>`,
        `<${BASE}dataset/w> <${DCAT}hasVersion> <${BASE}datasets/w/versions/3>`,
        `<${BASE}dataset/w> <${DCT}hasVersion> <${BASE}datasets/w/versions/3>`,
      ]);
      expect(all.filter((line) => line.includes('/versions/2'))).toEqual([]);
      expect(all).toContain(`<${BASE}datasets/w/versions/3> <${DCAT}previousVersion> <${BASE}datasets/w/versions/1>`);
    });

    it('leave a withdrawn dataset with its versions but no current one', () => {
      const versions = [record(1, '2026-01-01T00:00:00Z', 'seed'), record(2, '2026-01-02T00:00:00Z', 'seed', 'withdraw')];
      const all = nTriplesLines(describeVersions([{ slug: 'w', versions }], PUBLIC_URL, context([], [])));
      expect(all.filter((line) => line.startsWith(`<${BASE}dataset/w>`))).toEqual([
        `<${BASE}dataset/w> <${DCAT}hasVersion> <${BASE}datasets/w/versions/1>`,
        `<${BASE}dataset/w> <${DCT}hasVersion> <${BASE}datasets/w/versions/1>`,
      ]);
    });

    it('and a dataset without versions say nothing', () => {
      expect(describeVersions([{ slug: 'none', versions: [] }], PUBLIC_URL, context([], [CC0]))).toEqual([]);
      expect(describeVersions([{ slug: 'gone', versions: [record(1, '2026-01-01T00:00:00Z', 'seed', 'withdraw')] }], PUBLIC_URL, context([], [CC0]))).toEqual([]);
    });
  });

  describe('the publisher a version was associated with', () => {
    const agentOf = (publisher: string) => {
      const quads = describeVersions([{ slug: 'p', versions: [record(1, '2026-01-01T00:00:00Z', publisher)] }], PUBLIC_URL, context([], []));
      const association = quads.find((quad) => quad.predicate.value === `${PROV}wasAssociatedWith`)!;
      return { agent: nTriplesTerm(association.object), about: nTriplesLines(quads.filter((quad) => quad.subject.equals(association.object))) };
    };

    it('is the catalogue’s publisher for the seed', () => {
      expect(agentOf('seed')).toEqual({ agent: `<${BASE}kulturskolegrafen>`, about: [] });
    });

    it('is the IRI itself when the publisher is an http or https IRI', () => {
      expect(agentOf('https://example.org/agents/samordnaren')).toEqual({ agent: '<https://example.org/agents/samordnaren>', about: [] });
      expect(agentOf('http://example.org/agents/samordnaren')).toEqual({ agent: '<http://example.org/agents/samordnaren>', about: [] });
    });

    it('is an agent of its own, named by the publisher, for a name, or an IRI that is not http(s) or not acceptable', () => {
      const hex = (text: string) => Buffer.from(text).toString('hex');
      for (const publisher of ['Samordnaren i Örebro län', 'urn:example:https://example.org', 'https://example.org/a b', 'Seed']) {
        expect(agentOf(publisher), publisher).toEqual({
          agent: `_:publisher_${hex(publisher).slice(0, 64)}`,
          about: [`_:publisher_${hex(publisher).slice(0, 64)} <${RDF}type> <${PROV}Agent>`, `_:publisher_${hex(publisher).slice(0, 64)} <${FOAF}name> ${JSON.stringify(publisher)}`],
        });
      }
      // A long name's label keeps its first 32 bytes, in hex; the agent still has the whole name.
      const long = agentOf('Kulturskolesamordnaren i Orebro lans kommuner');
      expect(long.agent).toBe(`_:publisher_${Buffer.from('Kulturskolesamordnaren i Orebro ').toString('hex')}`);
      expect(long.about[1]).toBe(`${long.agent} <${FOAF}name> "Kulturskolesamordnaren i Orebro lans kommuner"`);
    });
  });
});
