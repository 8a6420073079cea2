import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from 'pino';
import { acceptsWriteFrom } from './acceptsWriteFrom.js';
import { allowCrossOriginReads, answerPreflight } from './allowCrossOriginReads.js';
import type { NodeHandler } from './createGraphqlHandler.js';
import { createMetrics, type ServerMetrics } from './createMetrics.js';
import { operationNamePlugin } from './operationNamePlugin.js';
import { requestIdOf } from './requestIdOf.js';
import { routeOf } from './routeOf.js';
import type { SparqlPoolStats } from './sparql/SparqlWorkerPool.js';


/** Every request passes the front door first; the server tells it how far start-up has come. */
export interface FrontDoor {
  /** The http server's request listener. */
  listener: NodeHandler;
  metrics: ServerMetrics;
  /** Give this to Apollo, so that GraphQL requests are counted and logged under their operation name. */
  operationNames<TContext extends BaseContext>(): ApolloServerPlugin<TContext>;
  /** The data is loaded; the SPARQL workers and the routes are still starting. */
  dataLoaded(): void;
  /** From now on, every request other than /health, /ready, /metrics and preflights goes to `handler`. */
  serve(handler: NodeHandler, options: { health: Record<string, unknown>; sparqlStats: () => SparqlPoolStats }): void;
}

/** What a client is told to wait, in seconds, while the data loads. */
const LOADING_RETRY_AFTER_SECONDS = '5';
/** Paths and operation names longer than this are logged cut, so that a log line stays small. */
const MAX_LOGGED_LENGTH = 256;
/** The status logged and counted for a request whose client went away before an answer was sent (as nginx does). */
const CLIENT_CLOSED_REQUEST = 499;

/**
 * The request listener in front of every route. For each request it:
 *
 * - gives it an id (see requestIdOf), answered in `X-Request-Id`;
 * - lets any origin read the answer (see allowCrossOriginReads) and answers
 *   OPTIONS preflights itself with 204 (see answerPreflight), before GraphQL's
 *   CSRF guard, which keeps refusing simple cross-origin requests; only pages
 *   on `writeOrigins` are allowed to publish, and a write whose `Origin` is
 *   another page's gets 403 naming that origin (see acceptsWriteFrom);
 * - answers `/health` (liveness: 200 once it listens, `status` "loading" then
 *   "ok"), `/ready` (503 with what is still loading, then 200; 503 again
 *   while no SPARQL worker can take a query) and `/metrics` (Prometheus text,
 *   see createMetrics) itself;
 * - refuses HTTP/0.9-style request lines with 400;
 * - while loading, answers everything else with 503, `Retry-After` and a
 *   JSON message; once `serve` is called, hands it to the handler;
 * - when the answer is done, counts it and writes one JSON log line: id,
 *   route, method, path without query string, status, duration in ms and
 *   GraphQL operation name. No header, query string or body is logged, so
 *   no token can reach the log. Client errors and /ready's 503 log at info, other 503s at warn,
 *   other 5xx at error.
 */
export function createFrontDoor(logger: Logger, { writeOrigins = [] }: { writeOrigins?: readonly string[] } = {}): FrontDoor {
  let dataLoaded = false;
  let handler: NodeHandler | undefined;
  let health: Record<string, unknown> | undefined;
  let sparqlStats: (() => SparqlPoolStats) | undefined;
  const ready = (): boolean => handler !== undefined && sparqlStats!().ready;
  const metrics = createMetrics({ ready, sparqlStats: () => sparqlStats?.() });
  // GraphQL requests in flight by id, for the operation name Apollo reports.
  const graphqlInFlight = new Map<string, { operationName?: string }>();

  const listener: NodeHandler = (request, response) => {
    const started = performance.now();
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    const method = request.method;
    const route = routeOf(path, method);
    let requestId = requestIdOf(request.headers['x-request-id']);
    let graphqlRequest: { operationName?: string } | undefined;
    if (route === 'graphql') {
      // The id is how Apollo's plugin finds this request, so two in flight must not share one.
      if (graphqlInFlight.has(requestId)) requestId = randomUUID();
      graphqlRequest = {};
      graphqlInFlight.set(requestId, graphqlRequest);
      request.headers['x-request-id'] = requestId;
    }
    response.setHeader('X-Request-Id', requestId);
    allowCrossOriginReads(response);
    response.once('close', () => {
      if (graphqlRequest !== undefined) graphqlInFlight.delete(requestId);
      const status = response.headersSent ? response.statusCode : CLIENT_CLOSED_REQUEST;
      const ms = performance.now() - started;
      const operationName = graphqlRequest?.operationName;
      metrics.recordRequest(route, method, status, operationName, ms / 1000);
      const line = {
        requestId,
        route,
        method,
        path: cut(path),
        status,
        ms: Math.round(ms * 10) / 10,
        ...(operationName !== undefined && { operationName: cut(operationName) }),
        ...(!response.writableFinished && { aborted: true }),
      };
      // A readiness probe's 503 is its answer while loading, not a fault.
      if (status < 500 || route === 'ready') logger.info(line, 'request');
      else if (status === 503) logger.warn(line, 'request');
      else logger.error(line, 'request');
    });

    // Node's parser takes a request line without a version as HTTP/0.9, which has no headers to speak of.
    if (request.httpVersionMajor !== 1) return sendJson(request, response, 400, { error: `HTTP/${request.httpVersion} is not served; send HTTP/1.0 or HTTP/1.1.` });
    if (method === 'OPTIONS') return answerPreflight(request, response, writeOrigins);
    if (route === 'publishing' && !isRead(method) && !acceptsWriteFrom(request, writeOrigins)) return sendWriteOriginRefused(request, response);
    switch (route) {
      case 'health':
        if (!isRead(method)) return sendMethodNotAllowed(response, path);
        return sendJson(request, response, 200, handler === undefined ? { status: 'loading' } : { status: 'ok', ...health });
      case 'ready': {
        if (!isRead(method)) return sendMethodNotAllowed(response, path);
        if (ready()) return sendJson(request, response, 200, { status: 'ready' });
        // Once serving, only the SPARQL workers can be missing: all of them are being replaced.
        if (handler !== undefined) return sendJson(request, response, 503, { status: 'unavailable', waitingFor: ['sparql'] });
        return sendJson(request, response, 503, { status: 'loading', waitingFor: dataLoaded ? ['sparql'] : ['data', 'sparql'] });
      }
      case 'metrics':
        if (!isRead(method)) return sendMethodNotAllowed(response, path);
        return sendMetrics(request, response, metrics, logger);
    }
    if (handler !== undefined) return handler(request, response);
    response.setHeader('Retry-After', LOADING_RETRY_AFTER_SECONDS);
    sendJson(request, response, 503, { error: `The service is starting and its data is still loading; try again in ${LOADING_RETRY_AFTER_SECONDS} s.` });
  };

  return {
    listener,
    metrics,
    operationNames: () =>
      operationNamePlugin((requestId, operationName) => {
        const inFlight = graphqlInFlight.get(requestId);
        if (inFlight !== undefined) inFlight.operationName = operationName;
      }),
    dataLoaded() {
      dataLoaded = true;
    },
    serve(served, options) {
      dataLoaded = true;
      health = options.health;
      sparqlStats = options.sparqlStats;
      handler = served;
    },
  };
}

function cut(text: string): string {
  return text.length > MAX_LOGGED_LENGTH ? `${text.slice(0, MAX_LOGGED_LENGTH)}…` : text;
}

function isRead(method: string | undefined): boolean {
  return method === 'GET' || method === 'HEAD';
}

function sendMethodNotAllowed(response: ServerResponse, path: string): void {
  response.setHeader('Allow', 'GET, HEAD, OPTIONS');
  const body = JSON.stringify({ error: `${path} answers GET and HEAD only.` });
  response.writeHead(405, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

/** 403 for a write from a page on an origin not listed for writes; the browser that sent it should have stopped it at the preflight. */
function sendWriteOriginRefused(request: IncomingMessage, response: ServerResponse): void {
  const origin = JSON.stringify(cut(request.headers.origin ?? ''));
  sendJson(request, response, 403, {
    error: `Writes from pages on the origin ${origin} are not accepted: the server's operator lists the origins that may publish in CORS_WRITE_ORIGINS. Reading is open to every origin.`,
    code: 'FORBIDDEN_ORIGIN',
  });
}

function sendJson(request: IncomingMessage, response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function sendMetrics(request: IncomingMessage, response: ServerResponse, metrics: ServerMetrics, logger: Logger): void {
  metrics.registry.metrics().then(
    (text) => {
      response.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : text);
    },
    (error: unknown) => {
      logger.error({ err: error }, 'could not collect the metrics');
      if (!response.headersSent) sendJson(request, response, 500, { error: 'Internal server error' });
    },
  );
}
