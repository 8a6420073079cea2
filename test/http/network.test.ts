import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeOf } from '../../src/http/routeOf.js';
import type { RunningServer } from '../../src/http/startServer.js';
import type { LoadedData } from '../../src/rdf/loadDataDirectory.js';
import { dcat, dcterms, kg } from '../../src/rdf/vocabulary.js';
import { runPython, type PythonRun } from '../linkedData/linkedDataServer.js';
import { startShippedServer } from '../support/startShippedServer.js';

const BASE = 'https://w3id.org/kulturskola/';
const PREFIXES = `PREFIX org: <http://www.w3.org/ns/org#> PREFIX ks: <${BASE}def#> PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX dcterms: <http://purl.org/dc/terms/>`;
const ORGANISATION_CLASSES = 'ks:Municipality schema:Project org:OrganizationalCollaboration org:OrganizationalUnit org:FormalOrganization org:Organization';

// The network computed independently of the code under test, by SPARQL against the server's own endpoint.
const ORGANISATIONS = `${PREFIXES}
SELECT DISTINCT ?organisation ?label WHERE {
  VALUES ?class { ${ORGANISATION_CLASSES} } ?organisation a ?class .
  OPTIONAL { ?organisation skos:prefLabel ?label FILTER(lang(?label) = "sv") } }`;
const RELATIONS = `${PREFIXES}
SELECT DISTINCT ?source ?relation ?target ?via ?role ?start ?end WHERE {
  { ?via a org:Membership ; org:member ?source ; org:organization ?target .
    OPTIONAL { ?via org:role ?role OPTIONAL { ?role org:roleProperty ?roleProperty } }
    OPTIONAL { ?via org:memberDuring ?period OPTIONAL { ?period dcat:startDate ?start } OPTIONAL { ?period dcat:endDate ?end } }
    BIND(COALESCE(?roleProperty, org:memberOf) AS ?relation) }
  UNION { ?via a schema:MonetaryGrant ; schema:fundedItem ?source ; schema:funder ?target . BIND(schema:funder AS ?relation)
          OPTIONAL { ?via dcterms:temporal ?period OPTIONAL { ?period dcat:startDate ?start } OPTIONAL { ?period dcat:endDate ?end } } }
  UNION { ?source ks:initiatedBy ?target BIND(ks:initiatedBy AS ?relation) }
  UNION { ?source org:linkedTo ?target BIND(org:linkedTo AS ?relation) }
  UNION { { ?source org:unitOf ?target } UNION { ?target org:hasUnit ?source } BIND(org:unitOf AS ?relation) }
  UNION { VALUES ?relation { org:memberOf ks:administrativePrincipalOf } ?source ?relation ?target
          FILTER NOT EXISTS { ?membership org:member ?source ; org:organization ?target } }
  VALUES ?sourceClass { ${ORGANISATION_CLASSES} } ?source a ?sourceClass .
  VALUES ?targetClass { ${ORGANISATION_CLASSES} } ?target a ?targetClass . }`;

describe('the organisation network export', () => {
  let server: RunningServer;
  let data: LoadedData;
  let folder: string;
  let whole: NetworkxReading;
  let organisations: Map<string, string | null>;
  let relations: string[];
  beforeAll(async () => {
    ({ server, data } = await startShippedServer());
    folder = await mkdtemp(join(tmpdir(), 'network-test-'));
    const files = await Promise.all(['/network.graphml', '/network/nodes.csv', '/network/edges.csv'].map((path) => download(server, path, folder)));
    whole = await readWithNetworkx(...(files as [string, string, string]));
    const organisationRows = await sparql(server, ORGANISATIONS);
    organisations = new Map(organisationRows.map((row) => [row.organisation!, row.label ?? null]));
    relations = (await sparql(server, RELATIONS)).map(edgeKey);
  });
  afterAll(async () => {
    await server.stop();
    await rm(folder, { recursive: true, force: true });
  });

  describe('GET /network.graphml, read by networkx', () => {
    it('is a directed multigraph (Karlskoga is a member of the collaboration twice, in two roles)', () => {
      expect(whole.graph).toEqual({ directed: true, multigraph: true });
    });

    it('has one node per organisation the graph states, as many as SPARQL counts', () => {
      expect(whole.nodes.length).toBe(organisations.size);
      expect(new Set(whole.nodes.map((node) => node.id))).toEqual(new Set(organisations.keys()));
    });

    it('labels each node with its Swedish name and says its kind', () => {
      for (const node of whole.nodes) {
        expect(node.label, node.id).toBe(organisations.get(node.id) ?? node.id);
        expect(['Municipality', 'Collaboration', 'Project', 'OtherOrganisation', 'OrganisationalUnit']).toContain(node.kind);
      }
      expect(whole.nodes.find((node) => node.id === `${BASE}kommun/1883`)).toMatchObject({ label: 'Karlskoga', kind: 'Municipality' });
      expect(whole.nodes.find((node) => node.id === `${BASE}projekt/kulturskola-i-hela-landet`)).toMatchObject({ kind: 'Project' });
    });

    it('has one edge per membership, grant funding, initiation, unit and link, as many as SPARQL finds, each with its relation, role, via and period', () => {
      expect(whole.edges.length).toBe(relations.length);
      expect(whole.edges.map(edgeKey).sort()).toEqual([...relations].sort());
    });

    it('gives the project participation its role and period, 2019–2022, and reads it in Swedish', () => {
      const participation = whole.edges.find((edge) => edge.via === `${BASE}projekt/kulturskola-i-hela-landet/deltagare/orebro-lan`);
      expect(participation).toMatchObject({
        source: `${BASE}samverkan/orebro-lan`,
        target: `${BASE}projekt/kulturskola-i-hela-landet`,
        relation: 'http://www.w3.org/ns/org#memberOf',
        label: 'är medlem i',
        role: `${BASE}roll/deltagare`,
        roleLabel: 'Deltagare',
        start: '2019',
        end: '2022',
      });
    });
  });

  describe('GET /network/nodes.csv and /network/edges.csv', () => {
    it('hold the same nodes as the GraphML, with a header row', () => {
      expect(whole.nodesCsv.header).toEqual(['id', 'label', 'kind']);
      expect(whole.nodesCsv.rows).toEqual(whole.nodes.map(({ id, label, kind }) => ({ id, label, kind })));
    });

    it('hold the same edges as the GraphML, by id, with empty fields where a value is missing', () => {
      expect(whole.edgesCsv.header).toEqual(['id', 'source', 'target', 'relation', 'label', 'role', 'roleLabel', 'via', 'start', 'end']);
      const fromGraphml = whole.edges.map((edge) => Object.fromEntries(whole.edgesCsv.header.map((column) => [column, edge[column as keyof Edge] ?? ''])));
      expect(whole.edgesCsv.rows).toEqual(fromGraphml);
    });

    it('are RFC 4180: CRLF line ends, and text/csv with a header', async () => {
      const response = await fetch(`${server.url}/network/edges.csv`);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
      const text = await response.text();
      expect(text.split('\r\n').at(-1)).toBe('');
      expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    });
  });

  describe('caching, as the dumps', () => {
    it('tags each download with the data version and answers If-None-Match with a 304', async () => {
      const first = await fetch(`${server.url}/network.graphml`, { headers: { 'accept-encoding': 'identity' } });
      const etag = first.headers.get('etag')!;
      expect(etag).toBe(`"${data.digest.slice(0, 32)}-graphml"`);
      expect(first.headers.get('content-type')).toBe('application/graphml+xml; charset=utf-8');
      const again = await fetch(`${server.url}/network.graphml`, { headers: { 'accept-encoding': 'identity', 'if-none-match': etag } });
      expect(again.status).toBe(304);
    });

    it('sends gzip when asked, tagged apart from the identity bytes', async () => {
      const response = await fetch(`${server.url}/network/nodes.csv`, { headers: { 'accept-encoding': 'gzip' } });
      expect(response.headers.get('content-encoding')).toBe('gzip');
      expect(response.headers.get('etag')).toBe(`"${data.digest.slice(0, 32)}-nodes-csv-gz"`);
      expect((await response.text()).startsWith('id,label,kind\r\n')).toBe(true);
    });

    it('counts the downloads as dumps in the metrics and the request log', () => {
      expect(['/network.graphml', '/network/nodes.csv', '/network/edges.csv'].map((path) => routeOf(path, 'GET'))).toEqual(['dump', 'dump', 'dump']);
    });

    it('answers another method with 405 and Allow: GET, HEAD', async () => {
      const response = await fetch(`${server.url}/network.graphml`, { method: 'POST' });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
    });
  });

  describe('an organisation page with ?format=graphml', () => {
    it.each([['kommun/1883'], ['samverkan/orebro-lan'], ['org/statens-kulturrad']])(
      'gives %s, its relations and the organisations at their other ends, as in the whole network',
      async (path) => {
        const file = await download(server, `/${path}?format=graphml`, folder);
        const neighbourhood = await readWithNetworkx(file);
        const organisation = `${BASE}${path}`;
        const incident = whole.edges.filter((edge) => edge.source === organisation || edge.target === organisation);
        expect(neighbourhood.edges.map(edgeKey).sort()).toEqual(incident.map(edgeKey).sort());
        const ends = new Set([organisation, ...incident.flatMap((edge) => [edge.source, edge.target])]);
        expect(new Set(neighbourhood.nodes.map((node) => node.id))).toEqual(ends);
        expect(neighbourhood.nodes.length).toBe(ends.size);
      },
    );

    it('answers 404, saying why, for a resource that is no organisation (a county)', async () => {
      const response = await fetch(`${server.url}/lan/18?format=graphml`);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain(`<${BASE}lan/18> is no organisation of the network`);
    });

    it('answers 400 for a path that names no IRI', async () => {
      const response = await fetch(`${server.url}/kommun/%ff?format=graphml`);
      expect(response.status).toBe(400);
    });

    it("is linked from every organisation's page (HTML and the Link header) and from no other page", async () => {
      const graphmlLinks = async (path: string) => {
        const page = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
        const html = await page.text();
        const turtle = await fetch(`${server.url}${path}`, { headers: { accept: 'text/turtle' } });
        return {
          page: [...html.matchAll(/<a href="([^"]+)" type="application\/graphml\+xml">/g)].map((match) => match[1]),
          header: (turtle.headers.get('link') ?? '').split(',').filter((link) => link.includes('application/graphml+xml')).map((link) => link.trim().replace(/>.*$/, '').slice(1)),
        };
      };
      for (const path of ['/kommun/1883', '/samverkan/orebro-lan', '/org/statens-kulturrad']) {
        expect(await graphmlLinks(path), path).toEqual({ page: [`${path}?format=graphml`], header: [`${path}?format=graphml`] });
      }
      for (const path of ['/lan/18', '/roll/medlem']) expect(await graphmlLinks(path), path).toEqual({ page: [], header: [] });
    });

    it('leaves every other ?format to the resource pages', async () => {
      const response = await fetch(`${server.url}/kommun/1883?format=ttl`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/turtle/);
    });
  });

  describe('the catalogue', () => {
    it('lists the three downloads as distributions, with IANA media types and the standard each conforms to', async () => {
      const response = await fetch(`${server.url}/catalog`, { headers: { accept: 'application/n-triples' } });
      const quads = new Parser({ format: 'N-Triples' }).parse(await response.text());
      const distributions = quads.filter((quad) => quad.subject.equals(kg.catalog) && quad.predicate.equals(dcat.distribution)).map((quad) => quad.object);
      const describe = (path: string) => {
        const distribution = distributions.find((node) => quads.some((quad) => quad.subject.equals(node) && quad.predicate.equals(dcat.downloadURL) && quad.object.value === `${server.url}${path}`));
        const value = (predicate: typeof dcat.mediaType) => quads.find((quad) => distribution && quad.subject.equals(distribution) && quad.predicate.equals(predicate))?.object.value;
        return { mediaType: value(dcat.mediaType), conformsTo: value(dcterms.conformsTo) };
      };
      expect(describe('/network.graphml')).toEqual({ mediaType: 'https://www.iana.org/assignments/media-types/application/xml', conformsTo: 'http://graphml.graphdrawing.org/specification.html' });
      for (const path of ['/network/nodes.csv', '/network/edges.csv']) {
        expect(describe(path)).toEqual({ mediaType: 'https://www.iana.org/assignments/media-types/text/csv', conformsTo: 'https://www.rfc-editor.org/rfc/rfc4180' });
      }
    });
  });
});

interface Edge {
  id: string;
  source: string;
  target: string;
  relation: string;
  label: string;
  role: string | null;
  roleLabel: string | null;
  via: string | null;
  start: string | null;
  end: string | null;
}

interface NetworkxReading {
  graph: { directed: boolean; multigraph: boolean };
  nodes: Array<{ id: string; label: string; kind: string }>;
  edges: Edge[];
  nodesCsv: { header: string[]; rows: Array<Record<string, string>> };
  edgesCsv: { header: string[]; rows: Array<Record<string, string>> };
}

/** What identifies an edge and what it says: its ends, relation, via, role and period. */
function edgeKey(edge: Partial<Record<keyof Edge, string | null>>): string {
  return JSON.stringify([edge.source, edge.relation, edge.target, edge.via ?? null, edge.role ?? null, edge.start ?? null, edge.end ?? null]);
}

async function download(server: RunningServer, path: string, folder: string): Promise<string> {
  const response = await fetch(`${server.url}${path}`);
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  const file = join(folder, path.replace(/\W/g, '_'));
  await writeFile(file, Buffer.from(await response.arrayBuffer()));
  return file;
}

/** SPARQL results as rows of plain values, from the server's own endpoint. */
async function sparql(server: RunningServer, query: string): Promise<Array<Record<string, string | undefined>>> {
  const response = await fetch(`${server.url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: query });
  if (response.status !== 200) throw new Error(`SPARQL answered ${response.status}: ${await response.text()}`);
  const results = (await response.json()) as { results: { bindings: Array<Record<string, { value: string }>> } };
  return results.results.bindings.map((binding) => Object.fromEntries(Object.entries(binding).map(([name, term]) => [name, term.value])));
}

/**
 * Reads a GraphML file with networkx (Debian's python3-networkx), and the
 * node and edge CSV files, when given, with Python's csv module; prints
 * what they hold as JSON. Exits 3 when networkx is missing.
 */
const READ_NETWORK = `
import csv, json, sys
try:
    import networkx as nx
except ImportError:
    sys.exit(3)
graph = nx.read_graphml(sys.argv[1])
ids = {key: data['id'] for key, data in graph.nodes(data=True)}
def value(data, name):
    return data.get(name)
edges = [dict(id=key, source=ids[source], target=ids[target], **{name: value(data, name) for name in ['relation', 'label', 'role', 'roleLabel', 'via', 'start', 'end']})
         for source, target, key, data in graph.edges(keys=True, data=True)]
edges.sort(key=lambda edge: int(edge['id'][1:]))
nodes = sorted(({'id': data['id'], 'label': data['label'], 'kind': data['kind']} for key, data in graph.nodes(data=True)), key=lambda node: node['id'])
def read_csv(path):
    if path is None:
        return None
    with open(path, newline='', encoding='utf-8') as handle:
        rows = list(csv.reader(handle))
    return {'header': rows[0], 'rows': [dict(zip(rows[0], row)) for row in rows[1:]]}
paths = sys.argv[2:] + [None, None]
print(json.dumps({'graph': {'directed': graph.is_directed(), 'multigraph': graph.is_multigraph()}, 'nodes': nodes, 'edges': edges,
                  'nodesCsv': read_csv(paths[0]), 'edgesCsv': read_csv(paths[1])}))
`;

async function readWithNetworkx(graphml: string, nodesCsv?: string, edgesCsv?: string): Promise<NetworkxReading> {
  const run: PythonRun = await runPython(READ_NETWORK, [graphml, ...(nodesCsv && edgesCsv ? [nodesCsv, edgesCsv] : [])]);
  if (run.startError || run.code === 3) throw new Error(`networkx is needed by /usr/bin/python3: install it with \`apt-get install python3-networkx\`\n${run.startError?.message ?? ''}`);
  if (run.code !== 0) throw new Error(`python exited ${run.code}: ${run.stderr.slice(0, 2000)}`);
  return JSON.parse(run.stdout) as NetworkxReading;
}
