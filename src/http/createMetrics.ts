import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Route } from './routeOf.js';
import type { SparqlPoolStats } from './sparql/SparqlWorkerPool.js';

/** Where the metrics read the state they report at each scrape. */
export interface MetricsSources {
  /** Whether the server answers /ready with 200. */
  ready(): boolean;
  /** The SPARQL endpoint's figures, or undefined while it is not started. */
  sparqlStats(): SparqlPoolStats | undefined;
}

/** The metrics of one server, in a registry of its own. */
export interface ServerMetrics {
  registry: Registry;
  /**
   * Counts one finished request under its route, method, status and (for
   * GraphQL) operation name, and its duration under its route.
   */
  recordRequest(route: Route, method: string | undefined, status: number, operationName: string | undefined, seconds: number): void;
}

/** The operation label of GraphQL requests whose operation had no name or never resolved (a parse or validation error). */
export const ANONYMOUS_OPERATION = 'anonymous';
/** The operation label of names past the limit of distinct names. */
export const OTHER_OPERATION = 'other';
/** How many distinct operation names get a label of their own; later names count as `other`. */
export const MAX_OPERATION_LABELS = 100;
/** A GraphQL name of at most 64 characters. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

const COUNTED_METHODS = new Set(['GET', 'HEAD', 'POST', 'OPTIONS']);
/** From a cached GraphQL answer (about a millisecond) to the SPARQL timeout (10 s) and past it. */
const DURATION_BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Prometheus metrics for one server, with prom-client, in a registry of its
 * own (so that several servers in one process keep separate counts):
 *
 * - `http_requests_total{route,method,status,operation}` and
 *   `http_request_duration_seconds{route}`. Every label has a bounded set of
 *   values: routes from routeOf, methods GET/HEAD/POST/OPTIONS or `other`,
 *   and GraphQL operation names only when they are GraphQL names of at most
 *   64 characters from a request that succeeded, the first
 *   MAX_OPERATION_LABELS of them; later ones count as `other`, requests
 *   without a resolved name as `anonymous`, preflights and other routes as
 *   `""`.
 * - `service_ready`, and the SPARQL endpoint's `sparql_ready`,
 *   `sparql_loading_workers`, `sparql_queued_queries`, `sparql_running_queries`,
 *   `sparql_timeouts_total`, `sparql_worker_restarts_total` and
 *   `sparql_engine_failures_total`, read from `sources` at each scrape.
 * - prom-client's default Node.js metrics: heap sizes and spaces, event-loop
 *   delay (min, mean, max, p50, p90, p99 since the last scrape, from
 *   perf_hooks.monitorEventLoopDelay), GC durations, CPU, RSS, handles.
 */
export function createMetrics(sources: MetricsSources): ServerMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route, method, status and GraphQL operation name.',
    labelNames: ['route', 'method', 'status', 'operation'] as const,
    registers,
  });
  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to its last byte, by route.',
    labelNames: ['route'] as const,
    buckets: DURATION_BUCKETS_SECONDS,
    registers,
  });
  new Gauge({
    name: 'service_ready',
    help: '1 when the data and the SPARQL workers are loaded (GET /ready answers 200), else 0.',
    registers,
    collect() {
      this.set(sources.ready() ? 1 : 0);
    },
  });
  new Gauge({
    name: 'sparql_ready',
    help: '1 when the SPARQL workers are ready to take queries, else 0.',
    registers,
    collect() {
      this.set(sources.sparqlStats()?.ready ? 1 : 0);
    },
  });
  new Gauge({
    name: 'sparql_loading_workers',
    help: 'SPARQL worker threads still loading the data (at start, or in place of one that was ended).',
    registers,
    collect() {
      this.set(sources.sparqlStats()?.loading ?? 0);
    },
  });
  new Gauge({
    name: 'sparql_queued_queries',
    help: 'SPARQL queries waiting for a worker.',
    registers,
    collect() {
      this.set(sources.sparqlStats()?.queued ?? 0);
    },
  });
  new Gauge({
    name: 'sparql_running_queries',
    help: 'SPARQL queries running in a worker.',
    registers,
    collect() {
      this.set(sources.sparqlStats()?.running ?? 0);
    },
  });
  sparqlCounter(registry, sources, 'sparql_timeouts_total', 'SPARQL queries stopped at the time limit.', (stats) => stats.timeouts);
  sparqlCounter(registry, sources, 'sparql_worker_restarts_total', 'SPARQL worker threads started in place of one that was ended (a timeout, an engine failure, a crash, or to give memory back).', (stats) => stats.workerRestarts);
  sparqlCounter(registry, sources, 'sparql_engine_failures_total', 'SPARQL queries on which the engine failed (stack or memory exhausted).', (stats) => stats.engineFailures);

  const operationLabels = new Set<string>();
  const operationLabel = (name: string | undefined, status: number): string => {
    if (name === undefined || !OPERATION_NAME.test(name)) return ANONYMOUS_OPERATION;
    if (operationLabels.has(name)) return name;
    // Only names of answered operations take one of the few labels, so failing requests cannot use them up.
    if (status >= 400 || operationLabels.size >= MAX_OPERATION_LABELS) return OTHER_OPERATION;
    operationLabels.add(name);
    return name;
  };

  return {
    registry,
    recordRequest(route, method, status, operationName, seconds) {
      requests.inc({
        route,
        method: method !== undefined && COUNTED_METHODS.has(method) ? method : 'other',
        status: String(status),
        // A preflight runs no operation.
        operation: route === 'graphql' && method !== 'OPTIONS' ? operationLabel(operationName, status) : '',
      });
      durations.observe({ route }, seconds);
    },
  };
}

/** A counter that follows a running total of the SPARQL endpoint at each scrape. */
function sparqlCounter(registry: Registry, sources: MetricsSources, name: string, help: string, total: (stats: SparqlPoolStats) => number): void {
  let counted = 0;
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const stats = sources.sparqlStats();
      if (stats === undefined) return;
      const now = total(stats);
      // Totals only grow; a counter cannot be set, so it is moved on by the difference.
      if (now > counted) {
        this.inc(now - counted);
        counted = now;
      }
    },
  });
}
