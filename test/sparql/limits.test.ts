import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ask,
  column,
  countQuads,
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

/** Every triple four times over: far more work than any time limit allows. */
const crossProductQuery = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l FILTER(?c != ?l) }';

let server: SparqlTestServer;
beforeAll(async () => {
  server = await startSparqlTestServer();
});
afterAll(() => server.close());

describe('the read-only endpoint', () => {
  const updates: Record<string, string> = {
    'INSERT DATA': `INSERT DATA { GRAPH <${kg('dataset/orebro-lan')}> { <${kg('kommun/1860')}> <http://www.w3.org/ns/org#memberOf> <${kg('samverkan/orebro-lan')}> } }`,
    'DELETE WHERE': 'DELETE WHERE { GRAPH ?g { ?s ?p ?o } }',
    'DELETE/INSERT': 'DELETE { ?s ?p ?o } INSERT { ?s ?p "x" } WHERE { ?s ?p ?o }',
    LOAD: 'LOAD <http://127.0.0.1:1/data.ttl>',
    CLEAR: 'CLEAR ALL',
    DROP: 'DROP ALL',
    CREATE: `CREATE GRAPH <${kg('dataset/new')}>`,
  };

  for (const [operation, update] of Object.entries(updates)) {
    it(`refuses ${operation} sent as a query with 400 naming it`, async () => {
      const answer = await ask(server.endpoint, update);
      expect(answer.status).toBe(400);
      expect(answer.body).toBe(`This endpoint is read-only: SPARQL Update (${operation}) is not accepted, only SELECT, ASK, CONSTRUCT and DESCRIBE\n`);
    });
  }

  it('refuses an update in the update form field with 400', async () => {
    const response = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ update: updates['DROP']! }).toString(),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/^This endpoint is read-only: SPARQL Update is not accepted/);
  });

  it('refuses a POST of application/sparql-update with 400', async () => {
    const response = await fetch(server.endpoint, { method: 'POST', headers: { 'content-type': 'application/sparql-update' }, body: updates['CLEAR'] });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/^This endpoint is read-only/);
  });

  it('refuses an update parameter in a GET with 400', async () => {
    const response = await fetch(`${server.endpoint}?update=${encodeURIComponent(updates['CLEAR']!)}`);
    expect(response.status).toBe(400);
  });

  it('keeps every triple after all those attempts', async () => {
    const store = await shippedStore();
    const before = store.size;
    expect(await countQuads(server.endpoint)).toBe(before);
    for (const update of Object.values(updates)) {
      await ask(server.endpoint, update);
      await ask(server.endpoint, update, { via: 'body' });
      await fetch(server.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ update }).toString() });
    }
    expect(await countQuads(server.endpoint)).toBe(before);
    expect(store.size).toBe(before);
    expect(column(await select(server.endpoint, membersQuery), 'code')).toEqual(memberCodes);
  });
});

describe('SERVICE', () => {
  it('is refused with 400, at the top level', async () => {
    const answer = await ask(server.endpoint, 'SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }');
    expect(answer.status).toBe(400);
    expect(answer.body).toBe('SERVICE <http://127.0.0.1:1/sparql> is not allowed: this endpoint answers from its own data only and never calls another service\n');
  });

  it('is refused with 400 inside OPTIONAL, a subquery, FILTER EXISTS, SILENT or with a variable', async () => {
    const queries = [
      'SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <http://127.0.0.1:1/sparql> { ?s ?q ?r } } }',
      'SELECT * WHERE { { SELECT ?s WHERE { SERVICE SILENT <http://127.0.0.1:1/sparql> { ?s ?p ?o } } } }',
      'ASK { ?s ?p ?o FILTER EXISTS { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } } }',
      'CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?service { <http://127.0.0.1:1/sparql> } SERVICE ?service { ?s ?p ?o } }',
    ];
    for (const query of queries) {
      const answer = await ask(server.endpoint, query);
      expect(answer.status, query).toBe(400);
      expect(answer.body, query).toMatch(/^SERVICE (<http:\/\/127\.0\.0\.1:1\/sparql>|\?service) is not allowed/);
    }
  });
});

describe('a query that is not valid SPARQL', () => {
  it('is answered with 400 and the parser message', async () => {
    const answer = await ask(server.endpoint, 'SELEC * WHERE { ?s ?p ?o }');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/^The query is not valid SPARQL: Parse error on line 1:\nSELEC \* WHERE/);
  });

  it('gets a message cut to about 300 characters', async () => {
    const answer = await ask(server.endpoint, `SELECT * WHERE { ?s ?p ${'"x" '.repeat(2_000)} }`);
    expect(answer.status).toBe(400);
    expect(answer.body.length).toBeLessThan(400);
  });

  it('with an undefined prefix is answered with 400 naming it', async () => {
    const answer = await ask(server.endpoint, 'SELECT * WHERE { ?s nope:p ?o }');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/nope/);
  });

});

describe('a deeply nested query', () => {
  it('is answered with 400 before parsing when groups nest deeper than 64 levels', async () => {
    const answer = await ask(server.endpoint, `SELECT * WHERE { ${'{ '.repeat(5_000)}?s ?p ?o ${'} '.repeat(5_000)}}`, { via: 'body' });
    expect(answer.status).toBe(400);
    expect(answer.body).toBe('The query nests brackets { } ( ) [ ] 5001 levels deep; the limit is 64\n');
  });

  it('is answered with 400 when function calls or blank nodes nest deeper than 64 levels', async () => {
    const calls = await ask(server.endpoint, `SELECT * WHERE { BIND(${'STR('.repeat(300)}"x"${')'.repeat(300)} AS ?x) }`);
    expect(calls.status).toBe(400);
    expect(calls.body).toBe('The query nests brackets { } ( ) [ ] 302 levels deep; the limit is 64\n');
    const blankNodes = await ask(server.endpoint, `SELECT * WHERE { ?s ?p ${'[ <urn:x:p> '.repeat(100)}?o${' ]'.repeat(100)} }`);
    expect(blankNodes.status).toBe(400);
  });

  it('may nest 64 levels; brackets inside strings, IRIs and comments do not count', async () => {
    const nested = await ask(server.endpoint, `ASK { ?s ?p ?o FILTER(${'('.repeat(62)}true${')'.repeat(62)}) }`);
    expect(JSON.parse(nested.body)).toEqual({ head: {}, boolean: true });
    const quoted = await ask(
      server.endpoint,
      `ASK { FILTER("${'{(['.repeat(100)}" != """${'{'.repeat(100)}\n""" && <urn:x:${'('.repeat(100)}> != <urn:y> && 1 < 2) } # ${'{'.repeat(100)}`,
    );
    expect(quoted.status, quoted.body).toBe(200);
    expect(JSON.parse(quoted.body)).toEqual({ head: {}, boolean: true });
  });
});

describe('the query size limit', () => {
  let small: SparqlTestServer;
  beforeAll(async () => {
    small = await startSparqlTestServer({ maxQueryBytes: 1_000, workers: 1 });
  });
  afterAll(() => small.close());

  const padded = (bytes: number) => `ASK {} #${'x'.repeat(bytes - 'ASK {} #'.length)}`;

  it('accepts a query of exactly maxQueryBytes', async () => {
    expect((await ask(small.endpoint, padded(1_000), { via: 'form' })).status).toBe(200);
  });

  it('answers a longer query with 413 naming the limit, in each protocol form', async () => {
    for (const via of ['GET', 'form', 'body'] as const) {
      const answer = await ask(small.endpoint, padded(1_001), { via });
      expect(answer.status, via).toBe(413);
      expect(answer.body, via).toMatch(/the limit (is|of) 1000 bytes\n$/);
    }
  });

  it('measures the query in UTF-8 bytes', async () => {
    const answer = await ask(small.endpoint, `ASK {} #${'ö'.repeat(600)}`, { via: 'form' });
    expect(answer.status).toBe(413);
    expect(answer.body).toBe('The query is 1208 bytes long; the limit is 1000 bytes\n');
  });

  it('answers an oversized application/sparql-query body with 413 before reading it', async () => {
    const answer = await ask(small.endpoint, padded(5_000), { via: 'body' });
    expect(answer.status).toBe(413);
    expect(answer.body).toBe('The request body is larger than the limit of 1000 bytes\n');
  });
});

describe('the row cap', () => {
  let capped: SparqlTestServer;
  beforeAll(async () => {
    capped = await startSparqlTestServer({ maxRows: 5 });
  });
  afterAll(() => capped.close());

  it('cuts SPARQL JSON results to maxRows and says so in a header and in the results', async () => {
    const answer = await ask(capped.endpoint, membersQuery);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-sparql-truncated')).toBe('true');
    expect(answer.headers.get('x-sparql-maxrows')).toBe('5');
    const results = JSON.parse(answer.body) as SparqlJson;
    expect(results.truncated).toBe(true);
    expect(results.head.vars).toEqual(['member', 'code']);
    expect(column(results, 'code')).toEqual(memberCodes.slice(0, 5));
  });

  it('cuts SPARQL XML, CSV and TSV results to maxRows and says so in a header', async () => {
    const xml = await ask(capped.endpoint, membersQuery, { accept: 'application/sparql-results+xml' });
    expect(xml.headers.get('x-sparql-truncated')).toBe('true');
    expect(xml.body.match(/<result>/g)).toHaveLength(5);
    expect(xml.body).toMatch(/<\/result><\/results><\/sparql>$/);
    const csv = await ask(capped.endpoint, membersQuery, { accept: 'text/csv' });
    expect(csv.headers.get('x-sparql-truncated')).toBe('true');
    expect(csv.body.split('\r\n')).toEqual(['member,code', ...memberCodes.slice(0, 5).map((code) => `${kg(`kommun/${code}`)},${code}`), '']);
    const tsv = await ask(capped.endpoint, membersQuery, { accept: 'text/tab-separated-values' });
    expect(tsv.headers.get('x-sparql-truncated')).toBe('true');
    expect(tsv.body.split('\n')).toHaveLength(1 + 5 + 1);
  });

  it('counts CSV solutions whose values hold line breaks, commas and quotes', async () => {
    const query = 'SELECT ?v WHERE { VALUES ?v { "a\\r\\nb" "c,d" "e\\"f" "g\\nh" "i" "j" "k" } }';
    const csv = await ask(capped.endpoint, query, { accept: 'text/csv' });
    expect(csv.headers.get('x-sparql-truncated')).toBe('true');
    expect(csv.body).toBe('v\r\n"a\r\nb"\r\n"c,d"\r\n"e""f"\r\n"g\nh"\r\ni\r\n');
    const xml = await ask(capped.endpoint, 'SELECT ?v WHERE { VALUES ?v { "<result>" "2" "3" "4" "5" "6" } }', { accept: 'application/sparql-results+xml' });
    expect(xml.body.match(/<result>/g)).toHaveLength(5);
  });

  it('does not mark results that fit', async () => {
    for (const accept of ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values']) {
      const answer = await ask(capped.endpoint, 'SELECT ?v WHERE { VALUES ?v { 1 2 3 4 5 } }', { accept });
      expect(answer.headers.get('x-sparql-truncated'), accept).toBeNull();
    }
    const json = JSON.parse((await ask(capped.endpoint, 'SELECT ?v WHERE { VALUES ?v { 1 2 3 4 5 } }')).body) as SparqlJson;
    expect(json.truncated).toBeUndefined();
    expect(json.results?.bindings).toHaveLength(5);
  });

  it('leaves a LIMIT within the cap alone and keeps OFFSET and ORDER BY', async () => {
    const limited = await ask(capped.endpoint, `${membersQuery} LIMIT 3`);
    expect(limited.headers.get('x-sparql-truncated')).toBeNull();
    expect(column(JSON.parse(limited.body) as SparqlJson, 'code')).toEqual(memberCodes.slice(0, 3));
    const offset = await ask(capped.endpoint, `${membersQuery} OFFSET 8`);
    expect(offset.headers.get('x-sparql-truncated')).toBeNull();
    expect(column(JSON.parse(offset.body) as SparqlJson, 'code')).toEqual(memberCodes.slice(8));
    const large = await ask(capped.endpoint, `${membersQuery} OFFSET 2 LIMIT 100`);
    expect(large.headers.get('x-sparql-truncated')).toBe('true');
    expect(column(JSON.parse(large.body) as SparqlJson, 'code')).toEqual(memberCodes.slice(2, 7));
  });

  it('caps the solutions behind a CONSTRUCT and says so', async () => {
    const query = `CONSTRUCT { ?member <http://www.w3.org/ns/org#memberOf> ?collaboration } WHERE { ?member <http://www.w3.org/ns/org#memberOf> ?collaboration } ORDER BY ?member`;
    const answer = await ask(capped.endpoint, query, { accept: 'application/n-triples' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-sparql-truncated')).toBe('true');
    expect(new Parser({ format: 'application/n-triples' }).parse(answer.body)).toHaveLength(5);
  });

  it('says so when a CONSTRUCT collapses many solutions into few triples', async () => {
    const answer = await ask(capped.endpoint, 'CONSTRUCT { <urn:x:a> <urn:x:b> "c" } WHERE { ?s ?p ?o }', { accept: 'application/n-triples' });
    expect(answer.body.trim().split('\n')).toHaveLength(1);
    expect(answer.headers.get('x-sparql-truncated')).toBe('true');
  });

  it('does not mark a CONSTRUCT whose solutions fit', async () => {
    const few = await ask(capped.endpoint, 'CONSTRUCT { ?v <urn:x:p> "x" } WHERE { VALUES ?v { <urn:x:1> <urn:x:2> <urn:x:3> } }');
    expect(few.headers.get('x-sparql-truncated')).toBeNull();
    const store = await shippedStore();
    const perGraph = await ask(
      capped.endpoint,
      'CONSTRUCT { ?g <urn:x:triples> ?n } WHERE { { SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g } }',
      { accept: 'application/n-triples' },
    );
    expect(perGraph.status, perGraph.body).toBe(200);
    expect(perGraph.headers.get('x-sparql-truncated')).toBeNull();
    expect(new Parser({ format: 'application/n-triples' }).parse(perGraph.body)).toHaveLength(store.getGraphs(null, null, null).length);
  });

  it('caps the solutions behind a DESCRIBE … WHERE and says so', async () => {
    const answer = await ask(capped.endpoint, `DESCRIBE ?member WHERE { ?member <http://www.w3.org/ns/org#memberOf> <${kg('samverkan/orebro-lan')}> }`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-sparql-truncated')).toBe('true');
  });

  it('does not apply to ASK', async () => {
    const answer = await ask(capped.endpoint, 'ASK { ?s ?p ?o }');
    expect(answer.headers.get('x-sparql-truncated')).toBeNull();
  });
});

describe('the time limit', () => {
  let slow: SparqlTestServer;
  beforeAll(async () => {
    slow = await startSparqlTestServer({ timeoutMs: 3_000, workers: 2 });
  });
  afterAll(() => slow.close());

  // Order, not time: a blocked event loop could answer nothing else until the runaway query ends.
  it('stops a runaway query with 503 naming the limit, while other routes and other queries answer before it ends', async () => {
    let runawayEnded = false;
    const runaway = ask(slow.endpoint, crossProductQuery).finally(() => {
      runawayEnded = true;
    });
    // The worker has taken the runaway query once the pool shows it running.
    await until(() => slow.stats().running === 1);

    const ping = await fetch(`${slow.base}/ping`);
    expect(await ping.text()).toBe('pong');
    expect(column(await select(slow.endpoint, membersQuery), 'code')).toEqual(memberCodes);
    expect(runawayEnded, 'the runaway query ended before the other answers came').toBe(false);

    const answer = await runaway;
    expect(answer.status).toBe(503);
    expect(answer.body).toBe('The query ran longer than the time limit of 3000 ms and was stopped\n');
    expect(slow.stats().timeouts).toBe(1);
  });
});

describe('after a timeout', () => {
  let recovering: SparqlTestServer;
  beforeAll(async () => {
    recovering = await startSparqlTestServer({ timeoutMs: 1_000, workers: 2 });
  });
  afterAll(() => recovering.close());

  it('the endpoint answers queries again, with all the data', async () => {
    const first = await ask(recovering.endpoint, crossProductQuery);
    expect(first.status).toBe(503);
    expect(first.body).toBe('The query ran longer than the time limit of 1000 ms and was stopped\n');
    const second = await ask(recovering.endpoint, crossProductQuery);
    expect(second.status).toBe(503);
    for (let attempt = 0; attempt < 4; attempt++) {
      expect(column(await select(recovering.endpoint, membersQuery), 'code')).toEqual(memberCodes);
    }
    expect(await countQuads(recovering.endpoint)).toBe((await shippedStore()).size);
  });
});

describe('the queue', () => {
  let busy: SparqlTestServer;
  beforeAll(async () => {
    busy = await startSparqlTestServer({ timeoutMs: 1_000, workers: 1, maxQueued: 1 });
  });
  afterAll(() => busy.close());

  it('answers 503 with Retry-After when a query would wait behind a full queue', async () => {
    const running = ask(busy.endpoint, crossProductQuery);
    await sleep(100);
    const waiting = ask(busy.endpoint, crossProductQuery);
    await sleep(100);
    const refused = await ask(busy.endpoint, membersQuery);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body).toBe('The SPARQL endpoint is busy (queries running: 1, waiting: 1, the most it queues); try again shortly\n');
    expect((await running).status).toBe(503);
    expect((await waiting).status).toBe(503);
    expect(column(await select(busy.endpoint, membersQuery), 'code')).toEqual(memberCodes);
  });
});

describe('closing the endpoint', () => {
  it('answers waiting and new queries with 503, lets the running one end, then stops', async () => {
    const closing = await startSparqlTestServer({ timeoutMs: 1_000, workers: 1, maxQueued: 4 });
    try {
      const running = ask(closing.endpoint, crossProductQuery);
      await sleep(100);
      const waiting = ask(closing.endpoint, membersQuery);
      await sleep(100);
      const closed = closing.closeEndpoint();
      const waited = await waiting;
      expect(waited.status).toBe(503);
      expect(waited.body).toBe('The SPARQL endpoint is shutting down\n');
      const late = await ask(closing.endpoint, membersQuery);
      expect(late.status).toBe(503);
      expect(late.body).toBe('The SPARQL endpoint is shutting down\n');
      expect((await running).body).toBe('The query ran longer than the time limit of 1000 ms and was stopped\n');
      await closed;
    } finally {
      await closing.close();
    }
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
