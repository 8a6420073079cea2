import { PassThrough } from 'node:stream';
import { DataFactory, Store } from 'n3';
import type { Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { kg, org, rdfs, skos, xsd } from '../../src/rdf/vocabulary.js';
import { writeRdf } from '../../src/rdf/writeRdf.js';
import {
  RDFLIB_TO_NQUADS,
  expectPythonSuccess,
  iri,
  keysOf,
  parseWithN3,
  runPython,
  startLinkedDataServer,
  type LinkedDataServer,
} from './linkedDataServer.js';

const { namedNode, blankNode, literal, quad } = DataFactory;

const graph = kg.dataset('rdfxml');
const tricky = namedNode(iri('test/tricky'));
const numbered = namedNode(iri('test/numbered'));
const trickyQuads: Quad[] = [
  quad(tricky, skos.prefLabel, literal('a < b && c > "d" \'e\' ]]> f', 'sv'), graph),
  quad(tricky, rdfs.comment, literal('rad ett\nrad två\ttabb'), graph),
  quad(tricky, namedNode('https://example.org/vocab#ålder'), literal('7', xsd.integer), graph),
  quad(tricky, org.linkedTo, blankNode('x'), graph),
  quad(blankNode('x'), rdfs.label, literal('nested', 'en'), graph),
];

let server: LinkedDataServer;

beforeAll(async () => {
  const store = new Store([...trickyQuads, quad(numbered, namedNode('https://example.org/vocab/123'), literal('x'), graph)]);
  server = await startLinkedDataServer(new StoreGraph(store));
});

afterAll(async () => {
  await server?.close();
});

describe('writeRdf as RDF/XML', () => {
  it('writes markup characters, line breaks, language tags, datatypes, non-ASCII names and blank nodes that rdflib reads back', async () => {
    const run = await runPython(RDFLIB_TO_NQUADS, ['xml', iri('test/')], await written(trickyQuads));
    expectPythonSuccess(run);
    expect(keysOf(parseWithN3(run.stdout, 'application/n-quads'), false)).toEqual(keysOf(trickyQuads, false));
  });

  it('refuses, naming it, a predicate whose IRI does not end in an XML name', async () => {
    const predicate = 'https://example.org/vocab/123';
    await expect(written([quad(numbered, namedNode(predicate), literal('x'))])).rejects.toThrow(
      `RDF/XML cannot write the predicate <${predicate}>: its IRI does not end in an XML name`,
    );
  });
});

describe('GET a resource that RDF/XML cannot write', () => {
  it('answers 406 for RDF/XML, naming the predicate and the formats that work', async () => {
    const response = await fetch(`${server.url}/test/numbered`, { headers: { accept: 'application/rdf+xml' } });
    expect(response.status).toBe(406);
    const message = await response.text();
    expect(message).toContain('<https://example.org/vocab/123>');
    expect(message).toContain('ttl (text/turtle)');
    expect(message).not.toContain('rdf (application/rdf+xml)');
  });

  it('still answers Turtle', async () => {
    expect((await fetch(`${server.url}/test/numbered`)).status).toBe(200);
  });
});

async function written(quads: Quad[]): Promise<string> {
  const output = new PassThrough();
  let text = '';
  output.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  await writeRdf(quads, 'rdfxml', output);
  return text;
}
