import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DataFactory, Parser, Writer } from 'n3';
import type { Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES, prepareDataset, type PrepareInput } from '../../src/publish/prepareDataset.js';
import { PublishError } from '../../src/publish/PublishError.js';
import { loadShippedReferenceData, referenceDataFromQuads } from '../../src/publish/ReferenceData.js';
import { dataPath } from '../../src/rdf/dataPath.js';
import { loadFile } from '../../src/rdf/loadDataDirectory.js';
import { BASE_IRI, kg, org, rdf, sh, skos } from '../../src/rdf/vocabulary.js';

const reference = await loadShippedReferenceData();
const orebroJsonLd = await readFile(dataPath('graphs/orebro-lan.jsonld'));
const orebroQuads = (await loadFile(dataPath('graphs/orebro-lan.jsonld'), 'o_')).quads;
const orebroTriples = orebroQuads.map(({ subject, predicate, object }) => DataFactory.quad(subject, predicate, object));
const orebro = await prepareDataset({ slug: 'orebro-lan', mediaType: 'application/ld+json', body: orebroJsonLd }, reference);

describe('prepareDataset', () => {
  describe('the shipped Örebro dataset', () => {
    it('passes every check, and comes back as its triples in canonical N-Triples, sorted, each line ending in a newline', () => {
      const lines = orebro.content.split('\n');

      expect(lines.pop()).toBe('');
      expect(lines).toEqual([...lines].sort());
      expect(new Set(lines).size).toBe(lines.length);
      expect(orebro.triples).toBe(orebroQuads.length);
      expect(new Parser({ format: 'N-Triples' }).parse(orebro.content)).toHaveLength(orebroQuads.length);
      expect(lines.filter((line) => line.includes('_:')).every((line) => /_:c14n\d+/.test(line))).toBe(true);
    });

    it('hashes its canonical content with SHA-256', () => {
      expect(orebro.sha256).toBe(createHash('sha256').update(orebro.content).digest('hex'));
    });

    it('has the same canonical form in Turtle, N-Triples and N-Quads as in JSON-LD', async () => {
      const bodies: PrepareInput[] = [
        { slug: 'orebro-lan', mediaType: 'text/turtle', body: Buffer.from(write(orebroTriples, 'text/turtle')) },
        { slug: 'orebro-lan', mediaType: 'application/n-triples', body: Buffer.from(write(orebroTriples, 'N-Triples')) },
        { slug: 'orebro-lan', mediaType: 'application/n-quads', body: Buffer.from(write(orebroQuads, 'N-Quads')) },
      ];

      for (const body of bodies) expect((await prepareDataset(body, reference)).sha256, body.mediaType).toBe(orebro.sha256);
    });

    it('has the same canonical form with its lines in another order and its blank nodes labelled otherwise', async () => {
      const nTriples = write(orebroTriples, 'N-Triples');
      const lines = nTriples.trimEnd().split('\n').reverse();
      const relabelled = lines.map((line) => line.replaceAll(/_:(\S+)/g, '_:someone_else_$1')).join('\n');
      expect(relabelled).toContain('_:someone_else_');

      const prepared = await prepareDataset({ slug: 'orebro-lan', mediaType: 'application/n-triples', body: Buffer.from(relabelled) }, reference);

      expect(prepared.sha256).toBe(orebro.sha256);
    });

    it('counts a triple written twice once', async () => {
      const twice = `${write(orebroTriples, 'N-Triples')}${write(orebroTriples.slice(0, 5), 'N-Triples')}`;

      const prepared = await prepareDataset({ slug: 'orebro-lan', mediaType: 'application/n-triples', body: Buffer.from(twice) }, reference);

      expect(prepared).toEqual(orebro);
    });
  });

  it.each(['kommuner', 'katalog', 'vokabular'])('accepts the shipped %s dataset under its own name', async (slug) => {
    const body = await readFile(dataPath(`graphs/${slug}.jsonld`));

    const prepared = await prepareDataset({ slug, mediaType: 'application/ld+json', body }, reference);

    expect(prepared.triples).toBe((await loadFile(dataPath(`graphs/${slug}.jsonld`), 'x_')).quads.length);
  });

  describe('1. the request and the syntax', () => {
    it('refuses a slug that is no dataset name, with 400', async () => {
      const error = await refusal({ slug: 'Örebro_län', mediaType: 'text/turtle', body: orebroJsonLd });

      expect([error.code, error.status]).toEqual(['BAD_REQUEST', 400]);
      expect(error.message).toContain('"Örebro_län" is no dataset name');
    });

    it('refuses a media type it does not read with 415, naming those it reads', async () => {
      const error = await refusal({ slug: 'orebro-lan', mediaType: 'text/plain', body: orebroJsonLd });

      expect([error.code, error.status]).toEqual(['UNSUPPORTED_MEDIA_TYPE', 415]);
      expect(error.message).toBe(
        'The media type "text/plain" cannot be published; send one of application/ld+json, application/json, text/turtle, application/n-triples, application/n-quads',
      );
    });

    it('refuses a body without a Content-Type with 415', async () => {
      expect((await refusal({ slug: 'orebro-lan', mediaType: '', body: orebroJsonLd })).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('refuses a charset other than UTF-8 with 415', async () => {
      const error = await refusal({ slug: 'orebro-lan', mediaType: 'application/ld+json; charset=ISO-8859-1', body: orebroJsonLd });

      expect([error.code, error.message]).toEqual(['UNSUPPORTED_MEDIA_TYPE', 'The charset "iso-8859-1" is not supported; send the body in UTF-8']);
    });

    it('reads media types with parameters, in any case, and application/json as JSON-LD', async () => {
      for (const mediaType of ['Application/LD+JSON; charset="UTF-8"', 'application/json', 'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"']) {
        expect((await prepareDataset({ slug: 'orebro-lan', mediaType, body: orebroJsonLd }, reference)).sha256, mediaType).toBe(orebro.sha256);
      }
    });

    it('refuses a body over the limit with 413, before reading it', async () => {
      const error = await refusal({ slug: 'orebro-lan', mediaType: 'application/ld+json', body: orebroJsonLd }, { maxBytes: 1000 });

      expect([error.code, error.status]).toEqual(['TOO_LARGE', 413]);
      expect(error.message).toBe(`The body is ${orebroJsonLd.byteLength} bytes, more than the limit of 1000 bytes for a dataset`);
    });

    it('has a limit of 10 MB by default', async () => {
      const body = Buffer.alloc(DEFAULT_MAX_BODY_BYTES + 1, ' ');

      expect(DEFAULT_MAX_BODY_BYTES).toBe(10 * 1024 * 1024);
      expect((await refusal({ slug: 'orebro-lan', mediaType: 'text/turtle', body })).code).toBe('TOO_LARGE');
    });

    it('refuses a body that is not UTF-8 with 400', async () => {
      const body = Buffer.concat([Buffer.from('<https://w3id.org/kulturskola/x> <http://www.w3.org/2004/02/skos/core#prefLabel> "'), Buffer.from([0xd6]), Buffer.from('rebro" .')]);

      const error = await refusal({ slug: 'orebro-lan', mediaType: 'application/n-triples', body });

      expect([error.code, error.status, error.message]).toEqual(['SYNTAX_ERROR', 400, 'The body is not valid UTF-8']);
    });

    it('refuses a Turtle syntax error with 400, naming its line', async () => {
      const body = turtle(`
        <samverkan/test> a org:OrganizationalCollaboration ;
          skos:prefLabel "Test"@sv
        <samverkan/test2> a org:OrganizationalCollaboration .
      `);
      const line = body.toString().split('\n').findIndex((text) => text.includes('<samverkan/test2>')) + 1;

      const error = await refusal({ slug: 'test', mediaType: 'text/turtle', body });

      expect([error.code, error.status]).toEqual(['SYNTAX_ERROR', 400]);
      expect(error.message).toBe(`The body is not valid Turtle: Expected punctuation to follow ""Test"@sv" on line ${line}.`);
      expect(error.details).toEqual({ line });
    });

    it('refuses broken JSON with 400, naming its line and column', async () => {
      const body = Buffer.from('{\n  "@context": "https://w3id.org/kulturskola/context.jsonld",\n  "id": "kg:x",,\n  "name": {"sv": "X"}\n}');

      const error = await refusal({ slug: 'test', mediaType: 'application/ld+json', body });

      expect([error.code, error.status]).toEqual(['SYNTAX_ERROR', 400]);
      expect(error.message).toMatch(/^The body is not valid JSON-LD: not valid JSON: /);
      // The second comma of `  "id": "kg:x",,`
      expect(error.details).toEqual({ line: 3, column: 16 });
    });

    it('refuses a remote JSON-LD context with 400, and fetches nothing', async () => {
      const body = Buffer.from(JSON.stringify({ '@context': 'https://example.org/context.jsonld', '@id': 'https://w3id.org/kulturskola/x', name: 'X' }));

      const error = await refusal({ slug: 'test', mediaType: 'application/ld+json', body });

      expect([error.code, error.status]).toEqual(['SYNTAX_ERROR', 400]);
      expect(error.message).toContain('refused to load "https://example.org/context.jsonld": only bundled JSON-LD contexts are allowed');
    });

    it('refuses an IRI the loader does not accept with 400', async () => {
      const error = await refusal({ slug: 'test', mediaType: 'application/n-triples', body: Buffer.from('<https://w3id.org/kulturskola/x> <http://www.w3.org/2004/02/skos/core#prefLabel> <ftp://example.org/x> .') });

      expect([error.code, error.message]).toEqual(['SYNTAX_ERROR', 'The body cannot be published: IRI <ftp://example.org/x> is not an absolute http, https, urn or mailto IRI']);
    });

    it('refuses a document without triples with 400', async () => {
      for (const [mediaType, text] of [['text/turtle', '@prefix org: <http://www.w3.org/ns/org#> .\n'], ['application/ld+json', '{"@context": "https://w3id.org/kulturskola/context.jsonld", "graph": []}']]) {
        const error = await refusal({ slug: 'test', mediaType: mediaType!, body: Buffer.from(text!) });

        expect([error.code, error.message], mediaType).toEqual(['SYNTAX_ERROR', 'The body cannot be published: the document contains no triples']);
      }
    });
  });

  describe('2. the graph', () => {
    it('refuses N-Quads in a named graph other than the dataset\'s with 422, one result per graph', async () => {
      const other = kg.dataset('kommuner').value;
      const body = Buffer.from(`<${BASE_IRI}x> <${skos.prefLabel.value}> "X"@sv <${other}> .\n<${BASE_IRI}y> <${skos.prefLabel.value}> "Y"@sv <${other}> .\n`);

      const error = await refusal({ slug: 'test', mediaType: 'application/n-quads', body });

      expect([error.code, error.status]).toEqual(['NOT_CONFORMING', 422]);
      expect(error.details.report).toEqual({
        conforms: false,
        check: 'graph',
        results: [
          {
            focusNode: other,
            path: null,
            value: null,
            message: `The body writes into the named graph <${other}>; the dataset test may write only into its own graph <${kg.dataset('test').value}> (or the default graph, which is the same)`,
            severity: 'Violation',
            constraint: 'graph',
            shape: null,
          },
        ],
      });
    });

    it('accepts N-Quads in the dataset\'s own graph and in the default graph alike', async () => {
      const own = kg.dataset('test').value;
      const body = Buffer.from(`<${BASE_IRI}x> <${skos.prefLabel.value}> "X"@sv <${own}> .\n<${BASE_IRI}y> <${skos.prefLabel.value}> "Y"@sv .\n`);

      expect((await prepareDataset({ slug: 'test', mediaType: 'application/n-quads', body }, reference)).triples).toBe(2);
    });
  });

  describe('3. the SHACL shapes', () => {
    it('refuse a membership without org:role with 422 and the report', async () => {
      const body = turtle(`
        <samverkan/test> a org:OrganizationalCollaboration ; skos:prefLabel "Testsamverkan"@sv .
        <samverkan/test/medlemskap/1880> a org:Membership ;
          org:member <kommun/1880> ;
          org:organization <samverkan/test> .
      `);

      const error = await refusal({ slug: 'test', mediaType: 'text/turtle', body });

      expect([error.code, error.status]).toEqual(['NOT_CONFORMING', 422]);
      expect(error.message).toBe('The dataset does not pass the SHACL shapes: A membership has exactly one org:role, a skos:Concept');
      expect(error.details.report).toEqual({
        conforms: false,
        check: 'shacl',
        results: [
          {
            focusNode: `${BASE_IRI}samverkan/test/medlemskap/1880`,
            path: org.role.value,
            value: null,
            message: 'A membership has exactly one org:role, a skos:Concept',
            severity: 'Violation',
            constraint: `${sh.iri}MinCountConstraintComponent`,
            shape: expect.stringMatching(/^_:/),
          },
        ],
      });
    });

    it('see the reference list and the vocabulary: a member municipality is an organisation and a role is a concept', async () => {
      const body = turtle(`
        <samverkan/test> a org:OrganizationalCollaboration ; skos:prefLabel "Testsamverkan"@sv ; dcterms:spatial <lan/18> .
        <samverkan/test/medlemskap/1880> a org:Membership ;
          org:member <kommun/1880> ;
          org:organization <samverkan/test> ;
          org:role <roll/medlem> .
      `);

      expect((await prepareDataset({ slug: 'test', mediaType: 'text/turtle', body }, reference)).triples).toBe(7);
    });

    it('report the value that breaks a shape', async () => {
      const body = turtle('<samverkan/test> a org:OrganizationalCollaboration ; skos:prefLabel "Test"@sv ; dcterms:spatial <kommun/1880> .');

      const { report } = (await refusal({ slug: 'test', mediaType: 'text/turtle', body })).details;

      expect(report?.results.map(({ focusNode, path, value, constraint }) => ({ focusNode, path, value, constraint }))).toEqual([
        { focusNode: `${BASE_IRI}samverkan/test`, path: 'http://purl.org/dc/terms/spatial', value: `<${BASE_IRI}kommun/1880>`, constraint: `${sh.iri}ClassConstraintComponent` },
      ]);
    });

    it('see the vocabulary\'s class hierarchy: a school year is a period of time, whose start is a year or a date', async () => {
      const body = turtle('<tid/test> a ks:SchoolYear ; dcat:startDate "2022"^^xsd:string .');

      const { report } = (await refusal({ slug: 'test', mediaType: 'text/turtle', body })).details;

      expect(report?.results.map(({ focusNode, path, value, constraint }) => ({ focusNode, path, value, constraint }))).toEqual([
        { focusNode: `${BASE_IRI}tid/test`, path: 'http://www.w3.org/ns/dcat#startDate', value: `"2022"`, constraint: `${sh.iri}OrConstraintComponent` },
      ]);
    });

    it('see every municipality when a body changes what a class means, not only those the body names', async () => {
      const body = turtle('ks:Municipality rdfs:subClassOf schema:Project .');

      const { report } = (await refusal({ slug: 'test', mediaType: 'text/turtle', body })).details;

      expect(report?.check).toBe('shacl');
      expect(report?.results.filter(({ path }) => path === `${BASE_IRI}def#initiatedBy`)).toHaveLength(reference.iris.size - 21);
    });
  });

  describe('4. the references', () => {
    it('refuse links to a municipality and a county not in the reference list with 422, one result per unknown IRI', async () => {
      const body = turtle(`
        <samverkan/test> a org:OrganizationalCollaboration ; skos:prefLabel "Test"@sv ; dcterms:spatial <lan/18> .
        <samverkan/test/medlemskap/9999> a org:Membership ;
          org:member <kommun/9999> ; org:organization <samverkan/test> ; org:role <roll/medlem> .
        <kommun/9999> org:memberOf <samverkan/test> ; org:linkedTo <lan/99> .
      `);

      const error = await refusal({ slug: 'test', mediaType: 'text/turtle', body });

      expect([error.code, error.status]).toEqual(['NOT_CONFORMING', 422]);
      expect(error.details.report).toEqual({
        conforms: false,
        check: 'reference',
        results: [
          {
            focusNode: `${BASE_IRI}samverkan/test/medlemskap/9999`,
            path: org.member.value,
            value: `<${BASE_IRI}kommun/9999>`,
            message: `<${BASE_IRI}kommun/9999> is no municipality in the national reference list of municipalities and counties`,
            severity: 'Violation',
            constraint: 'reference',
            shape: null,
          },
          {
            focusNode: `${BASE_IRI}kommun/9999`,
            path: org.linkedTo.value,
            value: `<${BASE_IRI}lan/99>`,
            message: `<${BASE_IRI}lan/99> is no county in the national reference list of municipalities and counties`,
            severity: 'Violation',
            constraint: 'reference',
            shape: null,
          },
        ],
      });
    });

    it('accept a resource under a municipality that exists, such as its culture school, and refuse one under a municipality that does not', async () => {
      const school = (code: string) =>
        turtle(`<kommun/${code}/kulturskola> a org:OrganizationalUnit ; skos:prefLabel "Kulturskolan"@sv ; org:unitOf <kommun/1880> .`);

      expect((await prepareDataset({ slug: 'test', mediaType: 'text/turtle', body: school('1880') }, reference)).triples).toBe(3);
      expect((await refusal({ slug: 'test', mediaType: 'text/turtle', body: school('1899') })).details.report?.results).toEqual([
        {
          focusNode: `${BASE_IRI}kommun/1899/kulturskola`,
          path: null,
          value: `<${BASE_IRI}kommun/1899/kulturskola>`,
          message: `<${BASE_IRI}kommun/1899/kulturskola> lies under <${BASE_IRI}kommun/1899>, which is no municipality in the national reference list of municipalities and counties`,
          severity: 'Violation',
          constraint: 'reference',
          shape: null,
        },
      ]);
    });
  });

  describe('5. authority', () => {
    it('refuses a dataset that states the name of a municipality with 422', async () => {
      const body = turtle('<kommun/1880> skos:prefLabel "Hallsbergs kommun"@sv .');

      const error = await refusal({ slug: 'test', mediaType: 'text/turtle', body });

      expect([error.code, error.status]).toEqual(['NOT_CONFORMING', 422]);
      expect(error.details.report).toEqual({
        conforms: false,
        check: 'authority',
        results: [
          {
            focusNode: `${BASE_IRI}kommun/1880`,
            path: skos.prefLabel.value,
            value: '"Hallsbergs kommun"@sv',
            message: `Only the reference dataset kommuner states the name of <${BASE_IRI}kommun/1880>; link to it instead of describing it`,
            severity: 'Violation',
            constraint: 'authority',
            shape: null,
          },
        ],
      });
    });

    it('refuses the type, code and county of a county or municipality, even as the reference list states them', async () => {
      const body = turtle(`
        <lan/18> a ks:County .
        <kommun/1880> dcterms:identifier "1880" ; ks:county <lan/18> .
      `);

      const { report } = (await refusal({ slug: 'test', mediaType: 'text/turtle', body })).details;

      expect(report?.results.map(({ focusNode, path }) => [focusNode.slice(BASE_IRI.length), path])).toEqual([
        ['kommun/1880', 'http://purl.org/dc/terms/identifier'],
        ['kommun/1880', `${BASE_IRI}def#county`],
        ['lan/18', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'],
      ]);
    });
  });

  describe('the reference dataset', () => {
    const kommunerText = readFile(dataPath('graphs/kommuner.jsonld'), 'utf8');
    const withNewMunicipality = async () => {
      const shipped = JSON.parse(await kommunerText) as { graph: object[] };
      shipped.graph.push({ id: 'kg:kommun/1899', type: ['ks:Municipality', 'org:FormalOrganization'], identifier: '1899', name: { sv: 'Nykommun' }, county: 'kg:lan/18' });
      return Buffer.from(JSON.stringify(shipped));
    };

    it('is its own reference list when it is published: a new municipality is accepted', async () => {
      const prepared = await prepareDataset({ slug: 'kommuner', mediaType: 'application/ld+json', body: await withNewMunicipality() }, reference);

      expect(prepared.content).toContain(`<${BASE_IRI}kommun/1899> <${skos.prefLabel.value}> "Nykommun"@sv .\n`);
    });

    it('once it is the reference, lets other datasets link to the new municipality', async () => {
      const prepared = await prepareDataset({ slug: 'kommuner', mediaType: 'application/ld+json', body: await withNewMunicipality() }, reference);
      const newReference = referenceDataFromQuads(new Parser({ format: 'N-Triples' }).parse(prepared.content), reference.vocabulary);
      const body = turtle('<samverkan/orebro-lan> org:linkedTo <kommun/1899> .');

      expect((await refusal({ slug: 'test', mediaType: 'text/turtle', body })).details.report?.check).toBe('reference');
      expect((await prepareDataset({ slug: 'test', mediaType: 'text/turtle', body }, newReference)).triples).toBe(1);
    });

    it('must hold every county its municipalities lie in', async () => {
      const shipped = JSON.parse(await kommunerText) as { graph: Array<{ id: string }> };
      shipped.graph = shipped.graph.filter(({ id }) => id !== 'kg:lan/18');

      const error = await refusal({ slug: 'kommuner', mediaType: 'application/ld+json', body: Buffer.from(JSON.stringify(shipped)) });

      expect(error.details.report?.check).toBe('reference');
      expect(error.details.report?.results.map(({ path, value, message }) => ({ path, value, message }))).toEqual([
        {
          path: `${BASE_IRI}def#county`,
          value: `<${BASE_IRI}lan/18>`,
          message: `<${BASE_IRI}lan/18> is no county in the national reference list of municipalities and counties`,
        },
      ]);
    });
  });

  describe('the first check that finds a problem wins', () => {
    it('a wrong graph before SHACL and references', async () => {
      const body = Buffer.from(`<${BASE_IRI}m> <${rdf.type.value}> <${org.Membership.value}> <${kg.dataset('other').value}> .\n<${BASE_IRI}m> <${org.member.value}> <${BASE_IRI}kommun/9999> .\n`);

      expect((await refusal({ slug: 'test', mediaType: 'application/n-quads', body })).details.report?.check).toBe('graph');
    });

    it('SHACL before references, leaving what is wrong with an unknown municipality to the reference check', async () => {
      const body = turtle(`
        <samverkan/test> a org:OrganizationalCollaboration ; skos:prefLabel "Test"@sv .
        <samverkan/test/medlemskap/9999> a org:Membership ; org:member <kommun/9999> ; org:organization <samverkan/test> .
      `);

      const { report } = (await refusal({ slug: 'test', mediaType: 'text/turtle', body })).details;

      expect(report?.check).toBe('shacl');
      expect(report?.results.map(({ path }) => path)).toEqual([org.role.value]);
    });

    it('references before authority', async () => {
      const body = turtle('<kommun/1880> skos:prefLabel "Hallsberg"@sv ; org:linkedTo <kommun/9999> .');

      expect((await refusal({ slug: 'test', mediaType: 'text/turtle', body })).details.report?.check).toBe('reference');
    });

    it('the media type before the size', async () => {
      expect((await refusal({ slug: 'test', mediaType: 'text/html', body: orebroJsonLd }, { maxBytes: 10 })).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('the canonical form', () => {
    it('refuses blank nodes too alike to be told apart in reasonable time with 400', async () => {
      const lines: string[] = [];
      for (let i = 0; i < 30; i++) for (let j = 0; j < 30; j++) if (i !== j) lines.push(`_:n${i} <${org.linkedTo.value}> _:n${j} .`);

      const error = await refusal({ slug: 'test', mediaType: 'application/n-triples', body: Buffer.from(lines.join('\n')) });

      expect([error.code, error.status]).toEqual(['BAD_REQUEST', 400]);
      expect(error.message).toBe("The body's blank nodes are too alike to be told apart in reasonable time (RDF canonicalization gave up); give some of them IRIs");
    });
  });
});

async function refusal(input: PrepareInput, limits?: { maxBytes?: number }): Promise<PublishError> {
  try {
    await prepareDataset(input, reference, limits);
  } catch (error) {
    if (error instanceof PublishError) return error;
    throw error;
  }
  throw new Error(`${input.slug} was accepted`);
}

const TURTLE_PRELUDE = `@base <${BASE_IRI}> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix ks: <${BASE_IRI}def#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
`;

function turtle(text: string): Buffer {
  return Buffer.from(TURTLE_PRELUDE + text);
}

function write(quads: readonly Quad[], format: string): string {
  let text = '';
  const writer = new Writer({ format });
  writer.addQuads([...quads]);
  writer.end((error, result) => {
    if (error) throw error;
    text = result;
  });
  return text;
}
