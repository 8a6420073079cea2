import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { defaultQueryComplexityLimits } from '../../src/http/sparql/prepareQuery.js';
import type { QueryJob, QueryReply } from '../../src/http/sparql/QueryJob.js';
import { SparqlWorkerPool } from '../../src/http/sparql/SparqlWorkerPool.js';
import { until } from './sparqlTestServer.js';

/** Enough quads that a worker takes a while to load them (about a second here), so a test can act while one loads. */
const BULK_QUADS = 120_000;

const utf8 = (text: string) => new TextEncoder().encode(text);

function bulk(): Uint8Array {
  const lines: string[] = [];
  for (let index = 0; index < BULK_QUADS; index++) lines.push(`<urn:x:s${index}> <urn:x:p> "v${index}" <urn:g:bulk> .\n`);
  return utf8(lines.join(''));
}

const job = (query: string): QueryJob => ({ query, accept: 'text/csv', maxRows: 100, maxResultBytes: 1_000_000, complexity: defaultQueryComplexityLimits });

const answerOf = (reply: QueryReply) => (reply.ok ? { body: reply.body, dataVersion: reply.dataVersion } : { error: reply.message });

describe('a SPARQL worker pool whose second worker is still loading', () => {
  let pool: SparqlWorkerPool;
  beforeAll(async () => {
    pool = await SparqlWorkerPool.start({
      logger: pino({ level: 'silent' }),
      plainQuads: bulk(),
      blankNodeQuads: new Uint8Array(),
      engineMemoryMb: 512,
      dataVersion: 'v1',
      workers: 2,
      maxQueued: 4,
      timeoutMs: 30_000,
    });
  });
  afterAll(() => pool.close());

  it('answers once its first worker has loaded, and says the other is loading', () => {
    expect(pool.stats()).toMatchObject({ ready: true, loading: 1 });
  });

  it('applies a replaced graph without waiting for the loading worker, which applies it before its first query', { timeout: 60_000 }, async () => {
    const replacement = { graph: 'urn:g:small', plainQuads: utf8('<urn:x:a> <urn:x:name> "replaced" <urn:g:small> .\n'), blankNodeQuads: new Uint8Array() };
    await pool.replaceGraph(replacement, 'v2', 512);
    expect(pool.stats().loading).toBe(1);

    await until(() => pool.stats().loading === 0);
    // Both idle: the two queries go one to each worker.
    const query = 'SELECT ?name WHERE { GRAPH <urn:g:small> { ?s <urn:x:name> ?name } }';
    const replies = await Promise.all([pool.run(job(query)), pool.run(job(query))]);
    expect(replies.map(answerOf)).toEqual([
      { body: 'name\r\nreplaced\r\n', dataVersion: 'v2' },
      { body: 'name\r\nreplaced\r\n', dataVersion: 'v2' },
    ]);
  });

  it('waits for every loaded worker once none is loading', async () => {
    const replacement = { graph: 'urn:g:small', plainQuads: utf8('<urn:x:a> <urn:x:name> "again" <urn:g:small> .\n'), blankNodeQuads: new Uint8Array() };
    await pool.replaceGraph(replacement, 'v3', 512);
    const query = 'SELECT ?name WHERE { GRAPH <urn:g:small> { ?s <urn:x:name> ?name } }';
    const replies = await Promise.all([pool.run(job(query)), pool.run(job(query))]);
    expect(replies.map(answerOf)).toEqual([
      { body: 'name\r\nagain\r\n', dataVersion: 'v3' },
      { body: 'name\r\nagain\r\n', dataVersion: 'v3' },
    ]);
  });
});
