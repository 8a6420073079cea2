import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kg, memberCodes, startSparqlTestServer, type SparqlTestServer } from './sparqlTestServer.js';

/** Debian's Python, where apt installs python3-sparqlwrapper and python3-rdflib. */
const PYTHON = '/usr/bin/python3';

/** Exit code of the script when a module is missing; it prints the module's name. */
const MISSING_MODULE = 3;

/**
 * Asks the endpoint with SPARQLWrapper as any client would: its own
 * parameters (`format=`, `output=` and `results=` with its return format's
 * name, the media type too for some) and its own Accept headers, then
 * `convert()` as it does by default (a DOM for XML, a dict for JSON, an
 * rdflib graph for RDF/XML and JSON-LD, text for the rest, which rdflib
 * reads here). Each case runs a query with one return format (`default`:
 * none set, which is XML) and one method, and prints what it found: the
 * member codes (SELECT), a boolean (ASK), the members' IRIs (CONSTRUCT) or
 * the identifier and Swedish name of Örebro (DESCRIBE), and the warnings
 * the client gave (it warns when an answer is not in the format it asked
 * for). A case that failed prints its error instead.
 */
const script = String.raw`
import csv, io, json, sys, warnings
try:
    import SPARQLWrapper.Wrapper as wrapper
    from SPARQLWrapper import SPARQLWrapper, POST, POSTDIRECTLY
except ImportError:
    print("SPARQLWrapper", file=sys.stderr)
    sys.exit(${MISSING_MODULE})
try:
    import rdflib
except ImportError:
    print("rdflib", file=sys.stderr)
    sys.exit(${MISSING_MODULE})

# SPARQLWrapper 1.8 offers JSON-LD only when the old rdflib-jsonld plugin
# imports, which is all that plugin's import does; rdflib 6 reads JSON-LD itself.
if wrapper.JSONLD not in wrapper._allowedFormats:
    wrapper._allowedFormats.append(wrapper.JSONLD)

endpoint, collaboration, municipality = sys.argv[1], sys.argv[2], sys.argv[3]
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
queries = {
    "SELECT": """PREFIX org: <%s> PREFIX dcterms: <%s>
SELECT DISTINCT ?member ?code WHERE { ?member org:memberOf <%s> ; dcterms:identifier ?code } ORDER BY ?code""" % (ORG, DCTERMS, collaboration),
    "ASK": "ASK { <%s> <%smemberOf> <%s> }" % (municipality, ORG, collaboration),
    "CONSTRUCT": "CONSTRUCT { ?member <%smemberOf> <%s> } WHERE { ?member <%smemberOf> <%s> }" % (ORG, collaboration, ORG, collaboration),
    "DESCRIBE": "DESCRIBE <%s>" % municipality,
}

def codes_of(result, fmt):
    if fmt in ("default", "xml"):
        return [
            binding.getElementsByTagName("literal")[0].firstChild.data
            for binding in result.getElementsByTagName("binding")
            if binding.getAttribute("name") == "code"
        ]
    if fmt == "json":
        return [row["code"]["value"] for row in result["results"]["bindings"]]
    if fmt == "csv":
        return [row["code"] for row in csv.DictReader(io.StringIO(result.decode("utf-8")))]
    if fmt == "tsv":
        lines = result.decode("utf-8").splitlines()
        column = lines[0].split("\t").index("?code")
        return [json.loads(line.split("\t")[column]) for line in lines[1:]]

def boolean_of(result, fmt):
    if fmt in ("default", "xml"):
        return result.getElementsByTagName("boolean")[0].firstChild.data == "true"
    return result["boolean"]

def graph_of(result, fmt):
    if isinstance(result, rdflib.Graph):
        return result
    graph = rdflib.Graph()
    graph.parse(data=result.decode("utf-8"), format={"turtle": "turtle", "n3": "n3"}[fmt])
    return graph

def run(form, fmt, method):
    client = SPARQLWrapper(endpoint)
    client.setQuery(queries[form])
    if fmt != "default":
        client.setReturnFormat(fmt)
    if method != "GET":
        client.setMethod(POST)
        if method == "POST body":
            client.setRequestMethod(POSTDIRECTLY)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = client.query().convert()
        if form == "SELECT":
            found = codes_of(result, fmt)
        elif form == "ASK":
            found = boolean_of(result, fmt)
        elif form == "CONSTRUCT":
            found = sorted(str(s) for s in graph_of(result, fmt).subjects(rdflib.URIRef(ORG + "memberOf"), rdflib.URIRef(collaboration)))
        else:
            graph = graph_of(result, fmt)
            subject = rdflib.URIRef(municipality)
            found = {
                "identifier": [str(o) for o in graph.objects(subject, rdflib.URIRef(DCTERMS + "identifier"))],
                "name": [str(o) for o in graph.objects(subject, rdflib.URIRef(SKOS + "prefLabel")) if o.language == "sv"],
            }
    return {"found": found, "warnings": [str(w.message) for w in caught if not issubclass(w.category, DeprecationWarning)]}

answers = {}
for case in json.loads(sys.argv[4]):
    form, fmt, method = case
    try:
        answers[" ".join(case)] = run(form, fmt, method)
    except Exception as error:
        answers[" ".join(case)] = {"error": "%s: %s" % (type(error).__name__, error)}
print(json.dumps(answers))
`;

/** A query form, a SPARQLWrapper return format (`default`: none set) and how the query is sent. */
type Case = [form: 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE', format: string, method: 'GET' | 'POST form' | 'POST body'];

/** SPARQLWrapper's return formats for each query form: its default (XML) and each name it offers that the form can answer in. */
const cases: Case[] = [
  ...(['default', 'json', 'xml', 'csv', 'tsv'] as const).map((format): Case => ['SELECT', format, 'GET']),
  ['SELECT', 'json', 'POST form'],
  ['SELECT', 'xml', 'POST body'],
  ...(['default', 'json', 'xml'] as const).map((format): Case => ['ASK', format, 'GET']),
  ...(['default', 'xml', 'rdf+xml', 'turtle', 'n3', 'json-ld', 'json'] as const).map((format): Case => ['CONSTRUCT', format, 'GET']),
  ['CONSTRUCT', 'default', 'POST form'],
  ...(['default', 'xml', 'rdf+xml', 'turtle', 'n3', 'json-ld'] as const).map((format): Case => ['DESCRIBE', format, 'GET']),
  ['DESCRIBE', 'default', 'POST body'],
];

interface CaseAnswer {
  found?: unknown;
  warnings?: string[];
  error?: string;
}

let server: SparqlTestServer;
let answers: Record<string, CaseAnswer>;
beforeAll(async () => {
  server = await startSparqlTestServer();
  const { code, stdout, stderr } = await runPython(script, [server.endpoint, kg('samverkan/orebro-lan'), kg('kommun/1880'), JSON.stringify(cases)]);
  if (code === MISSING_MODULE) {
    throw new Error(
      `${PYTHON} lacks the Python module ${stderr.trim()}: install it with "apt-get install -y python3-sparqlwrapper python3-rdflib" (npm test's test/prerequisites.mjs does)`,
    );
  }
  if (code !== 0) throw new Error(`the SPARQLWrapper script exited ${code}: ${stderr}`);
  answers = JSON.parse(stdout) as Record<string, CaseAnswer>;
}, 120_000);
afterAll(() => server.close());

describe('an independent client, Python SPARQLWrapper, with its own parameters and Accept headers', () => {
  describe('SELECT', () => {
    it.each(cases.filter(([form]) => form === 'SELECT'))('%s as %s over %s finds the eleven member codes', (...testCase) => {
      expect(answerTo(testCase)).toEqual({ found: memberCodes, warnings: [] });
    });
  });

  describe('ASK', () => {
    it.each(cases.filter(([form]) => form === 'ASK'))('%s as %s over %s answers true', (...testCase) => {
      expect(answerTo(testCase)).toEqual({ found: true, warnings: [] });
    });
  });

  describe('CONSTRUCT', () => {
    it.each(cases.filter(([form]) => form === 'CONSTRUCT'))('%s as %s over %s gives rdflib the eleven memberships', (...testCase) => {
      const answer = answerTo(testCase);
      expect(answer.found).toEqual(memberCodes.map((code) => kg(`kommun/${code}`)));
      // For a graph SPARQLWrapper has no Accept header of its own for `json`, so it warns that it sends */*; the answer is JSON-LD.
      expect(answer.warnings?.filter((warning) => !warning.startsWith("Sending Accept header '*/*'"))).toEqual([]);
    });
  });

  describe('DESCRIBE', () => {
    it.each(cases.filter(([form]) => form === 'DESCRIBE'))('%s as %s over %s gives rdflib Örebro with its code and name', (...testCase) => {
      expect(answerTo(testCase)).toEqual({ found: { identifier: ['1880'], name: ['Örebro'] }, warnings: [] });
    });
  });
});

function answerTo(testCase: Case): CaseAnswer {
  const answer = answers[testCase.join(' ')];
  if (answer === undefined) throw new Error(`the script did not run ${testCase.join(' ')}`);
  if (answer.error !== undefined) throw new Error(`SPARQLWrapper failed on ${testCase.join(' ')}: ${answer.error}`);
  return answer;
}

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
