import jsonld from 'jsonld';
import { Parser, Writer, type Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineDocumentLoader } from '../../src/rdf/offlineDocumentLoader.js';
import { expectPythonSuccess, RDFLIB_TO_NQUADS, runPython } from '../linkedData/linkedDataServer.js';
import { ask, kg, memberCodes, membersQuery, startSparqlTestServer, type SparqlTestServer } from './sparqlTestServer.js';

const ORG = 'http://www.w3.org/ns/org#';
const OREBRO_LAN = kg('samverkan/orebro-lan');
const membersGraphQuery = `PREFIX org: <${ORG}> CONSTRUCT { ?member org:memberOf <${OREBRO_LAN}> } WHERE { ?member org:memberOf <${OREBRO_LAN}> }`;
const memberIris = memberCodes.map((code) => kg(`kommun/${code}`));

let server: SparqlTestServer;
beforeAll(async () => {
  server = await startSparqlTestServer();
});
afterAll(() => server.close());

describe('SELECT results', () => {
  it('come as SPARQL XML for Accept: application/sparql-results+xml', async () => {
    const answer = await ask(server.endpoint, membersQuery, { accept: 'application/sparql-results+xml' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/sparql-results+xml; charset=utf-8');
    expect(answer.body).toMatch(/^<\?xml version="1\.0"\?><sparql xmlns="http:\/\/www\.w3\.org\/2005\/sparql-results#"><head><variable name="member"\/><variable name="code"\/><\/head>/);
    expect(answer.body.match(/<result>/g)).toHaveLength(11);
    expect(answer.body).toContain(`<binding name="member"><uri>${kg('kommun/1814')}</uri></binding>`);
  });

  it('come as CSV for Accept: text/csv, with the variables as header', async () => {
    const answer = await ask(server.endpoint, membersQuery, { accept: 'text/csv' });
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = answer.body.split('\r\n');
    expect(lines[0]).toBe('member,code');
    expect(lines.slice(1, -1)).toEqual(memberCodes.map((code) => `${kg(`kommun/${code}`)},${code}`));
  });

  it('come as TSV for Accept: text/tab-separated-values, with ?variables as header and terms in Turtle syntax', async () => {
    const answer = await ask(server.endpoint, membersQuery, { accept: 'text/tab-separated-values' });
    expect(answer.headers.get('content-type')).toBe('text/tab-separated-values; charset=utf-8');
    const lines = answer.body.split('\n');
    expect(lines[0]).toBe('?member\t?code');
    expect(lines[1]).toBe(`<${kg('kommun/1814')}>\t"1814"`);
    expect(lines.slice(1, -1)).toHaveLength(11);
  });

  it('follow the q-values in Accept', async () => {
    const answer = await ask(server.endpoint, membersQuery, { accept: 'application/sparql-results+json;q=0.5, text/csv;q=0.9, */*;q=0.1' });
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  });

  it('come as SPARQL JSON for Accept: application/json and */*', async () => {
    for (const accept of ['application/json', '*/*']) {
      const answer = await ask(server.endpoint, membersQuery, { accept });
      expect(answer.headers.get('content-type')).toBe('application/sparql-results+json; charset=utf-8');
    }
  });

  it('come in the format that the format parameter names when Accept allows it or allows no results format', async () => {
    const expected: Record<string, string> = {
      json: 'application/sparql-results+json',
      xml: 'application/sparql-results+xml',
      csv: 'text/csv',
      tsv: 'text/tab-separated-values',
      'text/csv': 'text/csv',
    };
    for (const accept of ['text/turtle', '*/*', 'application/sparql-results+json, */*;q=0.1']) {
      for (const [format, mediaType] of Object.entries(expected)) {
        const answer = await ask(server.endpoint, membersQuery, { accept, parameters: [['format', format]] });
        expect(answer.headers.get('content-type'), `${accept} ${format}`).toBe(`${mediaType}; charset=utf-8`);
      }
    }
  });

  it('come in the format that Accept names when the format parameter names another', async () => {
    const answer = await ask(server.endpoint, membersQuery, { accept: 'text/csv', parameters: [['format', 'json']] });
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.body.split('\r\n')[0]).toBe('member,code');
    const unknown = await ask(server.endpoint, membersQuery, { accept: 'application/sparql-results+xml', parameters: [['format', 'n3']] });
    expect(unknown.headers.get('content-type')).toBe('application/sparql-results+xml; charset=utf-8');
  });

  it('refuse an Accept header that allows none of them with 406 listing what is offered', async () => {
    const answer = await ask(server.endpoint, membersQuery, { accept: 'image/png' });
    expect(answer.status).toBe(406);
    expect(answer.headers.get('vary')).toBe('Accept');
    expect(answer.body).toBe(
      'None of the media types in Accept: "image/png" is offered here; offered: json (application/sparql-results+json), xml (application/sparql-results+xml), csv (text/csv), tsv (text/tab-separated-values)\n',
    );
  });

  it('refuse an unknown format parameter with 400 listing what is offered', async () => {
    const answer = await ask(server.endpoint, membersQuery, { parameters: [['format', 'ttl']] });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/^Unknown format "ttl"; offered: json \(application\/sparql-results\+json\), xml/);
  });
});

describe('ASK results', () => {
  it('come as SPARQL JSON with a boolean', async () => {
    const yes = await ask(server.endpoint, `ASK { <${kg('kommun/1880')}> <${ORG}memberOf> <${OREBRO_LAN}> }`);
    expect(JSON.parse(yes.body)).toEqual({ head: {}, boolean: true });
    const laxa = await ask(server.endpoint, `ASK { <${kg('kommun/1860')}> <${ORG}memberOf> <${OREBRO_LAN}> }`);
    expect(JSON.parse(laxa.body)).toEqual({ head: {}, boolean: false });
  });

  it('come as SPARQL XML with a boolean element', async () => {
    const answer = await ask(server.endpoint, 'ASK { ?s ?p ?o }', { accept: 'application/sparql-results+xml' });
    expect(answer.body).toMatch(/^<\?xml version="1\.0"\?><sparql xmlns="http:\/\/www\.w3\.org\/2005\/sparql-results#"><head><\/head><boolean>true<\/boolean><\/sparql>/);
  });
});

describe('CONSTRUCT results', () => {
  it('come as Turtle by default', async () => {
    const answer = await ask(server.endpoint, membersGraphQuery);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/turtle; charset=utf-8');
    expect(membersIn(parse(answer.body, 'text/turtle'))).toEqual(memberIris);
  });

  it('come as N-Triples for Accept: application/n-triples', async () => {
    const answer = await ask(server.endpoint, membersGraphQuery, { accept: 'application/n-triples' });
    expect(answer.headers.get('content-type')).toBe('application/n-triples; charset=utf-8');
    expect(answer.body.trim().split('\n')).toHaveLength(11);
    expect(membersIn(parse(answer.body, 'application/n-triples'))).toEqual(memberIris);
  });

  it('come as JSON-LD for Accept: application/ld+json, readable by jsonld.js offline', async () => {
    const answer = await ask(server.endpoint, membersGraphQuery, { accept: 'application/ld+json' });
    expect(answer.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    const nquads = (await jsonld.toRDF(JSON.parse(answer.body) as jsonld.JsonLdDocument, {
      format: 'application/n-quads',
      documentLoader: offlineDocumentLoader,
      safe: true,
    } as jsonld.Options.ToRdf)) as unknown as string;
    expect(membersIn(parse(nquads, 'application/n-quads'))).toEqual(memberIris);
  });

  it('come as RDF/XML for Accept: application/rdf+xml, readable by rdflib', async () => {
    const answer = await ask(server.endpoint, membersGraphQuery, { accept: 'application/rdf+xml' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/rdf+xml; charset=utf-8');
    expect(membersIn(await readWithRdflib(answer.body, 'xml'))).toEqual(memberIris);
  });

  it('come in the format that the format parameter names, in our names and in SPARQLWrapper\'s', async () => {
    const expected: Record<string, string> = {
      ttl: 'text/turtle',
      turtle: 'text/turtle',
      n3: 'text/turtle',
      nt: 'application/n-triples',
      jsonld: 'application/ld+json',
      'json-ld': 'application/ld+json',
      json: 'application/ld+json',
      rdf: 'application/rdf+xml',
      'rdf+xml': 'application/rdf+xml',
      xml: 'application/rdf+xml',
    };
    for (const [format, mediaType] of Object.entries(expected)) {
      const answer = await ask(server.endpoint, membersGraphQuery, { parameters: [['format', format]] });
      expect(answer.headers.get('content-type'), format).toBe(`${mediaType}; charset=utf-8`);
    }
  });

  it('come in the format that Accept names when the format parameter names another', async () => {
    const answer = await ask(server.endpoint, membersGraphQuery, { accept: 'application/n-triples', parameters: [['format', 'xml']] });
    expect(answer.headers.get('content-type')).toBe('application/n-triples; charset=utf-8');
    expect(membersIn(parse(answer.body, 'application/n-triples'))).toEqual(memberIris);
  });

  it('refuse a results-only Accept header with 406 listing the graph formats', async () => {
    const answer = await ask(server.endpoint, membersGraphQuery, { accept: 'application/sparql-results+json' });
    expect(answer.status).toBe(406);
    expect(answer.body).toMatch(/offered: ttl \(text\/turtle\), nt \(application\/n-triples\), jsonld \(application\/ld\+json\), rdf \(application\/rdf\+xml\)\n$/);
  });

  it('refuse RDF/XML with 406 naming a predicate that RDF/XML cannot write', async () => {
    const query = `CONSTRUCT { ?member <https://example.org/2024> <${OREBRO_LAN}> } WHERE { ?member <${ORG}memberOf> <${OREBRO_LAN}> }`;
    const answer = await ask(server.endpoint, query, { accept: 'application/rdf+xml' });
    expect(answer.status).toBe(406);
    expect(answer.body).toMatch(/^These results cannot be written as RDF\/XML: the IRI <https:\/\/example\.org\/2024> does not end in an XML name/);
    const turtle = await ask(server.endpoint, query, { accept: 'text/turtle' });
    expect(parse(turtle.body, 'text/turtle')).toHaveLength(11);
  });
});

describe('DESCRIBE results', () => {
  it('describe a municipality as Turtle with its name, code and county', async () => {
    const answer = await ask(server.endpoint, `DESCRIBE <${kg('kommun/1880')}>`);
    expect(answer.status).toBe(200);
    const quads = parse(answer.body, 'text/turtle');
    const about = (predicate: string) => quads.filter((quad) => quad.subject.value === kg('kommun/1880') && quad.predicate.value === predicate);
    expect(about('http://purl.org/dc/terms/identifier').map((quad) => quad.object.value)).toEqual(['1880']);
    expect(about(`${kg('def#')}county`).map((quad) => quad.object.value)).toEqual([kg('lan/18')]);
    expect(about('http://www.w3.org/2004/02/skos/core#prefLabel').map((quad) => quad.object.value).sort()).toEqual(['Örebro', 'Örebro Municipality']);
  });

  it('describe a municipality as RDF/XML with the same triples as Turtle, read by rdflib', async () => {
    const query = `DESCRIBE <${kg('kommun/1880')}>`;
    const rdfXml = await ask(server.endpoint, query, { accept: 'application/rdf+xml' });
    expect(rdfXml.headers.get('content-type')).toBe('application/rdf+xml; charset=utf-8');
    const turtle = await ask(server.endpoint, query, { accept: 'text/turtle' });
    const fromXml = (await readWithRdflib(rdfXml.body, 'xml')).map(tripleKey).sort();
    expect(fromXml).toEqual(parse(turtle.body, 'text/turtle').map(tripleKey).sort());
    expect(fromXml).toContain(`<${kg('kommun/1880')}> <http://purl.org/dc/terms/identifier> "1880" .`);
  });

  it('describe the resources a WHERE clause finds', async () => {
    const answer = await ask(server.endpoint, `DESCRIBE ?member WHERE { ?member <${ORG}memberOf> <${OREBRO_LAN}> }`, { accept: 'application/n-triples' });
    const subjects = new Set(parse(answer.body, 'application/n-triples').map((quad) => quad.subject.value));
    for (const member of memberIris) expect(subjects).toContain(member);
  });
});

function parse(text: string, format: string): Quad[] {
  return new Parser({ format }).parse(text);
}

/** The triples that Python's rdflib reads from `text` in its format `format` (`xml`: RDF/XML). */
async function readWithRdflib(text: string, format: string): Promise<Quad[]> {
  const run = await runPython(RDFLIB_TO_NQUADS, [format, server.endpoint], text);
  expectPythonSuccess(run);
  return parse(run.stdout, 'application/n-quads');
}

/** The triple as a line of N-Triples, without the graph. */
function tripleKey(quad: Quad): string {
  return new Writer({ format: 'N-Triples' }).quadToString(quad.subject, quad.predicate, quad.object).trim();
}

/** The subjects of org:memberOf Örebro län, sorted. */
function membersIn(quads: Quad[]): string[] {
  return quads
    .filter((quad) => quad.predicate.value === `${ORG}memberOf` && quad.object.value === OREBRO_LAN)
    .map((quad) => quad.subject.value)
    .sort();
}
