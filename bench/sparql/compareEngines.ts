/**
 * Compares the two candidate SPARQL engines for the /sparql endpoint on the
 * same queries over the same quads: Oxigraph (Rust compiled to WASM, its own
 * store, loaded from N-Quads) and Comunica (`@comunica/query-sparql-rdfjs`,
 * querying the n3 Store the server already holds).
 *
 * Both run with the default graph as the union of the named graphs, as the
 * endpoint does. For every query it checks that both engines return the same
 * solutions (and what we know the answer must be), then prints the median of
 * several runs and each engine's ratio to the faster one. It runs on the
 * shipped data and on a synthetic graph of about 100,000 triples made by adding
 * collaborations with memberships to the shipped data.
 *
 * Run with `npx tsx bench/sparql/compareEngines.ts` (about a minute).
 */
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { QueryEngine } from '@comunica/query-sparql-rdfjs';
import type * as RDF from '@rdfjs/types';
import { DataFactory, Store, Writer } from 'n3';
import oxigraph from 'oxigraph';
import { dataPath } from '../../src/rdf/dataPath.js';
import { loadDataDirectory } from '../../src/rdf/loadDataDirectory.js';

const { namedNode, literal, quad } = DataFactory;

const KG = 'https://w3id.org/kulturskola/';
const PREFIXES = `
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX ks: <${KG}def#>
`;

/** One benchmark query and what its answer must look like on the shipped data. */
interface BenchQuery {
  name: string;
  sparql: string;
  /** A LIMIT without ORDER BY may pick different solutions in each engine: then only the counts must agree. */
  countsOnly?: boolean;
  /** Checked on the shipped data only; throws with a sentence when the rows are wrong. */
  checkShipped?: (rows: Row[]) => void;
}

/** A solution as plain strings, so rows of both engines compare with `===`. */
type Row = Record<string, string>;

const queries: BenchQuery[] = [
  {
    name: 'members via org:memberOf',
    sparql: `${PREFIXES}
SELECT DISTINCT ?member ?code WHERE {
  ?member org:memberOf <${KG}samverkan/orebro-lan> ; dcterms:identifier ?code .
} ORDER BY ?code`,
    checkShipped: (rows) =>
      expectEqual(
        rows.map((row) => lexicalForm(row.code!)).join(','),
        '1814,1861,1862,1863,1864,1880,1881,1882,1883,1884,1885',
        'member codes',
      ),
  },
  {
    name: 'join: memberships × municipalities × counties, labels, FILTER(lang)',
    sparql: `${PREFIXES}
SELECT ?collaborationName ?roleName ?municipalityName ?countyName WHERE {
  ?membership a org:Membership ; org:member ?municipality ; org:organization ?collaboration ; org:role ?role .
  ?municipality a ks:Municipality ; ks:county ?county ; skos:prefLabel ?municipalityName .
  ?county skos:prefLabel ?countyName .
  ?collaboration skos:prefLabel ?collaborationName .
  ?role skos:prefLabel ?roleName .
  FILTER(lang(?municipalityName) = "sv" && lang(?countyName) = "sv" && lang(?collaborationName) = "sv" && lang(?roleName) = "sv")
}`,
    checkShipped: (rows) => expectEqual(rows.length, 12, 'memberships of municipalities (11 members + Karlskoga as principal)'),
  },
  {
    name: 'GRAPH ?g: triples per named graph',
    sparql: `SELECT ?g (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g`,
  },
  {
    name: 'aggregate: municipalities per county',
    sparql: `${PREFIXES}
SELECT ?county ?name (COUNT(?municipality) AS ?municipalities) WHERE {
  ?municipality a ks:Municipality ; ks:county ?county .
  ?county skos:prefLabel ?name FILTER(lang(?name) = "sv")
} GROUP BY ?county ?name ORDER BY ?county`,
    checkShipped: (rows) => {
      expectEqual(rows.length, 21, 'counties');
      expectEqual(rows.reduce((sum, row) => sum + Number(lexicalForm(row.municipalities!)), 0), 290, 'municipalities over all counties');
    },
  },
  {
    name: 'scan: SELECT * LIMIT 10000',
    sparql: `SELECT * WHERE { ?s ?p ?o } LIMIT 10000`,
    countsOnly: true,
  },
];

interface Engine {
  name: string;
  /** Runs a SELECT query to completion and returns its solutions. */
  select(sparql: string): Promise<Row[]>;
}

/** Oxigraph loaded from N-Quads, as the endpoint's worker would load it. */
function oxigraphEngine(nquads: string): { engine: Engine; loadMs: number } {
  const started = performance.now();
  const store = new oxigraph.Store();
  store.load(nquads, { format: 'application/n-quads' });
  const loadMs = performance.now() - started;
  return {
    loadMs,
    engine: {
      name: 'oxigraph',
      select: async (sparql) => {
        const solutions = store.query(sparql, { use_default_graph_as_union: true }) as Map<string, RDF.Term>[];
        return solutions.map((solution) => rowOf([...solution.entries()]));
      },
    },
  };
}

/** Comunica over the n3 Store, nothing copied. */
function comunicaEngine(store: Store): Engine {
  const engine = new QueryEngine();
  return {
    name: 'comunica',
    select: async (sparql) => {
      const bindings = await (await engine.queryBindings(sparql, { sources: [store], unionDefaultGraph: true })).toArray();
      return bindings.map((binding) => rowOf([...binding].map(([variable, term]) => [variable.value, term])));
    },
  };
}

function rowOf(entries: Array<[string, RDF.Term]>): Row {
  const row: Row = {};
  for (const [variable, term] of entries) {
    // Blank node labels differ between engines, so rows compare them by kind only.
    row[variable] =
      term.termType === 'BlankNode'
        ? '_:'
        : term.termType !== 'Literal'
        ? `<${term.value}>`
        : term.language
          ? `${JSON.stringify(term.value)}@${term.language}`
          : `${JSON.stringify(term.value)}^^${term.datatype.value}`;
  }
  return row;
}

/** Adds `collaborations` synthetic collaborations of ten municipalities each, in graphs of 100 collaborations. */
function addSyntheticCollaborations(store: Store, collaborations: number): void {
  const org = (name: string) => namedNode(`http://www.w3.org/ns/org#${name}`);
  const type = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
  const prefLabel = namedNode('http://www.w3.org/2004/02/skos/core#prefLabel');
  const municipalities = store
    .getSubjects(type, namedNode(`${KG}def#Municipality`), null)
    .sort((a, b) => a.value.localeCompare(b.value));
  const member = namedNode(`${KG}roll/medlem`);
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  for (let index = 0; index < collaborations; index++) {
    const graph = namedNode(`${KG}dataset/synthetic-${Math.floor(index / 100)}`);
    const collaboration = namedNode(`${KG}samverkan/synthetic-${index}`);
    store.addQuad(quad(collaboration, type, org('OrganizationalCollaboration'), graph));
    store.addQuad(quad(collaboration, prefLabel, literal(`Samverkan ${index}`, 'sv'), graph));
    store.addQuad(quad(collaboration, prefLabel, literal(`Collaboration ${index}`, 'en'), graph));
    const chosen = new Set<number>();
    while (chosen.size < 10) chosen.add(Math.floor(random() * municipalities.length));
    for (const position of chosen) {
      const municipality = municipalities[position]!;
      const membership = namedNode(`${collaboration.value}/medlemskap/${position}`);
      store.addQuad(quad(membership, type, org('Membership'), graph));
      store.addQuad(quad(membership, org('member'), municipality, graph));
      store.addQuad(quad(membership, org('organization'), collaboration, graph));
      store.addQuad(quad(membership, org('role'), member, graph));
      store.addQuad(quad(municipality, org('memberOf'), collaboration, graph));
    }
  }
}

function toNQuads(store: Store): string {
  const writer = new Writer({ format: 'N-Quads' });
  return writer.quadsToString(store.getQuads(null, null, null, null));
}

/** The lexical form of a literal cell written by `rowOf`. */
function lexicalForm(cell: string): string {
  const quoted = /^"(?:[^"\\]|\\.)*"/.exec(cell);
  if (quoted === null) throw new Error(`expected a literal but got: ${cell}`);
  return JSON.parse(quoted[0]) as string;
}

function canonical(rows: Row[]): string {
  return rows
    .map((row) => JSON.stringify(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))))
    .sort()
    .join('\n');
}

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected) throw new Error(`${what}: expected ${String(expected)} but got ${String(actual)}`);
}

/** Runs `query` once to warm up, then until `runs` runs or `budgetMs` have passed (at least three). */
async function medianMs(engine: Engine, sparql: string, runs: number, budgetMs: number): Promise<number> {
  await engine.select(sparql);
  const times: number[] = [];
  const started = performance.now();
  while (times.length < runs && (times.length < 3 || performance.now() - started < budgetMs)) {
    const before = performance.now();
    await engine.select(sparql);
    times.push(performance.now() - before);
  }
  times.sort((a, b) => a - b);
  const middle = Math.floor(times.length / 2);
  return times.length % 2 === 1 ? times[middle]! : (times[middle - 1]! + times[middle]!) / 2;
}

async function compare(label: string, store: Store, options: { shipped: boolean; runs: number; budgetMs: number }): Promise<void> {
  const nquads = toNQuads(store);
  const { engine: oxigraphOnStore, loadMs } = oxigraphEngine(nquads);
  const engines = [oxigraphOnStore, comunicaEngine(store)];
  console.log(`\n## ${label}: ${store.size.toLocaleString('en')} quads (Oxigraph loads its copy from N-Quads in ${loadMs.toFixed(0)} ms)\n`);
  console.log('| query | rows | oxigraph median ms | comunica median ms | oxigraph ÷ faster | comunica ÷ faster |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const { name, sparql, countsOnly, checkShipped } of queries) {
    const answers = await Promise.all(engines.map((engine) => engine.select(sparql)));
    const [first, second] = answers.map((rows) => (countsOnly ? String(rows.length) : canonical(rows)));
    if (first !== second) {
      const [a, b] = [first!.split('\n'), second!.split('\n')];
      const onlyFirst = a.filter((line) => !b.includes(line)).slice(0, 5);
      const onlySecond = b.filter((line) => !a.includes(line)).slice(0, 5);
      throw new Error(`"${name}": the engines disagree (${a.length} vs ${b.length} rows); only oxigraph:\n${onlyFirst.join('\n')}\nonly comunica:\n${onlySecond.join('\n')}`);
    }
    if (options.shipped) checkShipped?.(answers[0]!);
    const times: number[] = [];
    for (const engine of engines) times.push(await medianMs(engine, sparql, options.runs, options.budgetMs));
    const faster = Math.min(...times);
    const cells = times.map((time) => time.toFixed(2));
    const ratios = times.map((time) => `${(time / faster).toFixed(1)}×`);
    console.log(`| ${name} | ${answers[0]!.length} | ${cells.join(' | ')} | ${ratios.join(' | ')} |`);
  }
}

/**
 * Runs every query on both engines over the shipped data and, unless `quick`,
 * over ~100k synthetic quads; prints a table per dataset (median ms and each
 * engine's time over the faster) and fails if the engines disagree.
 */
export async function compareEngines({ quick }: { quick: boolean }): Promise<{ seconds: number }> {
  const started = performance.now();
  const { store: shipped } = await loadDataDirectory(dataPath('graphs'));
  await compare('Shipped data', shipped, { shipped: true, runs: quick ? 5 : 21, budgetMs: 3_000 });
  if (!quick) {
    const synthetic = new Store(shipped.getQuads(null, null, null, null));
    addSyntheticCollaborations(synthetic, 1_900);
    await compare('Synthetic data', synthetic, { shipped: false, runs: 5, budgetMs: 5_000 });
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`\nBoth engines returned the same solutions for every query. Total time ${seconds.toFixed(0)} s.`);
  return { seconds };
}

// Run as a script: npx tsx bench/sparql/compareEngines.ts
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await compareEngines({ quick: false });
