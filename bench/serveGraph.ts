/**
 * Child process of the throughput benchmark: serves a data folder with our
 * real server (startServer over a StoreGraph) on 127.0.0.1 and a free port,
 * then prints one JSON line { url, quads, loadMs }. SIGTERM stops it; SIGUSR2 starts
 * and ends an account of garbage collection (see gcAccounting.ts).
 * Usage: `node --import tsx bench/serveGraph.ts <folder>`.
 */
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { startServer } from '../src/http/startServer.js';
import { loadDataDirectory } from '../src/rdf/loadDataDirectory.js';
import { StoreGraph } from '../src/rdf/StoreGraph.js';
import { accountGarbageCollection } from './gcAccounting.js';

accountGarbageCollection();

const directory = process.argv[2];
if (!directory) throw new Error('usage: serveGraph.ts <data folder>');

const started = performance.now();
const { store, digest, lastModified } = await loadDataDirectory(directory);
const loadMs = performance.now() - started;
// Silent: the benchmark measures answering queries, not writing logs.
const server = await startServer({
  graph: new StoreGraph(store),
  logger: pino({ level: 'silent' }),
  host: '127.0.0.1',
  port: 0,
  version: { digest, lastModified },
});
console.log(JSON.stringify({ url: server.url, quads: store.size, loadMs }));
process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
