import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kg, memberCodes, startSparqlTestServer, type SparqlTestServer } from './sparqlTestServer.js';

/** Debian's Python, where apt installs python3-sparqlwrapper and python3-rdflib. */
const PYTHON = '/usr/bin/python3';

/** Exit code of the script when a module is missing; it prints the module's name. */
const MISSING_MODULE = 3;

/**
 * Asks the endpoint for the members three ways with SPARQLWrapper as any
 * client would (its default parameters, its own Accept headers): a GET
 * SELECT as JSON, a POSTed SELECT as XML, and a CONSTRUCT as Turtle that
 * rdflib reads into a graph. Prints what each found as JSON.
 */
const script = String.raw`
import json, sys
try:
    from SPARQLWrapper import SPARQLWrapper, JSON, XML, TURTLE, POST
except ImportError:
    print("SPARQLWrapper", file=sys.stderr)
    sys.exit(${MISSING_MODULE})
try:
    import rdflib
except ImportError:
    print("rdflib", file=sys.stderr)
    sys.exit(${MISSING_MODULE})

endpoint, collaboration = sys.argv[1], sys.argv[2]
select = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?member ?code WHERE { ?member org:memberOf <%s> ; dcterms:identifier ?code } ORDER BY ?code
""" % collaboration

client = SPARQLWrapper(endpoint)
client.setQuery(select)
client.setReturnFormat(JSON)
json_codes = [b["code"]["value"] for b in client.query().convert()["results"]["bindings"]]

client = SPARQLWrapper(endpoint)
client.setQuery(select)
client.setMethod(POST)
client.setReturnFormat(XML)
document = client.query().convert()
xml_codes = [
    binding.getElementsByTagName("literal")[0].firstChild.data
    for binding in document.getElementsByTagName("binding")
    if binding.getAttribute("name") == "code"
]

client = SPARQLWrapper(endpoint)
client.setQuery("""
PREFIX org: <http://www.w3.org/ns/org#>
CONSTRUCT { ?member org:memberOf <%s> } WHERE { ?member org:memberOf <%s> }
""" % (collaboration, collaboration))
client.setReturnFormat(TURTLE)
graph = rdflib.Graph()
graph.parse(data=client.query().convert(), format="turtle")
members = sorted(str(s) for s in graph.subjects(rdflib.URIRef("http://www.w3.org/ns/org#memberOf"), rdflib.URIRef(collaboration)))

print(json.dumps({"json": json_codes, "xml": xml_codes, "construct": members, "triples": len(graph)}))
`;

let server: SparqlTestServer;
beforeAll(async () => {
  server = await startSparqlTestServer();
});
afterAll(() => server.close());

describe('an independent client, Python SPARQLWrapper', () => {
  it('finds the eleven members with SELECT (JSON over GET, XML over POST) and CONSTRUCT read by rdflib', async () => {
    const { code, stdout, stderr } = await runPython(script, [server.endpoint, kg('samverkan/orebro-lan')]);
    if (code === MISSING_MODULE) {
      throw new Error(
        `${PYTHON} lacks the Python module ${stderr.trim()}: install it with "apt-get install -y python3-sparqlwrapper python3-rdflib" (.ci/run must install them too)`,
      );
    }
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      json: memberCodes,
      xml: memberCodes,
      construct: memberCodes.map((memberCode) => kg(`kommun/${memberCode}`)),
      triples: 11,
    });
  });
});

function runPython(source: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, ['-c', source, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error) => reject(new Error(`cannot run ${PYTHON}: ${error.message}; install Debian's python3 with python3-sparqlwrapper`)));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
