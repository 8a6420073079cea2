import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express, { type ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Quad } from '@rdfjs/types';
import type { Graph } from '../rdf/Graph.js';
import { clientErrorAnswer, type RequestError } from './clientErrorAnswer.js';
import { createApolloServer } from './createApolloServer.js';
import { createDumpRouter, dumps } from './createDumpRouter.js';
import { createGraphqlHandler } from './createGraphqlHandler.js';
import { createSparqlRouter, type SparqlRouterOptions } from './sparql/createSparqlRouter.js';
import { describeService } from './describeService.js';
import { createLinkedDataRouter, type ServedDocument } from './linkedData/createLinkedDataRouter.js';
import { MemoizedGraph } from '../rdf/MemoizedGraph.js';
import { kg } from '../rdf/vocabulary.js';
import { defaultGraphqlLimits, type GraphqlLimits } from './graphqlLimits.js';

/** Where and how to serve. */
export interface ServerOptions {
  graph: Graph;
  logger: Logger;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The URL clients reach this server at, for the catalogue's links; default http://host:port as listened on. */
  publicUrl?: string;
  limits?: Partial<GraphqlLimits>;
  /** Limits of the SPARQL endpoint; see createSparqlRouter for the defaults. */
  sparql?: Partial<Pick<SparqlRouterOptions, 'timeoutMs' | 'maxRows' | 'maxQueryBytes' | 'workers' | 'maxQueued'>>;
  /** Facts for /health, e.g. the loaded named graphs. */
  health?: Record<string, unknown>;
  /**
   * Which version of the data is served: a digest that changes with it, and
   * when it last changed. Without it, the server's start stands for both.
   */
  version?: { digest: string; lastModified: Date };
}

/** A server that is listening. */
export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  httpServer: Server;
  /** Stops taking connections, lets requests in flight finish, then resolves. */
  stop(): Promise<void>;
}

/**
 * Serves the graph over HTTP: GraphQL at /graphql (GET and POST), liveness at
 * /health. Request bodies over the limit get 413, malformed JSON 400, and
 * unknown routes 404, each as JSON with a message; never a 500 for bad input.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { graph, logger } = options;
  const limits = { ...defaultGraphqlLimits, ...options.limits };
  const app = express();
  app.disable('x-powered-by');
  // GraphQL asks the same small questions again and again (names, members); remember the answers.
  const answers = new MemoizedGraph(graph);
  const httpServer = createServer();
  const apollo = createApolloServer({ logger, limits, plugins: [ApolloServerPluginDrainHttpServer({ httpServer })] });
  const [sparql] = await Promise.all([createSparqlRouter({ quads: graph.quads(), logger, ...options.sparql }), apollo.start()]);

  app.get('/health', (_request, response) => {
    response.json({ status: 'ok', quads: graph.size, ...options.health });
  });
  const graphql = createGraphqlHandler({ apollo, graph: answers, logger, maxBodyBytes: limits.maxBodyBytes });
  // GraphQL, the hot path, is answered beside Express rather than through its router (see createGraphqlHandler).
  httpServer.on('request', (request, response) => (isGraphqlPath(request.url) ? graphql : app)(request, response));
  const started = new Date();
  const version = options.version ?? { digest: started.getTime().toString(16).padStart(32, '0'), lastModified: started };
  // The data is open and the endpoint read-only, so any web page may query it.
  app.use('/sparql', (_request, response, next) => {
    response.setHeader('Access-Control-Allow-Origin', '*');
    next();
  });
  app.use(sparql.router);
  app.use(createDumpRouter({ graph, logger, ...version }));
  // Made on first request, when the port (and so the public URL) is known.
  let publicUrl = options.publicUrl?.replace(/\/+$/, '');
  let catalog: Quad[] | undefined;
  const catalogDocument: ServedDocument = {
    subject: kg.catalog,
    quads: () => (catalog ??= describeService({ graph, publicUrl: publicUrl!, dumps })),
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

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  publicUrl ??= url;
  return {
    url,
    httpServer,
    stop: async () => {
      await apollo.stop();
      await sparql.close();
    },
  };
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
