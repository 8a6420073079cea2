import { Parser } from 'n3';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ask,
  column,
  kg,
  memberCodes,
  membersQuery,
  select,
  shippedStore,
  startSparqlTestServer,
  type SparqlJson,
  type SparqlTestServer,
  until,
} from './sparqlTestServer.js';
import { expectPythonSuccess, RDFLIB_TO_NQUADS, runPython } from '../linkedData/linkedDataServer.js';

/** The hostile queries: each crashed the engine (its WebAssembly stack or memory) and got a 500. */
const hostile = {
  orChain: `ASK { ?s ?p ?o FILTER(${chain(5_000, '||', '?o')}) }`,
  plusChain: `SELECT (${chain(20_000, '+', '1')} AS ?sum) WHERE {}`,
  longPath: `PREFIX : <urn:x:> ASK { ?s ${chain(8_000, '/', ':p')} ?o }`,
  stringDoubling: `SELECT ?x40 WHERE { BIND("ab" AS ?x0) ${doublings(40)} }`,
};

let server: SparqlTestServer;
beforeAll(async () => {
  server = await startSparqlTestServer({ workers: 1 });
});
afterAll(() => server.close());

describe('a query too complex for the engine', () => {
  it('answers a 5,000-term || chain with 400 naming the depth and the limit', async () => {
    const answer = await ask(server.endpoint, hostile.orChain, { via: 'body' });
    expect(answer.status).toBe(400);
    expect(answer.body).toBe(
      'The query is too complex for the engine: an expression nests operations 4999 levels deep (a chain such as a || b || c nests one level per operator); the limit is 256\n',
    );
  });

  it('answers a 20,000-term + chain with 400 naming the depth and the limit', async () => {
    const answer = await ask(server.endpoint, hostile.plusChain, { via: 'body' });
    expect(answer.status).toBe(400);
    expect(answer.body).toBe(
      'The query is too complex for the engine: an expression nests operations 19999 levels deep (a chain such as a || b || c nests one level per operator); the limit is 256\n',
    );
  });

  it('answers an 8,000-step property path with 400 naming the steps and the limit', async () => {
    const answer = await ask(server.endpoint, hostile.longPath, { via: 'form' });
    expect(answer.status).toBe(400);
    expect(answer.body).toBe('The query is too complex for the engine: a property path has 8000 steps; the limit is 64\n');
  });

  it('answers forty string-doubling BINDs (1.3 kB) with 400 naming the estimated growth and the limit', async () => {
    const answer = await ask(server.endpoint, hostile.stringDoubling);
    expect(answer.status).toBe(400);
    expect(answer.body).toBe(
      'The query is too complex for the engine: it can build strings about 1099511627776 times as long as the values it reads (CONCAT or REPLACE over bound variables); the limit is 1024\n',
    );
  });

  it('answers a chain too long for the parser itself (32,000 terms in a projection) with 400 "too complex to parse"', async () => {
    const answer = await ask(server.endpoint, `SELECT (${chain(32_000, '+', '1')} AS ?sum) WHERE {}`, { via: 'body' });
    expect(answer.status).toBe(400);
    expect(answer.body).toBe('The query is too complex to parse: its expressions nest too deep for the parser (Maximum call stack size exceeded); the limit is 256 levels\n');
  });

  it('counts nested REPLACE and CONCAT with many arguments towards the growth', async () => {
    const replaced = await ask(server.endpoint, `SELECT ?y WHERE { BIND("ab" AS ?x) BIND(REPLACE(REPLACE(?x, "", "${'z'.repeat(40)}"), "", "${'z'.repeat(40)}") AS ?y) }`);
    expect(replaced.status).toBe(400);
    expect(replaced.body).toMatch(/^The query is too complex for the engine: it can build strings about 1681 times as long/);
    const wide = await ask(server.endpoint, `SELECT ?z WHERE { BIND(CONCAT(${chain(40, ',', '?o')}) AS ?y) BIND(CONCAT(${chain(40, ',', '?y')}) AS ?z) }`);
    expect(wide.status).toBe(400);
    expect(wide.body).toMatch(/about 1600 times as long/);
  });

  it('still runs real queries: a 250-term chain, a 64-step path, ten doublings', async () => {
    const longFilter = await ask(server.endpoint, `ASK { ?s ?p ?o FILTER(${chain(250, ' || ', '?o = 1')}) }`);
    expect(longFilter.status, longFilter.body).toBe(200);
    const longPath = await ask(server.endpoint, `PREFIX : <urn:x:> ASK { ?s ${chain(64, '/', ':p')} ?o }`);
    expect(JSON.parse(longPath.body)).toEqual({ head: {}, boolean: false });
    const doubled = await select(server.endpoint, `SELECT (STRLEN(?x10) AS ?n) WHERE { BIND("ab" AS ?x0) ${doublings(10)} }`);
    expect(column(doubled, 'n')).toEqual(['2048']);
  });

  it('answers a normal query afterwards, with no engine failure or restart', async () => {
    for (const query of Object.values(hostile)) await ask(server.endpoint, query, { via: 'body' });
    expect(column(await select(server.endpoint, membersQuery), 'code')).toEqual(memberCodes);
    expect(server.stats()).toEqual({ ready: true, loading: 0, queued: 0, running: 0, timeouts: 0, workerRestarts: 0, engineFailures: 0 });
  });
});

describe('an engine failure', () => {
  describe('with the complexity limits lifted', () => {
    let unlimited: SparqlTestServer;
    beforeAll(async () => {
      unlimited = await startSparqlTestServer({ workers: 1, complexity: { maxExpressionDepth: 1_000_000, maxStringGrowth: Number.MAX_SAFE_INTEGER }, engineMemoryMb: 64 });
    });
    afterAll(() => unlimited.close());

    it('answers a chain that overflows the engine stack with 400 "too complex", and a fresh worker answers the next query', async () => {
      const answer = await ask(unlimited.endpoint, hostile.orChain, { via: 'body' });
      expect(answer.status).toBe(400);
      expect(answer.body).toBe('The query is too complex for the engine: it ran out of stack (its expressions, paths or patterns nest too deep)\n');
      expect(column(await select(unlimited.endpoint, membersQuery), 'code')).toEqual(memberCodes);
      expect(unlimited.stats()).toMatchObject({ ready: true, workerRestarts: 1, engineFailures: 1 });
    });

    it('answers a query that needs more than the engine memory with 400 naming the limit, and a fresh worker answers the next query', async () => {
      const answer = await ask(unlimited.endpoint, `SELECT (STRLEN(?x30) AS ?n) WHERE { BIND("ab" AS ?x0) ${doublings(30)} }`);
      expect(answer.status).toBe(400);
      expect(answer.body).toBe("The query is too complex for the engine: it needed more memory than the engine's limit of 64 MB\n");
      expect(column(await select(unlimited.endpoint, membersQuery), 'code')).toEqual(memberCodes);
      expect(unlimited.stats()).toMatchObject({ ready: true, workerRestarts: 2, engineFailures: 2 });
    });
  });

  describe('that crashes the worker (through the crashOnQuery seam)', () => {
    const crashQuery = 'ASK { <urn:x:crash> ?p ?o }';
    const lines: Array<{ level: number; msg: string }> = [];
    let crashing: SparqlTestServer;
    beforeAll(async () => {
      const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as { level: number; msg: string }) });
      crashing = await startSparqlTestServer({ workers: 1, crashOnQuery: crashQuery, logger });
    });
    afterAll(() => crashing.close());

    it('answers the query with 503, replaces the worker, and the next query succeeds', async () => {
      const answer = await ask(crashing.endpoint, crashQuery);
      expect(answer.status).toBe(503);
      expect(answer.body).toBe('The query engine crashed on this query and was restarted; the query was not answered\n');
      expect(column(await select(crashing.endpoint, membersQuery), 'code')).toEqual(memberCodes);
      expect(crashing.stats()).toEqual({ ready: true, loading: 0, queued: 0, running: 0, timeouts: 0, workerRestarts: 1, engineFailures: 1 });
    });

    it('logs crashes, hostile queries and bad input below error level', async () => {
      await ask(crashing.endpoint, crashQuery);
      for (const query of Object.values(hostile)) await ask(crashing.endpoint, query, { via: 'body' });
      await fetch(`${crashing.endpoint}?query=ASK%20%7B%7D%20%23%FF`);
      await select(crashing.endpoint, membersQuery);
      expect(lines.map(({ msg }) => msg)).toContain('a SPARQL query worker crashed; replacing it');
      expect(lines.filter(({ level }) => level >= 50)).toEqual([]);
    });
  });
});

describe('the byte cap', () => {
  let capped: SparqlTestServer;
  beforeAll(async () => {
    capped = await startSparqlTestServer({ workers: 1, maxResultBytes: 1_000 });
  });
  afterAll(() => capped.close());

  it('cuts SPARQL JSON results after the last whole solution within maxResultBytes (here 1,000) and says so', async () => {
    const answer = await ask(capped.endpoint, membersQuery);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-sparql-truncated')).toBe('true');
    expect(answer.headers.get('x-sparql-maxbytes')).toBe('1000');
    expect(answer.headers.get('x-sparql-maxrows')).toBeNull();
    expect(Buffer.byteLength(answer.body)).toBeLessThanOrEqual(1_000);
    const results = JSON.parse(answer.body) as SparqlJson;
    expect(results.truncated).toBe(true);
    expect(results.head.vars).toEqual(['member', 'code']);
    const codes = column(results, 'code');
    expect(codes.length).toBeGreaterThan(0);
    expect(codes).toEqual(memberCodes.slice(0, codes.length));
    expect(codes.length).toBeLessThan(memberCodes.length);
  });

  it('cuts SPARQL XML, CSV and TSV results at a solution and says so', async () => {
    for (const accept of ['application/sparql-results+xml', 'text/csv', 'text/tab-separated-values']) {
      const answer = await ask(capped.endpoint, `SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o`, { accept });
      expect(answer.status, accept).toBe(200);
      expect(answer.headers.get('x-sparql-truncated'), accept).toBe('true');
      expect(answer.headers.get('x-sparql-maxbytes'), accept).toBe('1000');
      expect(Buffer.byteLength(answer.body), accept).toBeLessThanOrEqual(1_000);
      if (accept === 'application/sparql-results+xml') expect(answer.body).toMatch(/<\/result><\/results><\/sparql>$/);
      else expect(answer.body.endsWith(accept === 'text/csv' ? '\r\n' : '\n'), accept).toBe(true);
    }
  });

  it('cuts a CONSTRUCT at a whole statement, in Turtle, N-Triples and JSON-LD, and says so', async () => {
    const store = await shippedStore();
    const query = 'CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }';
    for (const accept of ['text/turtle', 'application/n-triples']) {
      const answer = await ask(capped.endpoint, query, { accept });
      expect(answer.headers.get('x-sparql-truncated'), accept).toBe('true');
      expect(answer.headers.get('x-sparql-maxbytes'), accept).toBe('1000');
      expect(Buffer.byteLength(answer.body), accept).toBeLessThanOrEqual(1_000);
      const triples = new Parser({ format: accept }).parse(answer.body);
      expect(triples.length, accept).toBeGreaterThan(0);
      // Blank nodes get new labels in every answer; every other triple must be in the data.
      for (const triple of triples.filter((quad) => quad.subject.termType !== 'BlankNode' && quad.object.termType !== 'BlankNode')) {
        expect(store.countQuads(triple.subject, triple.predicate, triple.object, null), `${accept}: ${triple.subject.value}`).toBeGreaterThan(0);
      }
    }
    const jsonld = await ask(capped.endpoint, query, { accept: 'application/ld+json' });
    expect(jsonld.headers.get('x-sparql-truncated')).toBe('true');
    expect(Buffer.byteLength(jsonld.body)).toBeLessThanOrEqual(1_000);
    expect((JSON.parse(jsonld.body) as unknown[]).length).toBeGreaterThan(0);
  });

  it('cuts a CONSTRUCT in RDF/XML after a whole node element, still a document rdflib reads, and says so', async () => {
    const store = await shippedStore();
    const answer = await ask(capped.endpoint, 'CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }', { accept: 'application/rdf+xml' });
    expect(answer.headers.get('x-sparql-truncated')).toBe('true');
    expect(answer.headers.get('x-sparql-maxbytes')).toBe('1000');
    expect(Buffer.byteLength(answer.body)).toBeLessThanOrEqual(1_000);
    expect(answer.body).toMatch(/<\/rdf:RDF>$/);
    const run = await runPython(RDFLIB_TO_NQUADS, ['xml', capped.endpoint], answer.body);
    expectPythonSuccess(run);
    const triples = new Parser({ format: 'application/n-quads' }).parse(run.stdout);
    expect(triples.length).toBeGreaterThan(0);
    for (const triple of triples.filter((quad) => quad.subject.termType !== 'BlankNode' && quad.object.termType !== 'BlankNode')) {
      expect(store.countQuads(triple.subject, triple.predicate, triple.object, null), triple.subject.value).toBeGreaterThan(0);
    }
  });

  it('does not mark answers that fit', async () => {
    const answer = await ask(capped.endpoint, `CONSTRUCT { <${kg('kommun/1883')}> <urn:x:p> ?v } WHERE { VALUES ?v { 1 2 3 } }`, { accept: 'application/n-triples' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-sparql-truncated')).toBeNull();
    const few = await ask(capped.endpoint, 'SELECT ?v WHERE { VALUES ?v { 1 2 3 } }');
    expect(few.headers.get('x-sparql-truncated')).toBeNull();
    expect(JSON.parse(few.body)).not.toHaveProperty('truncated');
  });

  it('cuts answers of huge literals (ten doublings of every value) to the cap', async () => {
    // Literals only: CONCAT of an IRI is an error, which leaves ?x10 unbound and the answer small.
    const answer = await ask(capped.endpoint, `SELECT ?x10 WHERE { ?s ?p ?x0 FILTER(isLiteral(?x0) && STRLEN(?x0) > 0) ${doublings(10)} } LIMIT 20`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-sparql-truncated')).toBe('true');
    expect(Buffer.byteLength(answer.body)).toBeLessThanOrEqual(1_000);
    expect(JSON.parse(answer.body)).toMatchObject({ head: { vars: ['x10'] }, truncated: true });
  });
});

describe('invalid UTF-8 in a query', () => {
  it('is answered with 400 naming the bytes, sent percent-encoded in a GET', async () => {
    const broken = await fetch(`${server.endpoint}?query=ASK%20%7B%7D%20%23%C3%28`);
    expect(broken.status).toBe(400);
    expect(await broken.text()).toBe('The query parameter is not valid UTF-8: the bytes %C3%28 at byte 8 are not a UTF-8 character\n');
    const stray = await fetch(`${server.endpoint}?query=%FF`);
    expect(stray.status).toBe(400);
    expect(await stray.text()).toBe('The query parameter is not valid UTF-8: the bytes %FF at byte 0 are not a UTF-8 character\n');
  });

  it('is answered with 400 naming the bytes, sent percent-encoded in a POSTed form', async () => {
    const response = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=ASK+%7B%7D+%23%E2%82',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('The query parameter is not valid UTF-8: the bytes %E2%82 at byte 8 are not a UTF-8 character\n');
  });

  it('is answered with 400 naming the bytes, sent raw as application/sparql-query', async () => {
    const body = Buffer.concat([Buffer.from('ASK {} # '), Buffer.from([0xc3, 0x28])]);
    const response = await fetch(server.endpoint, { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('The query is not valid UTF-8: the bytes %C3%28 at byte 9 are not a UTF-8 character\n');
  });

  it('is answered with 400 in another parameter too, while valid UTF-8 runs', async () => {
    const format = await fetch(`${server.endpoint}?query=ASK%20%7B%7D&format=%FFjson`);
    expect(format.status).toBe(400);
    expect(await format.text()).toBe('The format parameter is not valid UTF-8: the bytes %FF at byte 0 are not a UTF-8 character\n');
    const valid = await ask(server.endpoint, 'ASK { FILTER("Örebro län" != "ö") }', { via: 'form' });
    expect(JSON.parse(valid.body)).toEqual({ head: {}, boolean: true });
  });
});

describe('stats()', () => {
  it('reports a ready pool, its queue and running queries, timeouts and restarts, and not ready once closed', async () => {
    const timed = await startSparqlTestServer({ workers: 1, timeoutMs: 1_000 });
    try {
      expect(timed.stats()).toEqual({ ready: true, loading: 0, queued: 0, running: 0, timeouts: 0, workerRestarts: 0, engineFailures: 0 });
      const runaway = ask(timed.endpoint, 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }');
      const waiting = ask(timed.endpoint, membersQuery);
      await until(() => timed.stats().running === 1 && timed.stats().queued === 1);
      expect((await runaway).status).toBe(503);
      expect((await waiting).status).toBe(200);
      expect(timed.stats()).toEqual({ ready: true, loading: 0, queued: 0, running: 0, timeouts: 1, workerRestarts: 1, engineFailures: 0 });
      await timed.closeEndpoint();
      expect(timed.stats().ready).toBe(false);
    } finally {
      await timed.close();
    }
  });
});

/** `count` copies of `term` joined by `operator`. */
function chain(count: number, operator: string, term: string): string {
  return Array.from({ length: count }, () => term).join(operator);
}

/** `count` BINDs, each doubling the string of the one before: ?x1 … ?x<count> from ?x0. */
function doublings(count: number): string {
  return Array.from({ length: count }, (_, index) => `BIND(CONCAT(?x${index}, ?x${index}) AS ?x${index + 1})`).join(' ');
}
