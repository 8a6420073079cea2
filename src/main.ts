import { pino } from 'pino';
import { openPublishedData } from './http/openPublishedData.js';
import { serveWhenLoaded, type ServedData } from './http/startServer.js';
import { writeOriginsOf } from './http/writeOriginsOf.js';
import { defaultStoreDirectory } from './store/defaultStoreDirectory.js';
import { DataLoadError } from './rdf/DataLoadError.js';
import { loadDataDirectory } from './rdf/loadDataDirectory.js';
import { StoreGraph } from './rdf/StoreGraph.js';

/** At most this much log waits for a slow stdout; past it, lines are dropped rather than the heap grown by anyone sending requests. */
const MAX_BUFFERED_LOG_BYTES = 16 * 1024 * 1024;
const logger = pino({ name: 'kulturskolegrafen' }, pino.destination({ dest: 1, sync: false, maxLength: MAX_BUFFERED_LOG_BYTES }));

/** The TCP port from PORT, default 4000; anything but an integer 0–65535 stops start-up. */
function portFromEnvironment(value = '4000'): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new Error(`PORT must be an integer from 0 to 65535 but is: "${value}"`);
  return port;
}

/** Serves a folder of RDF files as they are, read-only (DATA_DIR): for mirrors and the benchmark. */
async function loadFolder(directory: string): Promise<ServedData> {
  const { store, files, digest, lastModified } = await loadDataDirectory(directory);
  const graphs = files.map(({ graph, quadCount }) => ({ graph: graph.value, quads: quadCount }));
  logger.info({ directory, quads: store.size, graphs }, 'data loaded');
  return { graph: new StoreGraph(store), health: { graphs }, version: { digest, lastModified } };
}

try {
  const port = portFromEnvironment(process.env.PORT);
  const folder = process.env.DATA_DIR;
  const storeDirectory = process.env.STORE_DIR || defaultStoreDirectory();
  /** Releases the store and the checks' thread, when the store is served. */
  let closePublished: (() => Promise<void>) | undefined;
  // Listen first, so that /health and /ready answer while the data loads.
  const server = await serveWhenLoaded(
    {
      logger,
      host: process.env.HOST ?? '127.0.0.1',
      port,
      ...(process.env.PUBLIC_URL && { publicUrl: process.env.PUBLIC_URL }),
      corsWriteOrigins: writeOriginsOf(process.env.CORS_WRITE_ORIGINS),
    },
    async (early) => {
      if (folder !== undefined && folder !== '') return loadFolder(folder);
      const tokensFile = process.env.TOKENS_FILE || undefined;
      const databaseUrl = process.env.DATABASE_URL || undefined;
      const published = await openPublishedData({ storeDirectory, logger, startSparql: early.sparql, ...(tokensFile && { tokensFile }), ...(databaseUrl && { databaseUrl }) });
      closePublished = published.close;
      return published.served;
    },
  );
  const stop = async () => {
    await server.stop();
    // The store's lock goes last, once no write can be running.
    await closePublished?.();
  };
  logger.info(folder ? { directory: folder } : process.env.DATABASE_URL ? { store: 'DATABASE_URL' } : { store: storeDirectory }, `listening at ${server.url}, loading the data`);
  let serving = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // While loading, no request is in flight but probes: nothing to drain.
      if (!serving) {
        logger.info({ signal }, 'stopping while loading');
        process.exit(0);
      }
      logger.info({ signal }, 'draining and stopping');
      stop().then(() => process.exit(0), (error: unknown) => {
        logger.error({ err: error }, 'could not stop cleanly');
        process.exit(1);
      });
    });
  }
  await server.loaded;
  serving = true;
  logger.info(`GraphQL at ${server.url}/graphql`);
} catch (error) {
  logger.fatal(error instanceof DataLoadError ? { file: error.file, code: error.code } : { err: error }, error instanceof Error ? error.message : String(error));
  process.exit(1);
}
