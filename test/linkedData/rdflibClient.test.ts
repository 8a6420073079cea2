import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectPythonSuccess,
  iri,
  parseWithN3,
  runPython,
  shippedData,
  startLinkedDataServer,
  type LinkedDataServer,
} from './linkedDataServer.js';

/**
 * Dereferences a URL as a generic RDF client does: rdflib's Graph().parse(url)
 * with no format, so rdflib sends its own Accept header and picks its parser
 * from our Content-Type. Prints the triples as N-Triples. Exits 3 without rdflib.
 */
const DEREFERENCE = `
import sys
try:
    from rdflib import Graph
except ImportError as error:
    sys.stderr.write("rdflib is not importable: %s\\n" % error)
    sys.exit(3)
graph = Graph()
graph.parse(sys.argv[1])
out = graph.serialize(format="nt")
sys.stdout.write(out.decode("utf-8") if isinstance(out, bytes) else out)
`;

let server: LinkedDataServer;

beforeAll(async () => {
  server = await startLinkedDataServer((await shippedData()).graph);
});

afterAll(async () => {
  await server?.close();
});

describe('an independent client (Python rdflib) dereferencing our IRIs', () => {
  it('reads /kommun/1883 with no format hint and finds dcterms:identifier "1883"', async () => {
    const run = await runPython(DEREFERENCE, [`${server.url}/kommun/1883`]);
    expectPythonSuccess(run);
    const triples = parseWithN3(run.stdout, 'application/n-triples');
    expect(triples.some((t) => t.subject.value === iri('kommun/1883') && t.predicate.value === 'http://purl.org/dc/terms/identifier' && t.object.value === '1883')).toBe(true);
    expect(triples.some((t) => t.predicate.value === 'http://www.w3.org/ns/org#member' && t.object.value === iri('kommun/1883'))).toBe(true);
  });

  it('is answered RDF/XML, which rdflib asks for first', async () => {
    const accept = server.accepts.find(({ path }) => path === '/kommun/1883')?.accept;
    expect(accept).toMatch(/^application\/rdf\+xml/);
    const response = await fetch(`${server.url}/kommun/1883`, { headers: { accept: accept! } });
    expect(response.headers.get('content-type')).toBe('application/rdf+xml; charset=utf-8');
  });

  it('reads /def with no format hint and finds the terms with their labels', async () => {
    const run = await runPython(DEREFERENCE, [`${server.url}/def`]);
    expectPythonSuccess(run);
    const triples = parseWithN3(run.stdout, 'application/n-triples');
    const labels = triples.filter((t) => t.subject.value === iri('def#county') && t.predicate.value === 'http://www.w3.org/2000/01/rdf-schema#label');
    expect(labels.map((t) => `${t.object.value}@${(t.object as { language: string }).language}`).sort()).toEqual(['county@en', 'län@sv']);
    expect(triples.some((t) => t.subject.value === iri('def') && t.object.value === 'http://www.w3.org/2002/07/owl#Ontology')).toBe(true);
  });
});
