import type { Logger } from 'pino';
import { dataPath } from '../rdf/dataPath.js';
import type { Graph } from '../rdf/Graph.js';
import { EventLoopTurns } from '../EventLoopTurns.js';
import { graphOfContent } from '../rdf/graphOfContent.js';
import { UnionGraph } from '../rdf/UnionGraph.js';
import { dataVersionOf } from '../publish/dataVersionOf.js';
import { Preparer } from '../publish/Preparer.js';
import { Publisher } from '../publish/Publisher.js';
import { Tokens } from '../publish/Tokens.js';
import type { StoreFaults } from '../store/DatasetStore.js';
import { openDatasetStore } from '../store/openDatasetStore.js';
import { createPublishingRouter } from './publishing/createPublishingRouter.js';
import type { StoredGraphContent } from './sparql/createSparqlRouter.js';
import type { EarlyStart, ServedData } from './startServer.js';

/** Where the published data is kept and who may change it. */
export interface PublishedDataOptions {
  storeDirectory: string;
  /** A PostgreSQL database to keep the datasets in instead of the folder, shared with other API replicas (DATABASE_URL). */
  databaseUrl?: string;
  /** The tokens that may write (see Tokens); without it every write is refused, with how to enable publishing. */
  tokensFile?: string;
  logger: Logger;
  /** What a new, empty store starts with; default the shipped `data/graphs`. */
  seedDirectory?: string;
  /** Passed to the store: the test seam for failures at each step of a commit. */
  storeOptions?: { faults?: StoreFaults };
  /**
   * Starts the SPARQL workers on the served datasets' stored versions (see
   * EarlyStart), called once they are read and before the graph is built
   * from them; without it they come with the served data (`contents`).
   */
  startSparql?: EarlyStart['sparql'];
}

/**
 * Opens the store (seeding it when new), the checks' thread and the write
 * path, and loads every served dataset's current version: what startServer
 * needs to serve the data and to follow every publish. `close` releases
 * the checks' thread and the store's lock, after the server has stopped.
 */
export async function openPublishedData({
  storeDirectory,
  databaseUrl,
  tokensFile,
  logger,
  seedDirectory = dataPath('graphs'),
  storeOptions,
  startSparql,
}: PublishedDataOptions): Promise<{ served: ServedData; publisher: Publisher; close(): Promise<void> }> {
  const warn = (message: string, error: unknown) => logger.warn({ err: error }, message);
  const store = await openDatasetStore({ storeDirectory, ...(databaseUrl !== undefined && { databaseUrl }), ...storeOptions, warn });
  const preparation = new Preparer();
  const close = async () => {
    await preparation.close();
    await store.close();
  };
  try {
    const contents: StoredGraphContent[] = [];
    const publisher = await Publisher.open({
      store,
      preparation,
      seedDirectory,
      eachServed: ({ slug, dataset }, content) => void contents.push({ graph: dataset, slug, ntriples: content }),
      warn,
    });
    const tokens = tokensFile === undefined ? null : Tokens.load(tokensFile);
    const version = dataVersionOf(publisher.datasets());
    // The SPARQL workers load the contents in their threads while this one builds the graph from them.
    startSparql?.(contents, version.digest);
    const parts: Array<readonly [string, Graph]> = [];
    // Before serving: only probes to let in between slices.
    for (const { graph, slug, ntriples } of contents) parts.push([graph, await graphOfContent(slug, ntriples, new EventLoopTurns(false))]);
    // In the checks' own thread while this one goes on starting: the first publish then takes no longer than the next.
    // A failure (or a close meanwhile) needs no report here: the first body checked meets it again, and is refused with it.
    preparation.warmUp().catch(() => undefined);
    const graph = new UnionGraph(parts);
    const graphs = publisher.servedGraphs();
    if (tokens === null) logger.info('publishing is off: set TOKENS_FILE to a tokens file (npm run token -- add) to accept writes');
    const router = createPublishingRouter({ publisher, tokens, logger, dataVersion: () => dataVersionOf(publisher.datasets()).digest });
    logger.info({ store: databaseUrl === undefined ? storeDirectory : (store as { location?: string }).location, quads: graph.size, graphs }, 'data loaded');
    return { served: { graph, health: { graphs }, version, publishing: { publisher, router }, ...(startSparql === undefined && { contents }) }, publisher, close };
  } catch (error) {
    await close();
    throw error;
  }
}
