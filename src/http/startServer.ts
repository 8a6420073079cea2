import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express, { type ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Quad } from '@rdfjs/types';
import type { Graph } from '../rdf/Graph.js';
import { clientErrorAnswer, type RequestError } from './clientErrorAnswer.js';
import { collectLoadGarbage } from '../collectLoadGarbage.js';
import { createApolloServer } from './createApolloServer.js';
import { createDumpRouter, dumps } from './createDumpRouter.js';
import { createFrontDoor, type FrontDoor } from './createFrontDoor.js';
import { createGraphqlHandler } from './createGraphqlHandler.js';
import { createSparqlRouter, type SparqlRouterOptions } from './sparql/createSparqlRouter.js';
import { describeService } from './describeService.js';
import { createLinkedDataRouter, type ServedDocument } from './linkedData/createLinkedDataRouter.js';
import { MemoizedGraph } from '../rdf/MemoizedGraph.js';
import { kg } from '../rdf/vocabulary.js';
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
 * Serves an already loaded graph: GraphQL at /graphql (GET and POST), SPARQL
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
 * Listens at once and then calls `load`: while it and the SPARQL workers
 * load, /health answers 200 (`"status": "loading"`), /ready 503, and every
 * other route 503 with `Retry-After`; then everything is served as by
 * startServer. Resolves once listening. If loading fails, the server stops
 * listening and `loaded` rejects with the error.
 */
export async function serveWhenLoaded(options: ListenOptions, load: () => Promise<ServedData>): Promise<LoadingServer> {
  const httpServer = createServer();
  const frontDoor = createFrontDoor(options.logger);
  httpServer.on('request', frontDoor.listener);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;

  const loading = (async () => serve(await load(), { ...options, publicUrl: options.publicUrl ?? url }, httpServer, frontDoor))();
  const loaded = loading.then(
    () => undefined,
    async (error: unknown) => {
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

/** Builds every route over the loaded data, starts Apollo and the SPARQL workers, and hands the front door the routes. */
async function serve(data: ServedData, options: ListenOptions & { publicUrl: string }, httpServer: Server, frontDoor: FrontDoor): Promise<Service> {
  const { graph } = data;
  const { logger } = options;
  frontDoor.dataLoaded();
  const limits = { ...defaultGraphqlLimits, ...options.limits };
  const app = express();
  app.disable('x-powered-by');
  // GraphQL asks the same small questions again and again (names, members); remember the answers.
  const answers = new MemoizedGraph(graph);
  const apollo = createApolloServer({ logger, limits, graph: answers, plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), frontDoor.operationNames()] });
  const sparql = await createSparqlRouter({ quads: graph.quads(), logger, ...options.sparql });
  try {
    await apollo.start();
  } catch (error) {
    await sparql.close();
    throw error;
  }

  // Node started with --expose-gc (npm start, the benchmark) collects what loading and start-up left behind, before any traffic.
  if (collectLoadGarbage()) logger.info({ heapUsedBytes: process.memoryUsage().heapUsed }, 'collected what loading and start-up left behind');

  const graphql = createGraphqlHandler({ apollo, graph: answers, logger, maxBodyBytes: limits.maxBodyBytes, maxResponseBytes: limits.maxResponseBytes });
  const started = new Date();
  const version = data.version ?? { digest: started.getTime().toString(16).padStart(32, '0'), lastModified: started };
  app.use(sparql.router);
  app.use(createDumpRouter({ graph, logger, ...version }));
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  let catalog: Quad[] | undefined;
  const catalogDocument: ServedDocument = {
    subject: kg.catalog,
    quads: () => (catalog ??= describeService({ graph, publicUrl, dumps })),
  };
  app.use(
    createLinkedDataRouter({
      graph,
      logger,
      catalogPath: '/catalog',
      documents: new Map([
        ['/catalog', catalogDocument],
        ['/.well-known/void', catalogDocument],
      ]),
    }),
  );
  app.use((request, response) => {
    response.status(404).json({ error: `No route for ${request.method} ${request.path}; GraphQL is served at /graphql, SPARQL at /sparql` });
  });
  app.use(clientErrors(logger));

  // GraphQL, the hot path, is answered beside Express rather than through its router (see createGraphqlHandler).
  frontDoor.serve((request, response) => (isGraphqlPath(request.url) ? graphql : app)(request, response), {
    health: { quads: graph.size, ...data.health },
    sparqlStats: () => sparql.stats(),
  });
  return {
    stop: async () => {
      await apollo.stop();
      await sparql.close();
    },
  };
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
