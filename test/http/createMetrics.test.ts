import { describe, expect, it } from 'vitest';
import { ANONYMOUS_OPERATION, createMetrics, MAX_OPERATION_LABELS, OTHER_OPERATION, type MetricsSources, type ServerMetrics } from '../../src/http/createMetrics.js';
import type { SparqlPoolStats } from '../../src/http/sparql/SparqlWorkerPool.js';

/** Sources that a test changes between scrapes. */
function sourcesOf(state: { ready: boolean; stats?: SparqlPoolStats }): MetricsSources {
  return { ready: () => state.ready, sparqlStats: () => state.stats };
}

const idle: SparqlPoolStats = { ready: true, loading: 0, queued: 0, running: 0, timeouts: 0, workerRestarts: 0, engineFailures: 0 };

/** The sample lines of one metric family, as a scrape shows them (no HELP or TYPE). */
async function samples(metrics: ServerMetrics, name: string): Promise<string[]> {
  return (await metrics.registry.getSingleMetricAsString(name)).split('\n').filter((line) => line !== '' && !line.startsWith('#'));
}

/** The http_requests_total sample name of a request on /graphql, without its count. */
function requestLine(operation: string, status = 200, method = 'POST'): string {
  return `http_requests_total{route="graphql",method="${method}",status="${status}",operation="${operation}"}`;
}

describe('createMetrics', () => {
  it('names the labels as the README does: "anonymous", "other", and a cap of 100 operation names', () => {
    expect([ANONYMOUS_OPERATION, OTHER_OPERATION, MAX_OPERATION_LABELS]).toEqual(['anonymous', 'other', 100]);
  });

  it('describes every metric of its own with HELP and TYPE', async () => {
    const metrics = createMetrics(sourcesOf({ ready: false }));
    const heads = (await metrics.registry.metrics()).split('\n').filter((line) => /^# (HELP|TYPE) (http|service|sparql)_/.test(line));
    expect(heads).toEqual([
      '# HELP http_requests_total HTTP requests answered, by route, method, status and GraphQL operation name.',
      '# TYPE http_requests_total counter',
      '# HELP http_request_duration_seconds Time from receiving a request to its last byte, by route.',
      '# TYPE http_request_duration_seconds histogram',
      '# HELP service_ready 1 when the data and the SPARQL workers are loaded (GET /ready answers 200), else 0.',
      '# TYPE service_ready gauge',
      '# HELP sparql_ready 1 when the SPARQL workers are ready to take queries, else 0.',
      '# TYPE sparql_ready gauge',
      '# HELP sparql_loading_workers SPARQL worker threads still loading the data (at start, or in place of one that was ended).',
      '# TYPE sparql_loading_workers gauge',
      '# HELP sparql_queued_queries SPARQL queries waiting for a worker.',
      '# TYPE sparql_queued_queries gauge',
      '# HELP sparql_running_queries SPARQL queries running in a worker.',
      '# TYPE sparql_running_queries gauge',
      '# HELP sparql_timeouts_total SPARQL queries stopped at the time limit.',
      '# TYPE sparql_timeouts_total counter',
      '# HELP sparql_worker_restarts_total SPARQL worker threads started in place of one that was ended (a timeout, an engine failure, a crash, or to give memory back).',
      '# TYPE sparql_worker_restarts_total counter',
      '# HELP sparql_engine_failures_total SPARQL queries on which the engine failed (stack or memory exhausted).',
      '# TYPE sparql_engine_failures_total counter',
    ]);
  });

  it("includes prom-client's default Node.js metrics: CPU, heap, event-loop delay percentiles, GC", async () => {
    const text = await createMetrics(sourcesOf({ ready: true })).registry.metrics();
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_heap_space_size_used_bytes', 'nodejs_eventloop_lag_p99_seconds', 'nodejs_gc_duration_seconds']) {
      expect(text, name).toContain(`# TYPE ${name} `);
    }
  });

  it('keeps each server’s counts in a registry of its own', async () => {
    const first = createMetrics(sourcesOf({ ready: true }));
    const second = createMetrics(sourcesOf({ ready: true }));
    first.recordRequest('health', 'GET', 200, undefined, 0.01);
    expect(await samples(first, 'http_requests_total')).toEqual(['http_requests_total{route="health",method="GET",status="200",operation=""} 1']);
    expect(await samples(second, 'http_requests_total')).toEqual([]);
  });

  describe('http_requests_total', () => {
    it('counts each request under its route, method and status, adding up equal ones', async () => {
      const metrics = createMetrics(sourcesOf({ ready: true }));
      metrics.recordRequest('sparql', 'GET', 200, undefined, 0.01);
      metrics.recordRequest('sparql', 'GET', 200, undefined, 0.01);
      metrics.recordRequest('sparql', 'GET', 404, undefined, 0.01);
      metrics.recordRequest('dump', 'HEAD', 304, 'Ignored', 0.01);
      expect(await samples(metrics, 'http_requests_total')).toEqual([
        'http_requests_total{route="sparql",method="GET",status="200",operation=""} 2',
        'http_requests_total{route="sparql",method="GET",status="404",operation=""} 1',
        'http_requests_total{route="dump",method="HEAD",status="304",operation=""} 1',
      ]);
    });

    it('labels GET, HEAD, POST and OPTIONS as themselves and any other method, or none, as "other"', async () => {
      const metrics = createMetrics(sourcesOf({ ready: true }));
      for (const method of ['GET', 'HEAD', 'POST', 'OPTIONS', 'PUT', 'DELETE', 'get', undefined]) metrics.recordRequest('other', method, 200, undefined, 0.01);
      expect(await samples(metrics, 'http_requests_total')).toEqual([
        'http_requests_total{route="other",method="GET",status="200",operation=""} 1',
        'http_requests_total{route="other",method="HEAD",status="200",operation=""} 1',
        'http_requests_total{route="other",method="POST",status="200",operation=""} 1',
        'http_requests_total{route="other",method="OPTIONS",status="200",operation=""} 1',
        'http_requests_total{route="other",method="other",status="200",operation=""} 4',
      ]);
    });

    it('labels a GraphQL request by its operation name, and one without a name as "anonymous"', async () => {
      const metrics = createMetrics(sourcesOf({ ready: true }));
      metrics.recordRequest('graphql', 'POST', 200, 'Karlskoga', 0.01);
      metrics.recordRequest('graphql', 'GET', 200, 'Karlskoga', 0.01);
      metrics.recordRequest('graphql', 'POST', 400, undefined, 0.01);
      expect(await samples(metrics, 'http_requests_total')).toEqual([
        `${requestLine('Karlskoga')} 1`,
        `${requestLine('Karlskoga', 200, 'GET')} 1`,
        `${requestLine('anonymous', 400)} 1`,
      ]);
    });

    it('gives a preflight on /graphql no operation label', async () => {
      const metrics = createMetrics(sourcesOf({ ready: true }));
      metrics.recordRequest('graphql', 'OPTIONS', 204, 'Karlskoga', 0.01);
      expect(await samples(metrics, 'http_requests_total')).toEqual([`${requestLine('', 204, 'OPTIONS')} 1`]);
    });

    it('takes as a label only a GraphQL name of at most 64 characters; anything else is "anonymous"', async () => {
      const valid = ['a', '_', '_9', 'Z', 'query_Name2', `a${'b'.repeat(63)}`];
      const invalid = ['', '9lives', '-abc', 'abc-', 'two words', 'ä', `a${'b'.repeat(64)}`, 'query Name'];
      for (const name of [...valid, ...invalid]) {
        const metrics = createMetrics(sourcesOf({ ready: true }));
        metrics.recordRequest('graphql', 'POST', 200, name, 0.01);
        const expected = valid.includes(name) ? name : 'anonymous';
        expect(await samples(metrics, 'http_requests_total'), JSON.stringify(name)).toEqual([`${requestLine(expected)} 1`]);
      }
    });

    it('gives a new name a label only from a request that succeeded (status under 400); a failing one counts as "other" until then', async () => {
      const metrics = createMetrics(sourcesOf({ ready: true }));
      metrics.recordRequest('graphql', 'POST', 400, 'Failing', 0.01);
      metrics.recordRequest('graphql', 'POST', 399, 'Redirected', 0.01);
      metrics.recordRequest('graphql', 'POST', 200, 'Failing', 0.01);
      metrics.recordRequest('graphql', 'POST', 500, 'Failing', 0.01);
      metrics.recordRequest('graphql', 'POST', 500, 'Redirected', 0.01);
      expect(await samples(metrics, 'http_requests_total')).toEqual([
        `${requestLine('other', 400)} 1`,
        `${requestLine('Redirected', 399)} 1`,
        `${requestLine('Failing')} 1`,
        `${requestLine('Failing', 500)} 1`,
        `${requestLine('Redirected', 500)} 1`,
      ]);
    });

    it('gives the first 100 names a label each, later ones "other", while the first keep theirs', async () => {
      const metrics = createMetrics(sourcesOf({ ready: true }));
      for (let index = 1; index <= MAX_OPERATION_LABELS; index += 1) metrics.recordRequest('graphql', 'POST', 200, `Operation${index}`, 0.01);
      metrics.recordRequest('graphql', 'POST', 200, 'OneTooMany', 0.01);
      metrics.recordRequest('graphql', 'POST', 200, 'Operation1', 0.01);
      metrics.recordRequest('graphql', 'POST', 200, 'Operation100', 0.01);
      const lines = await samples(metrics, 'http_requests_total');
      expect(lines).toHaveLength(101);
      expect(lines.slice(0, 2)).toEqual([`${requestLine('Operation1')} 2`, `${requestLine('Operation2')} 1`]);
      expect(lines.slice(-2)).toEqual([`${requestLine('Operation100')} 2`, `${requestLine('other')} 1`]);
    });
  });

  describe('http_request_duration_seconds', () => {
    it('puts each duration in the buckets from 1 ms to 30 s, by route, a bound counting as within', async () => {
      const metrics = createMetrics(sourcesOf({ ready: true }));
      metrics.recordRequest('graphql', 'POST', 200, 'Karlskoga', 0.0025);
      metrics.recordRequest('graphql', 'POST', 200, 'Karlskoga', 31);
      metrics.recordRequest('sparql', 'POST', 200, undefined, 0.0005);
      expect(await samples(metrics, 'http_request_duration_seconds')).toEqual([
        'http_request_duration_seconds_bucket{le="0.001",route="graphql"} 0',
        'http_request_duration_seconds_bucket{le="0.0025",route="graphql"} 1',
        'http_request_duration_seconds_bucket{le="0.005",route="graphql"} 1',
        'http_request_duration_seconds_bucket{le="0.01",route="graphql"} 1',
        'http_request_duration_seconds_bucket{le="0.025",route="graphql"} 1',
        'http_request_duration_seconds_bucket{le="0.05",route="graphql"} 1',
        'http_request_duration_seconds_bucket{le="0.1",route="graphql"} 1',
        'http_request_duration_seconds_bucket{le="0.25",route="graphql"} 1',
        'http_request_duration_seconds_bucket{le="0.5",route="graphql"} 1',
        'http_request_duration_seconds_bucket{le="1",route="graphql"} 1',
        'http_request_duration_seconds_bucket{le="2.5",route="graphql"} 1',
        'http_request_duration_seconds_bucket{le="5",route="graphql"} 1',
        'http_request_duration_seconds_bucket{le="10",route="graphql"} 1',
        'http_request_duration_seconds_bucket{le="30",route="graphql"} 1',
        'http_request_duration_seconds_bucket{le="+Inf",route="graphql"} 2',
        'http_request_duration_seconds_sum{route="graphql"} 31.0025',
        'http_request_duration_seconds_count{route="graphql"} 2',
        'http_request_duration_seconds_bucket{le="0.001",route="sparql"} 1',
        'http_request_duration_seconds_bucket{le="0.0025",route="sparql"} 1',
        'http_request_duration_seconds_bucket{le="0.005",route="sparql"} 1',
        'http_request_duration_seconds_bucket{le="0.01",route="sparql"} 1',
        'http_request_duration_seconds_bucket{le="0.025",route="sparql"} 1',
        'http_request_duration_seconds_bucket{le="0.05",route="sparql"} 1',
        'http_request_duration_seconds_bucket{le="0.1",route="sparql"} 1',
        'http_request_duration_seconds_bucket{le="0.25",route="sparql"} 1',
        'http_request_duration_seconds_bucket{le="0.5",route="sparql"} 1',
        'http_request_duration_seconds_bucket{le="1",route="sparql"} 1',
        'http_request_duration_seconds_bucket{le="2.5",route="sparql"} 1',
        'http_request_duration_seconds_bucket{le="5",route="sparql"} 1',
        'http_request_duration_seconds_bucket{le="10",route="sparql"} 1',
        'http_request_duration_seconds_bucket{le="30",route="sparql"} 1',
        'http_request_duration_seconds_bucket{le="+Inf",route="sparql"} 1',
        'http_request_duration_seconds_sum{route="sparql"} 0.0005',
        'http_request_duration_seconds_count{route="sparql"} 1',
      ]);
    });
  });

  describe('the gauges, read from the sources at each scrape', () => {
    const gauges = ['service_ready', 'sparql_ready', 'sparql_loading_workers', 'sparql_queued_queries', 'sparql_running_queries'];
    const scrape = async (metrics: ServerMetrics) => (await Promise.all(gauges.map((name) => samples(metrics, name)))).flat();

    it('report 0 everywhere while nothing is ready and the SPARQL endpoint is not started', async () => {
      const metrics = createMetrics(sourcesOf({ ready: false }));
      expect(await scrape(metrics)).toEqual(['service_ready 0', 'sparql_ready 0', 'sparql_loading_workers 0', 'sparql_queued_queries 0', 'sparql_running_queries 0']);
    });

    it("follow the service's readiness and the SPARQL pool's figures as they change", async () => {
      const state: { ready: boolean; stats?: SparqlPoolStats } = { ready: false, stats: { ...idle, ready: false, loading: 2 } };
      const metrics = createMetrics(sourcesOf(state));
      expect(await scrape(metrics)).toEqual(['service_ready 0', 'sparql_ready 0', 'sparql_loading_workers 2', 'sparql_queued_queries 0', 'sparql_running_queries 0']);
      state.ready = true;
      state.stats = { ...idle, ready: true, loading: 1, queued: 3, running: 4 };
      expect(await scrape(metrics)).toEqual(['service_ready 1', 'sparql_ready 1', 'sparql_loading_workers 1', 'sparql_queued_queries 3', 'sparql_running_queries 4']);
      state.ready = false;
      delete state.stats;
      expect(await scrape(metrics)).toEqual(['service_ready 0', 'sparql_ready 0', 'sparql_loading_workers 0', 'sparql_queued_queries 0', 'sparql_running_queries 0']);
    });
  });

  describe('the SPARQL counters', () => {
    const counters = ['sparql_timeouts_total', 'sparql_worker_restarts_total', 'sparql_engine_failures_total'];
    const scrape = async (metrics: ServerMetrics) => (await Promise.all(counters.map((name) => samples(metrics, name)))).flat();

    it("follow the pool's running totals, each its own, and never go down", async () => {
      const state: { ready: boolean; stats?: SparqlPoolStats } = { ready: true };
      const metrics = createMetrics(sourcesOf(state));
      expect(await scrape(metrics)).toEqual(['sparql_timeouts_total 0', 'sparql_worker_restarts_total 0', 'sparql_engine_failures_total 0']);
      state.stats = { ...idle, timeouts: 3, workerRestarts: 5, engineFailures: 1 };
      expect(await scrape(metrics)).toEqual(['sparql_timeouts_total 3', 'sparql_worker_restarts_total 5', 'sparql_engine_failures_total 1']);
      state.stats = { ...idle, timeouts: 7, workerRestarts: 5, engineFailures: 2 };
      expect(await scrape(metrics)).toEqual(['sparql_timeouts_total 7', 'sparql_worker_restarts_total 5', 'sparql_engine_failures_total 2']);
      // A total that is lower than counted (a new pool) moves nothing back; the endpoint stopping keeps the count.
      state.stats = { ...idle, timeouts: 1, workerRestarts: 0, engineFailures: 0 };
      expect(await scrape(metrics)).toEqual(['sparql_timeouts_total 7', 'sparql_worker_restarts_total 5', 'sparql_engine_failures_total 2']);
      delete state.stats;
      expect(await scrape(metrics)).toEqual(['sparql_timeouts_total 7', 'sparql_worker_restarts_total 5', 'sparql_engine_failures_total 2']);
      state.stats = { ...idle, timeouts: 9, workerRestarts: 6, engineFailures: 2 };
      expect(await scrape(metrics)).toEqual(['sparql_timeouts_total 9', 'sparql_worker_restarts_total 6', 'sparql_engine_failures_total 2']);
    });
  });
});
