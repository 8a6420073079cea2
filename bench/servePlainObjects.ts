/**
 * Child process of the throughput benchmark: serves a data folder with the
 * plain-JavaScript peer (bench/plainObjects: the same schema and Apollo setup
 * as ours, answering from plain objects built once, the store dropped) on
 * 127.0.0.1 and a free port, then prints one JSON line
 * { url, quads, loadMs, buildMs }. SIGTERM stops it; SIGUSR2 starts and ends
 * an account of garbage collection (see gcAccounting.ts).
 * Usage: `node --import tsx bench/servePlainObjects.ts <folder>`.
 */
import { pino } from 'pino';
import { accountGarbageCollection } from './gcAccounting.js';
import { readPlainObjects } from './plainObjects/readPlainObjects.js';
import { startPlainObjectsServer } from './plainObjects/startPlainObjectsServer.js';

accountGarbageCollection();

const directory = process.argv[2];
if (!directory) throw new Error('usage: servePlainObjects.ts <data folder>');

const { objects, quads, digest, loadMs, buildMs } = await readPlainObjects(directory);
// Silent, as serveGraph.ts: the benchmark measures answering queries, not writing logs.
const server = await startPlainObjectsServer({ objects, dataVersion: digest, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0 });
console.log(JSON.stringify({ url: server.url, quads, loadMs, buildMs }));
process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
