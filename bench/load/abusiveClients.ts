import type { RequestSpec } from './sendRequest.js';

/** One hostile request of the abusive mix. */
export interface AbusiveRequest {
  name: string;
  spec: RequestSpec;
  /** What the server should answer, for the table, e.g. "400". */
  expected: string;
  /**
   * Whether a 503 is an honest refusal here: the SPARQL endpoint answers 503
   * (README) when a query runs past its time limit or the queue is full.
   * Anywhere else a 503, like any other 5xx, fails the run.
   */
  mayAnswer503: boolean;
  /** When set, any other status fails the run (the issue names the answer). */
  mustAnswer?: number;
}

/** A client that sends its requests one after another, round and round, without pause. */
export interface AbusiveClient {
  name: string;
  requests: readonly AbusiveRequest[];
}

/**
 * `municipalities { county { municipalities { county { … } } } }` ten levels
 * deep, the name at the tenth: 290 municipalities, for each its county's
 * municipalities (up to 49), and so on five times. Within the depth (10),
 * alias and token limits; before issue 8 it ran the heap out of memory. The
 * cost limit must refuse it with 400 before execution.
 */
export const FAN_OUT_QUERY = `{ ${'municipalities { county { '.repeat(4)}municipalities { name }${' } }'.repeat(4)} }`;

const sparql = (name: string, query: string, expected: string): AbusiveRequest => ({
  name,
  spec: {
    method: 'POST',
    path: '/sparql',
    headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
    body: query,
  },
  expected,
  mayAnswer503: true,
});

/** BIND(CONCAT(?x, ?x)) forty times: 2^40 times the seed, 1.1 kB of query. */
const concatDoubling = (): string => {
  let query = 'SELECT ?x40 WHERE { BIND("ab" AS ?x0) ';
  for (let step = 1; step <= 40; step++) query += `BIND(CONCAT(?x${step - 1}, ?x${step - 1}) AS ?x${step}) `;
  return `${query}}`;
};

/** Every triple's subject repeated 512 times: 10,000 rows of tens of kilobytes each from a query of a few hundred bytes. */
const hugeLiterals = (): string => {
  const eight = (variable: string) => `CONCAT(${Array(8).fill(variable).join(', ')})`;
  return `SELECT ?c WHERE { ?s ?p ?o . BIND(${eight('STR(?s)')} AS ?a) BIND(${eight('?a')} AS ?b) BIND(${eight('?b')} AS ?c) }`;
};

/**
 * The hostile mix of issue 8, one client per kind, each looping without
 * pause: the GraphQL fan-out; the SPARQL bombs that crashed the engine or
 * ran it out of memory; and a dump download loop, with and without gzip.
 */
export const abusiveClients: readonly AbusiveClient[] = [
  {
    name: 'GraphQL fan-out',
    requests: [
      {
        name: 'GraphQL fan-out, 10 levels',
        // As application/graphql-response+json, where the spec answers a refused request 400 (as application/json it is 200).
        spec: { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query: FAN_OUT_QUERY }) },
        expected: '400',
        mayAnswer503: false,
        mustAnswer: 400,
      },
    ],
  },
  {
    name: 'SPARQL bombs',
    requests: [
      sparql('SPARQL 5,000-term || chain', `SELECT * WHERE { ?s ?p ?o FILTER(${Array(5_000).fill('?o').join(' || ')}) } LIMIT 1`, '400'),
      sparql('SPARQL 20,000-term + chain', `SELECT (${Array(20_000).fill('1').join('+')} AS ?n) WHERE {}`, '400'),
      sparql('SPARQL 8,000-step property path', `PREFIX p: <http://example.org/> SELECT * WHERE { ?s ${Array(8_000).fill('p:a').join('/')} ?o } LIMIT 1`, '400'),
      sparql('SPARQL CONCAT doubling ×40', concatDoubling(), '400 or 503'),
      sparql('SPARQL cartesian SELECT *', 'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }', '200 capped, or 503'),
      sparql('SPARQL cartesian COUNT (10 s)', 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }', '503 at the time limit'),
      sparql('SPARQL huge literals', hugeLiterals(), '200 capped in bytes'),
    ],
  },
  {
    name: 'dump loop',
    requests: [
      { name: 'GET /dump.jsonld', spec: { method: 'GET', path: '/dump.jsonld' }, expected: '200', mayAnswer503: false },
      { name: 'GET /dump.jsonld, gzip', spec: { method: 'GET', path: '/dump.jsonld', headers: { 'accept-encoding': 'gzip' } }, expected: '200 gzip', mayAnswer503: false },
      { name: 'GET /dump.nq', spec: { method: 'GET', path: '/dump.nq' }, expected: '200', mayAnswer503: false },
      { name: 'GET /dump.nq, gzip', spec: { method: 'GET', path: '/dump.nq', headers: { 'accept-encoding': 'gzip' } }, expected: '200 gzip', mayAnswer503: false },
    ],
  },
];
