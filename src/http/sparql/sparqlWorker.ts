/**
 * The entry of a query worker thread. It loads Oxigraph with its memory
 * capped, then its own store from the N-Quads in `workerData` (shared
 * memory, not copied), posts `{ ready: true }`, then answers each QueryJob
 * message with a QueryReply. A query blocks only this thread, and the pool
 * may terminate it at any time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { giveWayToMainThread } from '../../giveWayToMainThread.js';
import { nquadsOfContent } from '../../rdf/nquadsOfContent.js';
import { linesInPieces } from './linesInPieces.js';
import { loadOxigraph } from './loadOxigraph.js';
import type { QueryJob } from './QueryJob.js';
import { runQuery } from './runQuery.js';
import type { GraphReplacement, ReplaceGraphMessage, SparqlWorkerData, StageGraphMessage } from './SparqlWorkerPool.js';

const port = parentPort;
if (port === null) throw new Error('sparqlWorker.ts runs as a worker thread, not as a main module');

const { plainQuads, blankNodeQuads, engineMemoryMb, crashOnQuery, replacements = [], firstAtStart = false } = workerData as SparqlWorkerData;
// Measured with `npm run load` on 2 cores: without it the steady p99 beside the SPARQL bombs was 2.3 times the p99 alone.
// The first worker at start gives way once loaded: nothing is served before, and giving way then made it load in 17.6 s instead of about 6 s at 1M.
if (!firstAtStart) giveWayToMainThread();
let { dataVersion } = workerData as SparqlWorkerData;
const engine = loadOxigraph(engineMemoryMb);
const { oxigraph } = engine;
const store = new oxigraph.Store();
/** What a graph's content may become, written as N-Quads ahead (see StageGraphMessage): by graph, the last one told. */
const staged = new Map<string, { ntriples: Buffer; nquads: ReturnType<typeof nquadsOfContent> }>();
load(plainQuads, blankNodeQuads);
for (const replacement of replacements) replaceGraph(replacement);

/** Adds N-Quads to the store: bytes as strings of whole lines (see linesInPieces). */
function load(plain: Uint8Array | string, withBlankNodes: Uint8Array | string): void {
  for (const piece of strings(plain)) store.load(piece, { format: 'application/n-quads' });
  // Store.load() would give blank nodes fresh random labels; parse() keeps the
  // labels of the source, so every worker (and every replacement) answers with
  // the same ones. It is slower (measured: 100,000 quads in 8.7 s against 0.5 s),
  // so only the quads with blank nodes take this path.
  for (const piece of strings(withBlankNodes)) for (const quad of oxigraph.parse(piece, { format: 'application/n-quads' })) store.add(quad);
}

function strings(nquads: Uint8Array | string): Iterable<string> {
  if (typeof nquads === 'string') return nquads === '' ? [] : [nquads];
  return linesInPieces(nquads);
}

/**
 * Adds a stored dataset version (canonical N-Triples bytes) in its dataset's
 * graph: written as N-Quads here (see nquadsOfContent) a piece of whole lines
 * at a time, so the thread never holds the whole text twice.
 */
function loadContent(slug: string, ntriples: Uint8Array): void {
  for (const piece of linesInPieces(ntriples)) {
    const { plain, withBlankNodes } = nquadsOfContent(slug, piece);
    load(plain, withBlankNodes);
  }
}

/** One named graph's content in place of what it held; between two queries, so no query sees a mix. */
function replaceGraph(replacement: GraphReplacement): void {
  store.update(`DROP SILENT GRAPH <${replacement.graph}>`);
  if ('ntriples' in replacement) {
    const ahead = staged.get(replacement.graph);
    staged.delete(replacement.graph);
    if (ahead?.ntriples.equals(replacement.ntriples)) load(ahead.nquads.plain, ahead.nquads.withBlankNodes);
    else loadContent(replacement.slug, replacement.ntriples);
  } else load(replacement.plainQuads, replacement.blankNodeQuads);
}

/** Writes what a graph's content may become as N-Quads, to replace it with sooner if it does (see StageGraphMessage); or forgets it. */
function stageGraph(message: StageGraphMessage): void {
  if (message.ntriples === undefined) return void staged.delete(message.graph);
  const ntriples = Buffer.from(message.ntriples.buffer, message.ntriples.byteOffset, message.ntriples.byteLength);
  staged.set(message.graph, { ntriples, nquads: nquadsOfContent(message.slug, decoded(message.ntriples)) });
}

function decoded(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

port.on('message', (message: QueryJob | ReplaceGraphMessage | StageGraphMessage) => {
  if ('kind' in message && message.kind === 'stage-graph') return stageGraph(message);
  if ('kind' in message) {
    try {
      replaceGraph(message);
      dataVersion = message.dataVersion;
      port.postMessage({ replaced: dataVersion });
    } catch (error) {
      port.postMessage({ replaced: message.dataVersion, error: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  if (crashOnQuery !== undefined && message.query === crashOnQuery) throw new Error('a crash injected by a test through crashOnQuery');
  const reply = runQuery(engine, store, message);
  port.postMessage(dataVersion === undefined ? reply : { ...reply, dataVersion });
});
if (firstAtStart) giveWayToMainThread();
port.postMessage({ ready: true, quads: store.size });
