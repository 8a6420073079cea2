import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsonld from 'jsonld';
import { Parser, termToId } from 'n3';
import type { Quad, Store, Term } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPath } from '../src/rdf/dataPath.js';
import { loadDataDirectory } from '../src/rdf/loadDataDirectory.js';
import { offlineDocumentLoader } from '../src/rdf/offlineDocumentLoader.js';
import { CONTEXT_IRI, dcterms, org } from '../src/rdf/vocabulary.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const PROCESS_TIMEOUT_MS = 60_000;
const TEST_TIMEOUT_MS = 90_000;

const expectedGraphs = [
  'https://w3id.org/kulturskola/dataset/katalog',
  'https://w3id.org/kulturskola/dataset/kommuner',
  'https://w3id.org/kulturskola/dataset/nationell-statistik',
  'https://w3id.org/kulturskola/dataset/orebro-lan',
  'https://w3id.org/kulturskola/dataset/vokabular',
];
const orebroCollaboration = 'https://w3id.org/kulturskola/samverkan/orebro-lan';
const orebroMemberCodes = ['1814', '1861', '1862', '1863', '1864', '1880', '1881', '1882', '1883', '1884', '1885'];

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started at all. */
  startError?: NodeJS.ErrnoException;
}

/** Runs a program to completion (killed after PROCESS_TIMEOUT_MS); never rejects. */
function run(command: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    // As from a user's shell: without the npm_config_* variables of the npm that runs the tests
    // (`npm test --loglevel=warn` would otherwise make the inner npm print its banner).
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_config_')));
    const child = spawn(command, args, { cwd: repoRoot, env, timeout: PROCESS_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (startError: NodeJS.ErrnoException) => resolve({ code: null, signal: null, stdout, stderr, startError }));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The export CLI, run from source as `npm run export` runs it from `dist/`. */
function runExport(...args: string[]): Promise<Run> {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/export.ts', ...args]);
}

const dumps = new Map<string, Promise<Run>>();
/** One export run per format, shared by the tests that read it. */
function dump(format: 'nquads' | 'trig' | 'turtle' | 'jsonld'): Promise<Run> {
  let result = dumps.get(format);
  if (result === undefined) {
    result = runExport('--format', format);
    dumps.set(format, result);
  }
  return result;
}

/** A run's outcome, for assertion messages. */
function describeRun(result: Run): string {
  const how = result.startError ? `could not start: ${result.startError.message}` : `exit ${result.code}, signal ${result.signal}`;
  return `${how}\nstderr: ${result.stderr.slice(0, 2000)}`;
}

function expectSuccess(result: Run): void {
  expect(result.code, describeRun(result)).toBe(0);
}

/** A quad's canonical N3.js term ids, graph included. */
function quadKey(quad: Quad): string {
  return [quad.subject, quad.predicate, quad.object, quad.graph].map((term) => termToId(term)).join(' ');
}

/** A triple's canonical N3.js term ids, graph left out. */
function tripleKey(quad: Quad): string {
  return [quad.subject, quad.predicate, quad.object].map((term) => termToId(term)).join(' ');
}

/** Parses with N3.js, keeping blank node labels as written. */
function parse(text: string, format: string): Quad[] {
  return new Parser({ format, blankNodePrefix: '' }).parse(text);
}

let store: Store;
let loadedQuads: Quad[];

beforeAll(async () => {
  // Start every export at once; each test awaits the one it reads.
  for (const format of ['nquads', 'trig', 'turtle', 'jsonld'] as const) void dump(format);
  ({ store } = await loadDataDirectory(dataPath('graphs')));
  loadedQuads = store.getQuads(null, null, null, null);
});

describe('npm run export', () => {
  it('writes every named graph as N-Quads', { timeout: TEST_TIMEOUT_MS }, async () => {
    const result = await dump('nquads');
    expectSuccess(result);
    expect(result.stderr).toBe('');
    const quads = parse(result.stdout, 'application/n-quads');
    expect(quads).toHaveLength(store.size);
    expect(new Set(quads.map(quadKey))).toEqual(new Set(loadedQuads.map(quadKey)));
    expect([...new Set(quads.map((quad) => quad.graph.value))].sort()).toEqual(expectedGraphs);
  });

  it('writes N-Quads when no format is given', { timeout: TEST_TIMEOUT_MS }, async () => {
    const [plain, nquads] = await Promise.all([runExport(), dump('nquads')]);
    expectSuccess(plain);
    expect(plain.stdout).toBe(nquads.stdout);
  });

  it('writes TriG that reads back as exactly the loaded quads, with the context prefixes', { timeout: TEST_TIMEOUT_MS }, async () => {
    const result = await dump('trig');
    expectSuccess(result);
    expect(result.stderr).toBe('');
    const quads = parse(result.stdout, 'application/trig');
    expect(quads).toHaveLength(store.size);
    expect(new Set(quads.map(quadKey))).toEqual(new Set(loadedQuads.map(quadKey)));
    expect(result.stdout).toContain(`@prefix org: <${org.iri}>.`);
    expect(result.stdout).toContain(`@prefix dcterms: <${dcterms.iri}>.`);
    expect(result.stdout).toContain('@prefix prov: <http://www.w3.org/ns/prov#>.');
  });

  it('writes Turtle with every triple once, and warns on stderr that the named graphs are not kept', { timeout: TEST_TIMEOUT_MS }, async () => {
    const result = await dump('turtle');
    expectSuccess(result);
    const triples = parse(result.stdout, 'text/turtle');
    const expected = new Set(loadedQuads.map(tripleKey));
    expect(triples).toHaveLength(expected.size);
    expect(triples.filter((triple) => triple.graph.termType !== 'DefaultGraph')).toEqual([]);
    expect(new Set(triples.map(tripleKey))).toEqual(expected);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/named graphs are not kept/);
    expect(result.stderr).toMatch(/--format .*trig/);
  });

  it('writes JSON-LD that references the bundled context by IRI and keeps the named graphs', { timeout: TEST_TIMEOUT_MS }, async () => {
    const result = await dump('jsonld');
    expectSuccess(result);
    expect(result.stderr).toBe('');
    const document = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(document['@context']).toBe(CONTEXT_IRI);
    const quads = (await jsonld.toRDF(document as jsonld.JsonLdDocument, {
      documentLoader: offlineDocumentLoader,
    } as jsonld.Options.ToRdf)) as unknown as Quad[];
    expect(quads).toHaveLength(store.size);
    expect([...new Set(quads.map((quad) => quad.graph.value))].sort()).toEqual(expectedGraphs);
    // jsonld.js relabels blank nodes, so they are compared as "some blank node".
    const withoutBlankLabels = (quad: Quad) =>
      [quad.subject, quad.predicate, quad.object, quad.graph].map(termKeyIgnoringBlankLabel).join(' ');
    expect(quads.map(withoutBlankLabels).sort()).toEqual(loadedQuads.map(withoutBlankLabels).sort());
  });

  it('rejects an unknown --format with exit code 2, naming the value and the accepted formats', { timeout: TEST_TIMEOUT_MS }, async () => {
    const result = await runExport('--format', 'rdfxml');
    expect(result.code, describeRun(result)).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('"rdfxml"');
    for (const format of ['nquads', 'trig', 'turtle', 'jsonld']) expect(result.stderr).toContain(format);
  });

  it('rejects an unknown option with exit code 2, naming it', { timeout: TEST_TIMEOUT_MS }, async () => {
    const result = await runExport('--frmat', 'trig');
    expect(result.code, describeRun(result)).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('"--frmat"');
    expect(result.stderr).toContain('--format');
  });

  it('explains itself with --help', { timeout: TEST_TIMEOUT_MS }, async () => {
    const result = await runExport('--help');
    expectSuccess(result);
    expect(result.stdout).toMatch(/--format/);
    expect(result.stdout).toMatch(/nquads.*trig.*turtle.*jsonld/);
  });
});

/**
 * Reads a dump with rdflib (Debian's python3-rdflib) and prints, as JSON, its
 * quad count, its graph names and the result of a SPARQL query over the union
 * of its graphs. Exits 3 when rdflib cannot be imported.
 */
const rdflibScript = `
import json, sys
try:
    from rdflib import Dataset
except ImportError as error:
    sys.stderr.write("rdflib is not importable: %s\\n" % error)
    sys.exit(3)
path, fmt, query = sys.argv[1], sys.argv[2], sys.argv[3]
dataset = Dataset(default_union=True)
dataset.parse(path, format=fmt)
quads = list(dataset.quads((None, None, None, None)))
graphs = sorted({str(getattr(g, "identifier", g)) for (_, _, _, g) in quads})
codes = sorted(str(row[0]) for row in dataset.query(query))
json.dump({"quads": len(quads), "graphs": graphs, "codes": codes}, sys.stdout)
`;

const membersQuery = `
PREFIX org: <${org.iri}>
PREFIX dcterms: <${dcterms.iri}>
SELECT DISTINCT ?code WHERE {
  ?member org:memberOf <${orebroCollaboration}> ;
          dcterms:identifier ?code .
}`;

const installRdflib =
  'the Python RDF library rdflib is needed by /usr/bin/python3: install it with `apt-get install python3-rdflib` (CI does this in .ci/run)';

describe('the dump, read by an independent client (Python rdflib)', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'kulturskolegrafen-export-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it.each([
    // The documented command itself, so npm's own output must not reach stdout (see .npmrc).
    ['N-Quads from `npm run export -- --format nquads`', 'nquads', 'nquads', () => run('npm', ['run', 'export', '--', '--format', 'nquads'])],
    ['TriG', 'trig', 'trig', () => dump('trig')],
  ] as const)(
    'reads the %s dump with every named graph and finds the eleven members of the Örebro collaboration',
    { timeout: TEST_TIMEOUT_MS },
    async (_name, format, rdflibFormat, exportDump) => {
      const exported = await exportDump();
      expectSuccess(exported);
      const file = join(directory, `dump.${format}`);
      await writeFile(file, exported.stdout);

      const result = await run('/usr/bin/python3', ['-c', rdflibScript, file, rdflibFormat, membersQuery]);
      if (result.startError || result.code === 3) throw new Error(`${installRdflib}\n${describeRun(result)}`);
      expect(result.code, describeRun(result)).toBe(0);
      const read = JSON.parse(result.stdout) as { quads: number; graphs: string[]; codes: string[] };
      expect(read.quads).toBe(store.size);
      expect(read.graphs).toEqual(expectedGraphs);
      expect(read.codes).toEqual(orebroMemberCodes);
      expect(read.codes).not.toContain('1860'); // Laxå is in Örebro County but not in the collaboration.
    },
  );
});

function termKeyIgnoringBlankLabel(term: Term | { termType: string; value: string }): string {
  return term.termType === 'BlankNode' ? '_:' : termToId(term as Term);
}
