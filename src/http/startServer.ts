import { performance } from 'node:perf_hooks';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express, { type ErrorRequestHandler, type Router } from 'express';
import type { Logger } from 'pino';
import type { Quad } from '@rdfjs/types';
import type { Graph } from '../rdf/Graph.js';
import { clientErrorAnswer, type RequestError } from './clientErrorAnswer.js';
import { collectLoadGarbage } from '../collectLoadGarbage.js';
import { createApolloServer } from './createApolloServer.js';
import { createDumpRouter, dumps } from './createDumpRouter.js';
import { createExplorerRouter } from './explorer/createExplorerRouter.js';
import { sendExplorerPage } from './explorer/explorerPage.js';
import { wantsExplorer } from './explorer/wantsExplorer.js';
import { createNetworkRouter, networkDownloads } from './createNetworkRouter.js';
import { createFrontDoor, type FrontDoor } from './createFrontDoor.js';
import { createGraphqlHandler } from './createGraphqlHandler.js';
import { datasetVersionsOf } from './datasetVersionsOf.js';
import { createSparqlRouter, type SparqlRouter, type SparqlRouterOptions, type StoredGraphContent } from './sparql/createSparqlRouter.js';
import { describeService } from './describeService.js';
import { createLinkedDataRouter, type ServedDocument } from './linkedData/createLinkedDataRouter.js';
import { renderHomePage } from './linkedData/renderHomePage.js';
import { MemoizedGraph } from '../rdf/MemoizedGraph.js';
import { kg } from '../rdf/vocabulary.js';
import { executableSchema } from '../graphql/executableSchema.js';
import { rememberListSizes } from '../graphql/largestListSizes.js';
import { ListSizeMeasurement } from '../graphql/ListSizeMeasurement.js';
import { EventLoopTurns } from '../EventLoopTurns.js';
import { viewOfChange, type ViewOfChange } from '../graphql/viewOfChange.js';
import type { Publisher } from '../publish/Publisher.js';
import { dataVersionOf } from '../publish/dataVersionOf.js';
import { IndexedGraph } from '../rdf/IndexedGraph.js';
import { warmUpWritePath } from './warmUpWritePath.js';
import type { NumberedTriples } from '../rdf/numberedTriplesOfContent.js';
import { graphOfContent } from '../rdf/graphOfContent.js';
import { UnionGraph } from '../rdf/UnionGraph.js';
import { defaultGraphqlLimits, type GraphqlLimits } from './graphqlLimits.js';

/** Where and how to serve, known before the data is. */
export interface ListenOptions {
  logger: Logger;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The URL clients reach this server at, for the catalogue's links; default http://host:port as listened on. */
  publicUrl?: string;
  limits?: Partial<GraphqlLimits>;
  /** The origins whose pages may publish from a browser (CORS_WRITE_ORIGINS, see writeOriginsOf); other origins only read. */
  corsWriteOrigins?: readonly string[];
  /** Limits of the SPARQL endpoint; see createSparqlRouter for the defaults. */
  sparql?: Partial<Pick<SparqlRouterOptions, 'timeoutMs' | 'maxRows' | 'maxResultBytes' | 'maxQueryBytes' | 'workers' | 'maxQueued' | 'engineMemoryMb' | 'complexity'>>;
}

/** The data to serve and facts about it, known once it is loaded. */
export interface ServedData {
  graph: Graph;
  /** Facts for /health, e.g. the loaded named graphs. */
  health?: Record<string, unknown>;
  /**
   * Which version of the data is served: a digest that changes with it, and
   * when it last changed. Without it, the server's start stands for both.
   */
  version?: { digest: string; lastModified: Date };
  /**
   * Publishing: the routes that write (mounted before every other) and the
   * write path, whose every committed change the server serves at once, in
   * place of the dataset's named graph; `graph` must then be the UnionGraph
   * of the datasets' graphs (see graphOfContent).
   */
  publishing?: { publisher: Publisher; router: Router };
  /**
   * The graph's quads as the stored dataset versions it was read from, one
   * per named graph: the SPARQL workers then load these and write them as
   * N-Quads in their own threads, where otherwise this thread writes the
   * graph's quads as N-Quads for them before serving (at 1M triples 7.8 s
   * in which no request was answered).
   */
  contents?: readonly StoredGraphContent[];
}

/** Where and how to serve, and what. */
export interface ServerOptions extends ListenOptions, ServedData {}

/** A server that is listening. */
export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  httpServer: Server;
  /** Stops taking connections, lets requests in flight finish, then resolves; while loading, first waits for loading to settle. */
  stop(): Promise<void>;
}

/** A server that listens while its data loads. */
export interface LoadingServer extends RunningServer {
  /** Resolves once every route is served; rejects with loading's error, after the server has stopped listening. */
  loaded: Promise<void>;
}

/**
 * Serves an already loaded graph: GraphQL at /graphql (GET and POST; a
 * browser's GET gets the explorer, see wantsExplorer), SPARQL
 * at /sparql, dumps, the catalogue and every resource, /health, /ready and
 * /metrics (see createFrontDoor). Resolves once all of it is served, the
 * SPARQL workers included. Request bodies over the limit get 413, malformed
 * JSON 400, and unknown routes 404, each as JSON with a message; never a 500
 * for bad input.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const server = await serveWhenLoaded(options, async () => options);
  await server.loaded;
  return server;
}

/**
 * What `load` may start before the data is whole. `sparql` starts the SPARQL
 * workers on the stored dataset versions the graph is being built from
 * (see ServedData's `contents`), as data version `dataVersion`: they then
 * load in their threads while this one builds the graph. At most once.
 */
export interface EarlyStart {
  sparql(contents: readonly StoredGraphContent[], dataVersion: string): void;
}

/**
 * Listens at once and then calls `load`: while it and the SPARQL workers
 * load, /health answers 200 (`"status": "loading"`), /ready 503, and every
 * other route 503 with `Retry-After`; then everything is served as by
 * startServer. Resolves once listening. If loading fails, the server stops
 * listening (and the SPARQL workers `load` started stop) and `loaded`
 * rejects with the error.
 */
export async function serveWhenLoaded(options: ListenOptions, load: (early: EarlyStart) => Promise<ServedData>): Promise<LoadingServer> {
  const httpServer = createServer();
  const frontDoor = createFrontDoor(options.logger, { writeOrigins: options.corsWriteOrigins ?? [] });
  httpServer.on('request', frontDoor.listener);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;

  let sparqlEarly: Promise<SparqlRouter> | undefined;
  const early: EarlyStart = {
    sparql: (contents, dataVersion) => {
      if (sparqlEarly !== undefined) throw new Error('serveWhenLoaded: the SPARQL workers were started already');
      const starting = performance.now();
      sparqlEarly = createSparqlRouter({ contents, logger: options.logger, dataVersion, ...options.sparql });
      options.logger.info({ ms: Math.round(performance.now() - starting) }, 'the SPARQL workers started on the stored contents, while the graph is built');
      // serve() waits for it; a failure meanwhile is loading's failure, seen there.
      sparqlEarly.catch(() => undefined);
    },
  };
  const loading = (async () => {
    const data = await load(early);
    return serve(data, { ...options, publicUrl: options.publicUrl ?? url }, httpServer, frontDoor, sparqlEarly);
  })();
  const loaded = loading.then(
    () => undefined,
    async (error: unknown) => {
      await sparqlEarly?.then((sparql) => sparql.close(), () => undefined);
      await closeHttpServer(httpServer);
      throw error;
    },
  );
  loaded.catch(() => undefined); // the caller may look at it later; it is not an unhandled rejection meanwhile
  let stopped: Promise<void> | undefined;
  return {
    url,
    httpServer,
    loaded,
    stop: () =>
      (stopped ??= (async () => {
        const service = await loading.catch(() => undefined);
        if (service === undefined) await closeHttpServer(httpServer);
        else await service.stop();
      })()),
  };
}

/** What serving the loaded data started, and how to stop it. */
interface Service {
  stop(): Promise<void>;
}

/** Everything served from one version of the data. Never changed: a published change builds the next one, which replaces it. */
interface Snapshot {
  graph: Graph;
  version: { digest: string; lastModified: Date };
  /** Answers every route but the front door's own, each answer with a `Data-Version` header. */
  handler: NodeHandler;
  health: Record<string, unknown>;
  /** Gives back what the snapshot holds outside the heap (dump files). */
  close(): Promise<void>;
}

type NodeHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** How long a replaced snapshot's dump files are kept for downloads that started before the change. */
const REPLACED_SNAPSHOT_GRACE_MS = 10 * 60 * 1000;

/** Builds every route over the loaded data, starts Apollo and the SPARQL workers, and hands the front door the routes; with publishing, follows every change. */
async function serve(data: ServedData, options: ListenOptions & { publicUrl: string }, httpServer: Server, frontDoor: FrontDoor, sparqlEarly?: Promise<SparqlRouter>): Promise<Service> {
  const { logger } = options;
  frontDoor.dataLoaded();
  const limits = { ...defaultGraphqlLimits, ...options.limits };
  const started = new Date();
  const firstVersion = data.version ?? { digest: started.getTime().toString(16).padStart(32, '0'), lastModified: started };
  // GraphQL asks the same small questions again and again (names, members); remember the answers.
  const firstAnswers = new MemoizedGraph(data.graph);
  const publishing = data.publishing;
  const apollo = createApolloServer({
    logger,
    limits,
    ...(publishing === undefined && { graph: firstAnswers }),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), frontDoor.operationNames()],
  });
  // The SPARQL workers load the data in their threads while this one measures the list sizes and starts Apollo.
  const writing = performance.now();
  let sparqlStarting = sparqlEarly;
  if (sparqlStarting === undefined) {
    const sparqlData = data.contents !== undefined ? { contents: data.contents } : { quads: data.graph.quads() };
    sparqlStarting = createSparqlRouter({ ...sparqlData, logger, dataVersion: firstVersion.digest, ...options.sparql });
    // Before its first wait, createSparqlRouter writes the data as N-Quads for the workers (or copies the stored contents), on this thread.
    logger.info({ ms: Math.round(performance.now() - writing) }, data.contents !== undefined ? 'the stored contents handed to the SPARQL workers' : 'the data written as N-Quads for the SPARQL workers');
  }
  let listSizes: ListSizeMeasurement | undefined;
  const apolloStarting = (async () => {
    // With publishing, the list sizes are measured so that a change measures again only what it reaches; else Apollo measures them as it starts.
    if (publishing !== undefined) {
      listSizes = await ListSizeMeasurement.of(executableSchema, firstAnswers);
      rememberListSizes(executableSchema, firstAnswers, listSizes.sizes);
    }
    await apollo.start();
  })();
  // Each step's time since the data loaded, for the log: where start-up goes.
  const logWhenDone = (step: Promise<unknown>, message: string) =>
    step.then(() => logger.info({ ms: Math.round(performance.now() - writing) }, message), () => undefined);
  void logWhenDone(sparqlStarting, 'the first SPARQL worker has loaded the data');
  void logWhenDone(apolloStarting, publishing === undefined ? 'Apollo started' : 'list sizes measured and Apollo started');
  const [sparqlStarted, apolloStarted] = await Promise.allSettled([sparqlStarting, apolloStarting]);
  if (sparqlStarted.status === 'rejected' || apolloStarted.status === 'rejected') {
    if (sparqlStarted.status === 'fulfilled') await sparqlStarted.value.close();
    if (apolloStarted.status === 'fulfilled') await apollo.stop();
    throw sparqlStarted.status === 'rejected' ? sparqlStarted.reason : (apolloStarted as PromiseRejectedResult).reason;
  }
  const sparql = sparqlStarted.value;

  // Node started with --expose-gc (npm start, the benchmark) collects what loading and start-up left behind, before any traffic.
  if (collectLoadGarbage()) logger.info({ heapUsedBytes: process.memoryUsage().heapUsed }, 'collected what loading and start-up left behind');

  // The same files whatever the data: made once, not per snapshot.
  const explorerFiles = createExplorerRouter();
  const snapshotOf = (graph: Graph, answers: MemoizedGraph, version: Snapshot['version'], health: Record<string, unknown>): Snapshot => {
    // Taken as the snapshot is made: the versions of the data it holds (one change is served at a time).
    const datasetVersions = publishing && datasetVersionsOf(publishing.publisher);
    const graphql = createGraphqlHandler({
      apollo,
      graph: answers,
      logger,
      maxBodyBytes: limits.maxBodyBytes,
      maxResponseBytes: limits.maxResponseBytes,
      ...(datasetVersions && { datasetVersions }),
    });
    const dumpRouter = createDumpRouter({ graph, logger, ...version });
    const networkRouter = createNetworkRouter({ graph, logger, ...version });
    const app = express();
    app.disable('x-powered-by');
    app.use(sparql.router);
    if (publishing !== undefined) app.use(publishing.router);
    app.use(dumpRouter);
    app.use(explorerFiles);
    app.use(networkRouter);
    const publicUrl = options.publicUrl.replace(/\/+$/, '');
    let catalog: Quad[] | undefined;
    const catalogDocument: ServedDocument = {
      subject: kg.catalog,
      quads: () => (catalog ??= describeService({ graph, publicUrl, dumps, downloads: networkDownloads, ...(publishing && { histories: publishing.publisher.histories() }) })),
    };
    app.use(
      createLinkedDataRouter({
        graph,
        logger,
        catalogPath: '/catalog',
        ...(datasetVersions && { datasetVersions }),
        documents: new Map([
          // The home page for people; in RDF formats, the catalogue.
          [
            '/',
            {
              ...catalogDocument,
              page: ({ language, alternates }) =>
                renderHomePage({ graph: answers, language, alternates, catalogPath: '/catalog', dumps, dataVersion: version, ...(datasetVersions && { datasetVersions }) }),
            },
          ],
          ['/catalog', catalogDocument],
          ['/.well-known/void', catalogDocument],
        ]),
      }),
    );
    app.use((request, response) => {
      response.status(404).json({ error: `No route for ${request.method} ${request.path}; GraphQL is served at /graphql, SPARQL at /sparql` });
    });
    app.use(clientErrors(logger));
    return {
      graph,
      version,
      health: { ...health, quads: graph.size, dataVersion: version.digest },
      // GraphQL, the hot path, is answered beside Express rather than through its router (see createGraphqlHandler).
      handler: (request, response) => {
        response.setHeader('Data-Version', version.digest);
        // A browser opening /graphql gets the explorer; GraphQL requests, GET ones too, get Apollo.
        if (isGraphqlPath(request.url)) (wantsExplorer(request) ? sendExplorerPage : graphql)(request, response);
        else app(request, response);
      },
      close: async () => {
        await Promise.all([dumpRouter.close(), networkRouter.close()]);
      },
    };
  };

  let current = snapshotOf(data.graph, firstAnswers, firstVersion, data.health ?? {});
  let currentAnswers = firstAnswers;
  const sparqlStats = () => sparql.stats();
  frontDoor.serve(current.handler, { health: current.health, sparqlStats });

  let changes: Promise<void> = Promise.resolve();
  /** Replaced snapshots, each closed after a grace period (or when the server stops). */
  const retired = new Map<NodeJS.Timeout, Snapshot>();
  if (publishing !== undefined) {
    const { publisher } = publishing;
    // Contents of writes still being checked, read in meanwhile (see AnticipateChange), and the view of the snapshot then served with each: by slug, the last one told.
    const anticipated = new Map<string, { content: string; part: Promise<IndexedGraph>; base: Snapshot; sizes: ListSizeMeasurement; view: Promise<ViewOfChange> }>();
    const anticipate = (slug: string, content: string | null, numbered?: NumberedTriples) => {
      // The SPARQL workers write it as N-Quads meanwhile, in their threads.
      sparql.stageGraph(kg.dataset(slug).value, content === null ? null : { slug, ntriples: content });
      if (content === null) return void anticipated.delete(slug);
      const [base, baseAnswers, sizes] = [current, currentAnswers, listSizes!];
      // The usual share with requests: at 1M under the publish benchmark's load, giving way up to three times as long kept no more of the load's throughput (29–33% against 25–45% in five runs each), and the commit then waited for the rest (PUT → visible median 2.32 s against 2.04 s).
      const turns = new EventLoopTurns();
      // Numbered by the checks' process when it could (see Preparer): then nothing is parsed here.
      const part = numbered === undefined ? graphOfContent(slug, content, turns) : Promise.resolve(IndexedGraph.of(kg.dataset(slug), numbered));
      const view = part.then((read) => viewOfChange(unionOf(base.graph), baseAnswers, kg.dataset(slug).value, read, { schema: executableSchema, measurement: sizes }, turns));
      part.catch(() => undefined);
      view.catch(() => undefined);
      anticipated.set(slug, { content, part, base, sizes, view });
    };
    publisher.follow((change) => {
      // One change at a time, each built on the one before.
      const applied = changes.then(async () => {
        const served = unionOf(current.graph);
        const version = dataVersionOf(publisher.datasets());
        const told = anticipated.get(change.slug);
        anticipated.delete(change.slug);
        const early = told?.content === change.content ? told : undefined;
        const view = async () => {
          const fresh = async () => {
            const part = change.content === null ? null : early !== undefined ? await early.part : await graphOfContent(change.slug, change.content);
            // The whole lists (every organisation, sorted) are updated from the served graph's, not made afresh.
            return viewOfChange(served, currentAnswers, change.dataset, part, { schema: executableSchema, measurement: listSizes! });
          };
          // Built while the write was checked, on the snapshot and list sizes still served: only keeping the list sizes is left.
          const ahead = early !== undefined && early.base === current && early.sizes === listSizes;
          const { graph, answers, remeasured } = ahead ? await early.view.catch(fresh) : await fresh();
          // Measured before it is served, a slice at a time, so that requests keep being answered meanwhile; only what the change reaches.
          listSizes = await listSizes!.finish(remeasured);
          rememberListSizes(executableSchema, answers, listSizes.sizes);
          return { graph, answers };
        };
        // The SPARQL workers load the change in their threads while this one builds its view of it (SPARQL may answer from it a moment first).
        const [{ graph, answers }] = await Promise.all([
          view(),
          sparql.replaceGraph(change.dataset, change.content === null ? { plain: '', withBlankNodes: '' } : { slug: change.slug, ntriples: change.content }, version.digest),
        ]);
        const next = snapshotOf(graph, answers, version, { graphs: publisher.servedGraphs() });
        const replaced = current;
        current = next;
        currentAnswers = answers;
        frontDoor.serve(next.handler, { health: next.health, sparqlStats });
        logger.info({ dataset: change.dataset, version: change.state.version, dataVersion: version.digest, quads: graph.size }, 'serving a published change');
        const timer = setTimeout(() => {
          retired.delete(timer);
          void replaced.close();
        }, REPLACED_SNAPSHOT_GRACE_MS);
        timer.unref();
        retired.set(timer, replaced);
      });
      changes = applied.catch(() => undefined);
      return applied;
    }, anticipate);
    // A graph that is no union refuses the first change instead (see unionOf).
    if (current.graph instanceof UnionGraph) warmUpWritePath(current.graph, currentAnswers, { schema: executableSchema, measurement: listSizes! }).then(
      (ms) => logger.info({ ms: ms === undefined ? null : Math.round(ms) }, ms === undefined ? 'no reference list to warm the write path with' : 'warmed the write path'),
      (error: Error) => logger.warn({ err: error }, 'warming the write path failed; the first publish compiles it instead'),
    );
  }
  return {
    stop: async () => {
      await apollo.stop();
      await changes;
      await sparql.close();
      for (const timer of retired.keys()) clearTimeout(timer);
      await Promise.all([current, ...retired.values()].map((snapshot) => snapshot.close()));
    },
  };
}

/** The served graph as the union of the datasets it is made of, which publishing needs. */
function unionOf(graph: Graph): UnionGraph {
  if (!(graph instanceof UnionGraph)) throw new Error('startServer: publishing needs the served graph to be a UnionGraph of the datasets');
  return graph;
}

/** Stops listening and ends every connection: while loading, nothing is in flight but probes and 503s. */
function closeHttpServer(httpServer: Server): Promise<void> {
  return new Promise((resolve) => {
    httpServer.close(() => resolve());
    httpServer.closeAllConnections();
  });
}

/** Whether a request URL's path is /graphql (with or without a query string or a final slash). */
function isGraphqlPath(url = '/'): boolean {
  const end = url.indexOf('?');
  const path = end === -1 ? url : url.slice(0, end);
  return path === '/graphql' || path === '/graphql/';
}

/** Turns errors from body parsing and other middleware into JSON answers: their own 4xx status, else a masked 500. */
function clientErrors(logger: Logger): ErrorRequestHandler {
  return (error: RequestError, _request, response, _next) => {
    const { status, body } = clientErrorAnswer(error, logger);
    response.status(status).json(body);
  };
}
