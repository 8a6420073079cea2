/**
 * Serves the peer over HTTP as startServer serves ours (src/http/startServer.ts):
 * Node's http server, our front door in front of every request (request id,
 * CORS, metrics, a log line), a `Data-Version` header, the explorer check,
 * and /graphql answered by our GraphQL handler (createGraphqlHandler:
 * body-parser, Apollo's executeHTTPGraphQLRequest, ETags, compression).
 * What differs: the Apollo Server is the peer's (see createPlainApolloServer),
 * its schema's resolvers read plain objects, and nothing but /graphql and the
 * front door's own routes is served (no SPARQL, dumps or linked data).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { Logger } from 'pino';
import { collectLoadGarbage } from '../../src/collectLoadGarbage.js';
import { typeDefs } from '../../src/graphql/typeDefs.js';
import { createFrontDoor } from '../../src/http/createFrontDoor.js';
import { createGraphqlHandler } from '../../src/http/createGraphqlHandler.js';
import { sendExplorerPage } from '../../src/http/explorer/explorerPage.js';
import { wantsExplorer } from '../../src/http/explorer/wantsExplorer.js';
import { defaultGraphqlLimits } from '../../src/http/graphqlLimits.js';
import { createPlainApolloServer } from './createPlainApolloServer.js';
import { noGraph } from './noGraph.js';
import type { PlainObjects } from './PlainObjects.js';
import { plainResolvers } from './plainResolvers.js';

/** What to serve, and where. */
export interface PlainObjectsServerOptions {
  objects: PlainObjects;
  /** Sent as `Data-Version`, as ours sends its data's digest. */
  dataVersion: string;
  logger: Logger;
  host: string;
  /** 0 picks a free port. */
  port: number;
}

/** A listening peer. */
export interface RunningPlainObjectsServer {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  stop(): Promise<void>;
}

/** There are no SPARQL workers to wait for: the front door may call the peer ready at once. */
const noSparql = { ready: true, loading: 0, queued: 0, running: 0, timeouts: 0, workerRestarts: 0, engineFailures: 0 };

export async function startPlainObjectsServer({ objects, dataVersion, logger, host, port }: PlainObjectsServerOptions): Promise<RunningPlainObjectsServer> {
  const httpServer = createServer();
  const frontDoor = createFrontDoor(logger);
  httpServer.on('request', frontDoor.listener);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  const schema = makeExecutableSchema({ typeDefs, resolvers: plainResolvers(objects) });
  const apollo = createPlainApolloServer({ schema, logger, plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), frontDoor.operationNames()] });
  await apollo.start();
  collectLoadGarbage();
  const graphql = createGraphqlHandler({
    apollo,
    graph: noGraph,
    logger,
    maxBodyBytes: defaultGraphqlLimits.maxBodyBytes,
    maxResponseBytes: defaultGraphqlLimits.maxResponseBytes,
  });
  frontDoor.serve(
    (request, response) => {
      response.setHeader('Data-Version', dataVersion);
      if (isGraphqlPath(request.url)) (wantsExplorer(request) ? sendExplorerPage : graphql)(request, response);
      else notFound(request, response);
    },
    { health: { peer: 'plain JavaScript objects' }, sparqlStats: () => noSparql },
  );
  const { port: listening } = httpServer.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shownHost}:${listening}`, stop: () => apollo.stop() };
}

/** Whether a request URL's path is /graphql (with or without a query string or a final slash), as startServer decides. */
function isGraphqlPath(url = '/'): boolean {
  const end = url.indexOf('?');
  const path = end === -1 ? url : url.slice(0, end);
  return path === '/graphql' || path === '/graphql/';
}

function notFound(request: IncomingMessage, response: ServerResponse): void {
  const body = JSON.stringify({ error: `No route for ${request.method} ${request.url}; the plain-JavaScript peer serves /graphql only` });
  response.writeHead(404, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}
