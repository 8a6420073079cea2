/**
 * The plain-JavaScript peer of the throughput benchmark (bench/plainObjects)
 * is only a fair yardstick if it answers the four benchmark questions with
 * the very bytes ours answers. Both are served here in-process over the
 * generated 10k dataset, ours as serveGraph.ts serves it (startServer over a
 * StoreGraph), the peer as servePlainObjects.ts does, and their whole
 * response bodies are compared.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchmarkQueries, type BenchmarkQuery } from '../../bench/benchmarkQueries.js';
import { answersOf } from '../../bench/plainObjects/answersOf.js';
import { readPlainObjects } from '../../bench/plainObjects/readPlainObjects.js';
import { requireSameAnswers } from '../../bench/plainObjects/requireSameAnswers.js';
import { startPlainObjectsServer, type RunningPlainObjectsServer } from '../../bench/plainObjects/startPlainObjectsServer.js';
import { prepareDataset, type PreparedDataset } from '../../bench/prepareDataset.js';
import { startServer, type RunningServer } from '../../src/http/startServer.js';
import { loadDataDirectory } from '../../src/rdf/loadDataDirectory.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';

describe('the plain-JavaScript peer on the 10k dataset', () => {
  let dataset: PreparedDataset;
  let queries: BenchmarkQuery[];
  let ours: RunningServer;
  let peer: RunningPlainObjectsServer;

  beforeAll(async () => {
    dataset = await prepareDataset({ label: '10k', triples: 10_000 });
    queries = benchmarkQueries(dataset.probes);
    const logger = pino({ level: 'silent' });
    const { store, digest, lastModified } = await loadDataDirectory(dataset.directories.nquads);
    ours = await startServer({ graph: new StoreGraph(store), logger, host: '127.0.0.1', port: 0, version: { digest, lastModified }, sparql: { workers: 1 } });
    const { objects, digest: peerDigest } = await readPlainObjects(dataset.directories.nquads);
    peer = await startPlainObjectsServer({ objects, dataVersion: peerDigest, logger, host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await Promise.all([ours?.stop(), peer?.stop()]);
  });

  it('answers each of the four questions with the bytes ours answers', async () => {
    const oursAnswers = await answersOf(`${ours.url}/graphql`, queries);
    const peerAnswers = await answersOf(`${peer.url}/graphql`, queries);
    expect([...peerAnswers.keys()]).toEqual(['a', 'b', 'c', 'd']);
    for (const key of oursAnswers.keys()) expect(peerAnswers.get(key), `question ${key}`).toBe(oursAnswers.get(key));
    expect(() => requireSameAnswers(dataset.label, oursAnswers, peerAnswers)).not.toThrow();
  });

  it('asks questions whose answers hold lists, not empty pages', async () => {
    const answers = await answersOf(`${peer.url}/graphql`, queries);
    const data = (key: string) => (JSON.parse(answers.get(key)!) as { data: Record<string, Record<string, unknown[]>> }).data;
    expect(data('a').municipality!.memberships!.length).toBeGreaterThan(1);
    expect(data('b').collaboration!.members!.length).toBeGreaterThan(1);
    expect(data('c').organisations!.nodes!.length).toBe(20);
    expect(data('d').collaboration!.members!.length).toBeGreaterThan(1);
  });

  it('refuses answers that differ in one byte, and says where', async () => {
    const oursAnswers = await answersOf(`${ours.url}/graphql`, queries);
    const changed = new Map(oursAnswers);
    const list = oursAnswers.get('c')!;
    const at = list.length - 10;
    changed.set('c', `${list.slice(0, at)}${list[at] === 'x' ? 'y' : 'x'}${list.slice(at + 1)}`);
    expect(() => requireSameAnswers('10k', oursAnswers, changed)).toThrow(/\(c\): .* first different byte at /);
  });
});
