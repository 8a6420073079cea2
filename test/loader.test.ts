import { createHash } from 'node:crypto';
import { describe, it, expect, vi, beforeAll, afterAll, afterEach } from 'vitest';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory } from 'n3';
import type { NamedNode, Quad_Object, Store } from 'n3';
import { loadDataDirectory, loadFile } from '../src/rdf/loadDataDirectory.js';
import type { LoadedData, LoadOptions } from '../src/rdf/loadDataDirectory.js';
import { DataLoadError } from '../src/rdf/DataLoadError.js';
import { dataPath } from '../src/rdf/dataPath.js';
import { stubNetwork } from './support/stubNetwork.js';
import { dataLoadFailure } from './support/dataLoadFailure.js';

const { namedNode, literal } = DataFactory;

const KS = 'https://w3id.org/kulturskola/';
const CONTEXT = `${KS}context.jsonld`;
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RDF_TYPE = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
const ORG_MEMBER_OF = namedNode('http://www.w3.org/ns/org#memberOf');
const MUNICIPALITY = namedNode(`${KS}def#Municipality`);
const COUNTY = namedNode(`${KS}def#County`);
const OREBRO_COLLABORATION = namedNode(`${KS}samverkan/orebro-lan`);
const P = namedNode('http://example.org/p');
/** The README's default: JSON nesting at most 64 levels. */
const MAX_JSON_DEPTH = 64;

/** DataLoadError cuts messages to 300 characters and adds an ellipsis. */
const MAX_MESSAGE_LENGTH = 301;
const ONE_MEGABYTE = 1024 * 1024;
const TRIPLE = '<http://example.org/s> <http://example.org/p> "v" .\n';

describe('loadDataDirectory', () => {
  describe('with the shipped data folder', () => {
    let loaded: LoadedData;
    beforeAll(async () => {
      loaded = await loadDataDirectory(dataPath('graphs'));
    });

    it('reports every file, in name order, each with its own named graph', () => {
      expect(loaded.files.map(({ file, graph }) => [file, graph.value])).toEqual(
        ['katalog', 'kommuner', 'nationell-statistik', 'orebro-lan', 'vokabular'].map((stem) => [
          join(dataPath('graphs'), `${stem}.jsonld`),
          `${KS}dataset/${stem}`,
        ]),
      );
    });

    it('puts each file in its own named graph', () => {
      for (const { graph, quadCount } of loaded.files) {
        expect(quadCount).toBeGreaterThan(0);
        expect(loaded.store.countQuads(null, null, null, graph)).toBe(quadCount);
      }
      expect(loaded.store.getGraphs(null, null, null).map((graph) => graph.value).sort()).toEqual(
        loaded.files.map(({ graph }) => graph.value).sort(),
      );
    });

    it('reaches the eleven Örebro members through org:memberOf', () => {
      const members = loaded.store.getSubjects(ORG_MEMBER_OF, OREBRO_COLLABORATION, null).map((member) => member.value);
      expect(members.sort()).toEqual(
        ['1814', '1861', '1862', '1863', '1864', '1880', '1881', '1882', '1883', '1884', '1885'].map(
          (kommunkod) => `${KS}kommun/${kommunkod}`,
        ),
      );
      for (const member of members) expect(loaded.store.countQuads(member, RDF_TYPE, MUNICIPALITY, null), member).toBe(1);
    });

    it('holds 290 municipalities and 21 counties', () => {
      expect(distinctSubjects(loaded.store, RDF_TYPE, MUNICIPALITY)).toBe(290);
      expect(distinctSubjects(loaded.store, RDF_TYPE, COUNTY)).toBe(21);
    });

    it('returns a new store on every load', async () => {
      const again = await loadDataDirectory(dataPath('graphs'));
      expect(again.store).not.toBe(loaded.store);
      expect(again.store.size).toBe(loaded.store.size);
    });
  });

  describe('reads every supported format', () => {
    it('loads Turtle into the file graph', async () => {
      const { store, files } = await loadFolder({
        'skolor.ttl': '@prefix ex: <http://example.org/> .\nex:s ex:p "Örebro"@sv, 42 .\n',
      });
      expect(files).toEqual([
        {
          file: expect.stringMatching(/skolor\.ttl$/),
          graph: datasetGraph('skolor'),
          quadCount: 2,
          sha256: createHash('sha256').update('@prefix ex: <http://example.org/> .\nex:s ex:p "Örebro"@sv, 42 .\n').digest('hex'),
          modified: expect.any(Date),
        },
      ]);
      expect(store.has(quadOf('http://example.org/s', P, literal('Örebro', 'sv'), datasetGraph('skolor')))).toBe(true);
      expect(
        store.has(quadOf('http://example.org/s', P, literal('42', namedNode(`${XSD}integer`)), datasetGraph('skolor'))),
      ).toBe(true);
    });

    it('loads N-Triples into the file graph', async () => {
      const { store } = await loadFolder({ 'rader.nt': '<http://example.org/s> <http://example.org/p> "v" .\n' });
      expect(store.getQuads(null, null, null, null)).toEqual([
        quadOf('http://example.org/s', P, literal('v'), datasetGraph('rader')),
      ]);
    });

    it('keeps the explicit graph of N-Quads and puts default-graph triples in the file graph', async () => {
      const { store } = await loadFolder({
        'kvadrater.nq':
          '<http://example.org/s> <http://example.org/p> "named" <http://example.org/g> .\n' +
          '<http://example.org/s> <http://example.org/p> "default" .\n',
      });
      expect(sortedQuads(store)).toEqual([
        `http://example.org/s http://example.org/p "default" ${KS}dataset/kvadrater`,
        'http://example.org/s http://example.org/p "named" http://example.org/g',
      ]);
    });

    it('keeps the explicit graphs of TriG and puts default-graph triples in the file graph', async () => {
      const { store } = await loadFolder({
        'grafer.trig':
          '@prefix ex: <http://example.org/> .\n' +
          'ex:g { ex:s ex:p "named" . }\n' +
          '{ ex:s ex:p "braced default" . }\n' +
          'ex:s ex:p "default" .\n',
      });
      expect(sortedQuads(store)).toEqual([
        `http://example.org/s http://example.org/p "braced default" ${KS}dataset/grafer`,
        `http://example.org/s http://example.org/p "default" ${KS}dataset/grafer`,
        'http://example.org/s http://example.org/p "named" http://example.org/g',
      ]);
    });

    it('loads JSON-LD with an inline context', async () => {
      const { store } = await loadFolder({
        'inline.jsonld': JSON.stringify({
          '@context': { p: 'http://example.org/p', year: { '@id': 'http://example.org/year', '@type': `${XSD}gYear` } },
          '@id': 'http://example.org/s',
          p: 'v',
          year: '2022',
        }),
      });
      expect(sortedQuads(store)).toEqual([
        `http://example.org/s http://example.org/p "v" ${KS}dataset/inline`,
        `http://example.org/s http://example.org/year "2022"^^${XSD}gYear ${KS}dataset/inline`,
      ]);
    });

    it('loads JSON-LD with the bundled context, from a .json file too, without touching the network', async () => {
      const network = stubNetwork();
      const { store } = await loadFolder({
        'kommun.json': JSON.stringify({ '@context': CONTEXT, id: 'kg:kommun/1880', type: 'ks:Municipality' }),
      });
      expect(store.getQuads(null, null, null, null)).toEqual([
        quadOf(`${KS}kommun/1880`, RDF_TYPE, MUNICIPALITY, datasetGraph('kommun')),
      ]);
      network.expectUntouched();
    });

    it('ignores hidden files', async () => {
      const { files } = await loadFolder({ '.DS_Store': '\u0000\u0001 not RDF', 'a.nt': TRIPLE });
      expect(files.map(({ graph }) => graph.value)).toEqual([`${KS}dataset/a`]);
    });
  });

  describe('keeps blank nodes apart', () => {
    it('does not merge blank nodes with the same label from two files', async () => {
      const { store } = await loadFolder({
        'a.ttl': '_:b0 <http://example.org/p> "a" .',
        'b.nt': '_:b0 <http://example.org/p> "b" .\n',
        'c.nq': '_:b0 <http://example.org/p> "c" _:b0 .\n',
        'd.jsonld': JSON.stringify({ '@id': '_:b0', 'http://example.org/p': 'd' }),
        'e.jsonld': JSON.stringify({ '@id': '_:b0', 'http://example.org/p': 'e' }),
      });
      const subjects = store.getSubjects(P, null, null);
      expect(subjects).toHaveLength(5);
      expect(subjects.every((subject) => subject.termType === 'BlankNode')).toBe(true);
    });

    it('does not merge anonymous blank nodes from two files', async () => {
      const { store } = await loadFolder({
        'a.ttl': '[] <http://example.org/p> "a" .',
        'b.ttl': '[] <http://example.org/p> "b" .',
        'c.jsonld': JSON.stringify({ 'http://example.org/p': 'c' }),
        'd.jsonld': JSON.stringify({ 'http://example.org/p': 'd' }),
      });
      expect(store.getSubjects(P, null, null)).toHaveLength(4);
    });
  });

  describe('never fetches a remote document', () => {
    it.each([
      ['an https context', 'https://example.org/ctx.jsonld', { '@context': 'https://example.org/ctx.jsonld' }],
      ['an http context', 'http://example.org/ctx.jsonld', { '@context': 'http://example.org/ctx.jsonld' }],
      ['a file: context', 'file:///etc/passwd', { '@context': 'file:///etc/passwd' }],
      [
        'the bundled context over http instead of https',
        'http://w3id.org/kulturskola/context.jsonld',
        { '@context': 'http://w3id.org/kulturskola/context.jsonld' },
      ],
      [
        'a remote context after the bundled one',
        'https://example.org/more.jsonld',
        { '@context': [CONTEXT, 'https://example.org/more.jsonld'] },
      ],
      ['an @import', 'https://example.org/base.jsonld', { '@context': { '@import': 'https://example.org/base.jsonld' } }],
    ])('refuses %s and names its URL', async (_, url, context) => {
      const network = stubNetwork();
      const error = await dataLoadFailure(
        loadFolder({ 'remote.jsonld': JSON.stringify({ ...context, '@id': 'http://example.org/s', 'http://example.org/p': 'v' }) }),
      );
      expect(error.code).toBe('REMOTE_DOCUMENT_REFUSED');
      expect(error.message).toContain(url);
      expect(error.message).not.toContain('root:');
      expectNamesFile(error, 'remote.jsonld');
      network.expectUntouched();
    });
  });

  describe('reads JSON-LD in safe mode', () => {
    it('rejects a term the context does not define', async () => {
      const error = await dataLoadFailure(
        loadFolder({
          'typo.jsonld': JSON.stringify({
            '@context': { name: 'http://example.org/name' },
            '@id': 'http://example.org/s',
            nmae: 'Örebro',
          }),
        }),
      );
      expect(error.code).toBe('INVALID_JSON_LD');
      expectNamesFile(error, 'typo.jsonld');
    });

    it('rejects a term the bundled context does not define', async () => {
      const error = await dataLoadFailure(
        loadFolder({ 'typo.jsonld': JSON.stringify({ '@context': CONTEXT, id: 'kg:kommun/1880', kommunnamn: 'Örebro' }) }),
      );
      expect(error.code).toBe('INVALID_JSON_LD');
    });

    it('rejects a relative IRI in @id', async () => {
      const error = await dataLoadFailure(
        loadFolder({ 'relative.jsonld': JSON.stringify({ '@id': 'kommun/1880', 'http://example.org/p': 'v' }) }),
      );
      expect(error.code).toBe('INVALID_JSON_LD');
      expectNamesFile(error, 'relative.jsonld');
    });

    it('rejects an @id with a space', async () => {
      const error = await dataLoadFailure(loadFolder({ 'space.jsonld': JSON.stringify({ '@id': 'http://a b', 'http://example.org/p': 'v' }) }));
      expect(error.code).toBe('INVALID_JSON_LD');
    });
  });

  describe('reports syntax errors', () => {
    it('names the file of invalid JSON', async () => {
      const error = await dataLoadFailure(loadFolder({ 'broken.jsonld': '{\n  "@id": "http://example.org/s",\n}\n' }));
      expect(error.code).toBe('SYNTAX_ERROR');
      expectNamesFile(error, 'broken.jsonld');
    });

    it('names the file and the line of a Turtle syntax error', async () => {
      const error = await dataLoadFailure(
        loadFolder({ 'broken.ttl': '@prefix ex: <http://example.org/> .\nex:s ex:p "ok" .\nex:s ex:p "unterminated .\n' }),
      );
      expect(error.code).toBe('SYNTAX_ERROR');
      expectNamesFile(error, 'broken.ttl');
      expect(error.message).toMatch(/line 3\b/);
    });

    it('cuts the message of a 1 MB bad Turtle token', async () => {
      const error = await dataLoadFailure(
        loadFolder({ 'huge.ttl': `@prefix ex: <http://example.org/> .\nex:s ex:p ${'y'.repeat(ONE_MEGABYTE)} .\n` }),
      );
      expect(error.code).toBe('SYNTAX_ERROR');
      expectNamesFile(error, 'huge.ttl');
      expect(error.message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    });

    it('cuts the message of a 1 MB bad JSON token', async () => {
      const error = await dataLoadFailure(loadFolder({ 'huge.jsonld': `{"@id": ${'x'.repeat(ONE_MEGABYTE)}}` }));
      expect(error.code).toBe('SYNTAX_ERROR');
      expectNamesFile(error, 'huge.jsonld');
      expect(error.message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    });

    it('refuses Turtle syntax in an N-Triples file', async () => {
      const error = await dataLoadFailure(loadFolder({ 'prefixed.nt': '@prefix ex: <http://example.org/> .\nex:s ex:p ex:o .\n' }));
      expect(error.code).toBe('SYNTAX_ERROR');
    });
  });

  describe('limits JSON nesting', () => {
    it(`accepts ${MAX_JSON_DEPTH} levels by default and refuses one more as TOO_DEEP`, async () => {
      await expect(loadFolder({ 'ok.jsonld': nestedJsonLd(MAX_JSON_DEPTH) })).resolves.toBeDefined();
      const error = await dataLoadFailure(loadFolder({ 'deep.jsonld': nestedJsonLd(MAX_JSON_DEPTH + 1) }));
      expect(error.code).toBe('TOO_DEEP');
      expectNamesFile(error, 'deep.jsonld');
    });

    it('honours maxJsonDepth', async () => {
      await expect(loadFolder({ 'ok.jsonld': nestedJsonLd(3) }, { maxJsonDepth: 3 })).resolves.toBeDefined();
      const error = await dataLoadFailure(loadFolder({ 'deep.jsonld': nestedJsonLd(4) }, { maxJsonDepth: 3 }));
      expect(error.code).toBe('TOO_DEEP');
    });

    it('refuses a 10,000-deep document without overflowing the stack', async () => {
      const error = await dataLoadFailure(loadFolder({ 'deep.jsonld': deepArrayJsonLd(10_000) }));
      expect(error.code).toBe('TOO_DEEP');
      const objects = await dataLoadFailure(
        loadFolder({
          'objects.jsonld': `{"@context": {"a": "http://example.org/a"}, "@id": "http://example.org/s", "a": ${'{"a": '.repeat(10_000)}"v"${'}'.repeat(10_001)}`,
        }),
      );
      expect(objects.code).toBe('TOO_DEEP');
    });

    it('still fails with a DataLoadError when the limit is raised past what jsonld.js can handle', async () => {
      const error = await dataLoadFailure(loadFolder({ 'deep.jsonld': deepArrayJsonLd(10_000) }, { maxJsonDepth: 1_000_000 }));
      expectNamesFile(error, 'deep.jsonld');
    });
  });

  describe('checks IRIs', () => {
    it.each([
      ['a javascript: IRI', '<javascript:alert(1)> <http://example.org/p> "v" .', 'javascript:alert(1)'],
      ['a bad percent escape', '<http://x/%zz> <http://example.org/p> "v" .', 'http://x/%zz'],
      ['a truncated percent escape', '<http://x/%2> <http://example.org/p> "v" .', 'http://x/%2'],
      ['an ftp: IRI', '<ftp://example.org/> <http://example.org/p> "v" .', 'ftp://example.org/'],
      ['a javascript: datatype', '<http://example.org/s> <http://example.org/p> "v"^^<javascript:alert(1)> .', 'javascript:alert(1)'],
      ['a bad graph IRI', '<http://example.org/s> <http://example.org/p> "v" <javascript:alert(1)> .', 'javascript:alert(1)'],
    ])('rejects %s as INVALID_IRI', async (_, line, iri) => {
      const error = await dataLoadFailure(loadFolder({ 'iri.nq': `${line}\n` }));
      expect(error.code).toBe('INVALID_IRI');
      expect(error.message).toContain(iri);
      expectNamesFile(error, 'iri.nq');
    });

    it('rejects a relative IRI in Turtle without @base as INVALID_IRI', async () => {
      const error = await dataLoadFailure(loadFolder({ 'relative.ttl': '<kommun/1880> <http://example.org/p> "v" .' }));
      expect(error.code).toBe('INVALID_IRI');
      expect(error.message).toContain('kommun/1880');
    });

    it('rejects a javascript: IRI in JSON-LD as INVALID_IRI', async () => {
      const error = await dataLoadFailure(
        loadFolder({ 'iri.jsonld': JSON.stringify({ '@id': 'javascript:alert(1)', 'http://example.org/p': 'v' }) }),
      );
      expect(error.code).toBe('INVALID_IRI');
    });

    it('rejects an IRI with a space (N3.js already refuses it as a syntax error)', async () => {
      for (const iri of ['<http://a b>', '<http://a\\u0020b>']) {
        const error = await dataLoadFailure(loadFolder({ 'space.ttl': `${iri} <http://example.org/p> "v" .` }));
        expect(error.code).toBe('SYNTAX_ERROR');
        expectNamesFile(error, 'space.ttl');
      }
    });

    it('rejects a control character in a JSON-LD @id as INVALID_IRI', async () => {
      const error = await dataLoadFailure(
        loadFolder({ 'control.jsonld': JSON.stringify({ '@id': 'http://example.org/\u0000', 'http://example.org/p': 'v' }) }),
      );
      expect(error.code).toBe('INVALID_IRI');
    });

    it('rejects an escaped DEL character in a Turtle IRI as INVALID_IRI', async () => {
      const error = await dataLoadFailure(loadFolder({ 'control.ttl': '<http://example.org/\\u007F> <http://example.org/p> "v" .' }));
      expect(error.code).toBe('INVALID_IRI');
    });

    it('accepts http, https, urn and mailto IRIs with valid escapes', async () => {
      const { files } = await loadFolder({
        'ok.nt':
          '<http://example.org/%C3%B6> <https://example.org/p> <urn:isbn:9789100000000> .\n' +
          '<urn:isbn:9789100000000> <http://example.org/p> <mailto:info@example.org> .\n',
      });
      expect(files[0]?.quadCount).toBe(2);
    });
  });

  describe('checks literals', () => {
    it.each([
      ['"abc"', 'integer'],
      ['"4.2"', 'integer'],
      ['"2022-13-01"', 'date'],
      ['"20x2"', 'gYear'],
      ['"yes"', 'boolean'],
      ['"1,5"', 'decimal'],
    ])('rejects %s^^xsd:%s as INVALID_LITERAL', async (value, datatype) => {
      const error = await dataLoadFailure(
        loadFolder({ 'literal.ttl': `<http://example.org/s> <http://example.org/p> ${value}^^<${XSD}${datatype}> .` }),
      );
      expect(error.code).toBe('INVALID_LITERAL');
      expect(error.message).toContain(value);
      expectNamesFile(error, 'literal.ttl');
    });

    it('rejects an impossible day of the month, "2022-02-30"^^xsd:date, as INVALID_LITERAL', async () => {
      const error = await dataLoadFailure(
        loadFolder({ 'literal.ttl': `<http://example.org/s> <http://example.org/p> "2022-02-30"^^<${XSD}date> .` }),
      );
      expect(error.code).toBe('INVALID_LITERAL');
    });

    it('rejects a bad typed value in JSON-LD as INVALID_LITERAL', async () => {
      const error = await dataLoadFailure(
        loadFolder({
          'literal.jsonld': JSON.stringify({
            '@id': 'http://example.org/s',
            'http://example.org/p': { '@value': '2022-13-01', '@type': `${XSD}date` },
          }),
        }),
      );
      expect(error.code).toBe('INVALID_LITERAL');
    });

    it('accepts valid integers, dates, years, booleans and decimals', async () => {
      const { files } = await loadFolder({
        'ok.ttl':
          `@prefix xsd: <${XSD}> .\n<http://example.org/s> <http://example.org/p> ` +
          '"-42"^^xsd:integer, "2024-02-29"^^xsd:date, "2022"^^xsd:gYear, "true"^^xsd:boolean, "1.5"^^xsd:decimal .',
      });
      expect(files[0]?.quadCount).toBe(5);
    });

    it('limits literals to a million characters by default', async () => {
      const literalOf = (length: number) => `<http://example.org/s> <http://example.org/p> "${'x'.repeat(length)}" .\n`;
      await expect(loadFolder({ 'lagom.nt': literalOf(1_000_000) })).resolves.toBeDefined();
      const error = await dataLoadFailure(loadFolder({ 'lang.nt': literalOf(1_000_001) }));
      expect(error.code).toBe('INVALID_LITERAL');
      expectNamesFile(error, 'lang.nt');
      expect(error.message).toContain('a literal of 1000001 characters exceeds the limit of 1000000');
    });

    it('rejects a literal longer than maxLiteralLength as INVALID_LITERAL and accepts one that fits', async () => {
      const document = { 'long.nt': '<http://example.org/s> <http://example.org/p> "0123456789A" .\n' };
      await expect(loadFolder(document, { maxLiteralLength: 11 })).resolves.toBeDefined();
      const error = await dataLoadFailure(loadFolder(document, { maxLiteralLength: 10 }));
      expect(error.code).toBe('INVALID_LITERAL');
      expectNamesFile(error, 'long.nt');
    });
  });

  describe('refuses files it should not read', () => {
    it('refuses a file larger than maxFileBytes as FILE_TOO_LARGE, counting bytes', async () => {
      const text = '<http://example.org/s> <http://example.org/p> "Örebro län" .\n';
      const bytes = Buffer.byteLength(text);
      await expect(loadFolder({ 'stor.nt': text }, { maxFileBytes: bytes })).resolves.toBeDefined();
      const error = await dataLoadFailure(loadFolder({ 'stor.nt': text }, { maxFileBytes: text.length }));
      expect(text.length).toBeLessThan(bytes);
      expect(error.code).toBe('FILE_TOO_LARGE');
      expectNamesFile(error, 'stor.nt');
      expect(error.message).toContain(`${bytes} bytes exceeds the limit of ${text.length}`);
    });

    it.each(['anteckningar.txt', 'data.rdf', 'README'])('refuses %s as UNSUPPORTED_FORMAT, naming the file types it reads', async (name) => {
      const error = await dataLoadFailure(loadFolder({ 'a.nt': TRIPLE, [name]: TRIPLE }));
      expect(error.code).toBe('UNSUPPORTED_FORMAT');
      expectNamesFile(error, name);
      for (const extension of ['.jsonld', '.ttl', '.nt', '.nq', '.trig']) expect(error.message).toContain(extension);
      expect(error.message).toBe(`${error.file}: unknown file type; expected one of .jsonld, .json, .ttl, .trig, .nt, .nq`);
    });

    it('refuses two files that would share a named graph (a.ttl and a.nt) as DUPLICATE_GRAPH, naming the graph and the other file', async () => {
      const error = await dataLoadFailure(loadFolder({ 'a.nt': TRIPLE, 'a.ttl': TRIPLE }));
      expect(error.code).toBe('DUPLICATE_GRAPH');
      expectNamesFile(error, 'a.ttl');
      expect(error.message).toContain('<https://w3id.org/kulturskola/dataset/a>');
      expect(error.message).toMatch(/\/a\.nt;/);
    });

    it('refuses a sub-folder named like a data file as FILE_UNREADABLE', async () => {
      const directory = await temporaryFolder({ 'a.nt': TRIPLE });
      await mkdir(join(directory, 'b.ttl'));
      const error = await dataLoadFailure(loadDataDirectory(directory));
      expect(error.code).toBe('FILE_UNREADABLE');
      expectNamesFile(error, 'b.ttl');
    });

    it('refuses a missing folder as FILE_UNREADABLE', async () => {
      const directory = join(await temporaryFolder({}), 'finns-inte');
      const error = await dataLoadFailure(loadDataDirectory(directory));
      expect(error.code).toBe('FILE_UNREADABLE');
      expect(error.file).toBe(directory);
      expect(error.message.startsWith(directory)).toBe(true);
    });
  });

  describe('refuses documents without data', () => {
    it.each([
      ['an empty Turtle file', 'tom.ttl', ''],
      ['a Turtle file with only a prefix and a comment', 'tom.ttl', '# inget här\n@prefix ex: <http://example.org/> .\n'],
      ['an empty N-Triples file', 'tom.nt', '\n'],
      ['an empty N-Quads file', 'tom.nq', ''],
      ['an empty TriG file', 'tom.trig', ''],
      ['a JSON-LD document with an empty graph', 'tom.jsonld', JSON.stringify({ '@context': CONTEXT, id: 'kg:dataset/tom', graph: [] })],
      ['an empty JSON-LD array', 'tom.jsonld', '[]'],
    ])('refuses %s as NO_DATA', async (_, name, text) => {
      const error = await dataLoadFailure(loadFolder({ [name]: text }));
      expect(error.code).toBe('NO_DATA');
      expectNamesFile(error, name);
    });

    it('refuses an empty folder, and one with only hidden files, as NO_DATA', async () => {
      for (const files of [{}, { '.gitkeep': '' }] as Array<Record<string, string>>) {
        const directory = await temporaryFolder(files);
        const error = await dataLoadFailure(loadDataDirectory(directory));
        expect(error.code).toBe('NO_DATA');
        expect(error.file).toBe(directory);
        expect(error.message).toBe(`${directory}: the folder holds no data files`);
      }
    });
  });

  describe('loads all or nothing', () => {
    it.each([
      ['after a good file', { 'a-bra.nt': TRIPLE, 'b-dalig.ttl': '<javascript:alert(1)> <http://example.org/p> "v" .' }],
      ['before a good file', { 'a-dalig.ttl': 'ex:s ex:p ex:o .', 'b-bra.nt': TRIPLE }],
    ])('rejects a folder with a bad file %s, naming the bad file', async (_, files) => {
      const bad = Object.keys(files).find((name) => name.includes('dalig'))!;
      const error = await dataLoadFailure(loadFolder(files));
      expectNamesFile(error, bad);
    });
  });
});

describe('loadFile', () => {
  it('gives the data a digest that changes with any file and a last-modified time', async () => {
    const first = await loadFolder({ 'a.ttl': '<http://example.org/s> <http://example.org/p> "1" .' });
    const same = await loadFolder({ 'a.ttl': '<http://example.org/s> <http://example.org/p> "1" .' });
    const changed = await loadFolder({ 'a.ttl': '<http://example.org/s> <http://example.org/p> "2" .' });
    expect(first.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(same.digest).toBe(first.digest);
    expect(changed.digest).not.toBe(first.digest);
    expect(first.lastModified.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('gives the data the modification time of its newest file as its last-modified time', async () => {
    const directory = await temporaryFolder({ 'a.nt': TRIPLE, 'b.nt': TRIPLE, 'c.nt': TRIPLE });
    await utimes(join(directory, 'a.nt'), new Date('2024-03-01T10:00:00Z'), new Date('2024-03-01T10:00:00Z'));
    await utimes(join(directory, 'b.nt'), new Date('2025-01-15T08:30:00Z'), new Date('2025-01-15T08:30:00Z'));
    await utimes(join(directory, 'c.nt'), new Date('2023-11-20T12:00:00Z'), new Date('2023-11-20T12:00:00Z'));
    const { lastModified, files } = await loadDataDirectory(directory);
    expect(lastModified.toISOString()).toBe('2025-01-15T08:30:00.000Z');
    expect(files.map(({ modified }) => modified.toISOString())).toEqual(['2024-03-01T10:00:00.000Z', '2025-01-15T08:30:00.000Z', '2023-11-20T12:00:00.000Z']);
  });

  it('parses one document into its graph with the given blank node prefix', async () => {
    const directory = await temporaryFolder({ 'enskild.ttl': '_:x <http://example.org/p> "v" .' });
    const { file, quads } = await loadFile(join(directory, 'enskild.ttl'), 'p9_');
    expect(file).toEqual({
      file: join(directory, 'enskild.ttl'),
      graph: datasetGraph('enskild'),
      quadCount: 1,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      modified: expect.any(Date),
    });
    expect(quads.map((q) => [q.subject.value, q.graph.value])).toEqual([['p9_x', `${KS}dataset/enskild`]]);
  });

  it('refuses a missing file as FILE_UNREADABLE', async () => {
    const path = join(await temporaryFolder({}), 'saknas.ttl');
    const error = await dataLoadFailure(loadFile(path, 'f0_'));
    expect(error.code).toBe('FILE_UNREADABLE');
    expect(error.file).toBe(path);
  });
});

// Helpers.

const temporaryFolders: string[] = [];

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  await Promise.all(temporaryFolders.map((directory) => rm(directory, { recursive: true, force: true })));
});

/** A new folder under the OS temp dir holding `files` (name → text). */
async function temporaryFolder(files: Record<string, string>): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'kulturskola-loader-'));
  temporaryFolders.push(directory);
  await Promise.all(Object.entries(files).map(([name, text]) => writeFile(join(directory, name), text)));
  return directory;
}

/** Writes `files` to a new folder and loads it. */
async function loadFolder(files: Record<string, string>, options?: LoadOptions): Promise<LoadedData> {
  return loadDataDirectory(await temporaryFolder(files), options);
}

/** The error is about the file `name` in the loaded folder, and its message starts with that file's path. */
function expectNamesFile(error: DataLoadError, name: string): void {
  expect(error.file.endsWith(`/${name}`) || error.file.endsWith(`\\${name}`)).toBe(true);
  expect(error.message.startsWith(`${error.file}: `)).toBe(true);
}


/** A JSON-LD document of exactly `depth` nested objects. */
function nestedJsonLd(depth: number): string {
  let node: object = { '@id': `http://example.org/n${depth}`, 'http://example.org/p': 'leaf' };
  for (let level = depth - 1; level >= 1; level--) {
    node = { '@id': `http://example.org/n${level}`, 'http://example.org/p': node };
  }
  return JSON.stringify(node);
}

/** A JSON-LD document whose value is a list nested `depth` arrays deep. */
function deepArrayJsonLd(depth: number): string {
  return `{"@id": "http://example.org/s", "http://example.org/p": ${'['.repeat(depth)}1${']'.repeat(depth)}}`;
}

function datasetGraph(stem: string): NamedNode {
  return namedNode(`${KS}dataset/${stem}`);
}

function quadOf(subject: string, predicate: NamedNode, object: Quad_Object, graph?: NamedNode) {
  return DataFactory.quad(namedNode(subject), predicate, object, graph);
}

function distinctSubjects(store: Store, predicate: NamedNode, object: NamedNode): number {
  return new Set(store.getSubjects(predicate, object, null).map((subject) => subject.value)).size;
}

/** Every quad as "s p o g", literals as "value"^^datatype (plain strings bare), sorted. */
function sortedQuads(store: Store): string[] {
  return store
    .getQuads(null, null, null, null)
    .map(({ subject, predicate, object, graph }) => {
      const value =
        object.termType === 'Literal'
          ? object.datatype.value === `${XSD}string`
            ? `"${object.value}"`
            : `"${object.value}"^^${object.datatype.value}`
          : object.value;
      return `${subject.value} ${predicate.value} ${value} ${graph.value}`;
    })
    .sort();
}
