import { loadavg } from 'node:os';
import { runScript } from '../childProcess.js';
import type { LoadPlan, LoadResult } from '../loadGenerator.js';
import { median, medianRun } from '../stats.js';
import type { Replica } from './startReplica.js';

/** How long and how hard each replica is loaded. */
export interface ReadLoadOptions {
  /** autocannon connections per replica (each replica gets a load generator of its own). */
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  runs: number;
}

/** What one load generator measured on one replica. */
export interface ReplicaLoad {
  replica: string;
  /** req/s of every measured run, in order. */
  runs: number[];
  /** Latency of this generator's median run. */
  p50Ms: number;
  p99Ms: number;
}

/** Read throughput of a set of replicas loaded at once. */
export interface ThroughputCase {
  replicas: string[];
  /** 1-minute load average just before the load generators started. */
  loadAverageAtStart: number;
  /** Median over the runs of the summed req/s of all replicas (run i of each generator added up). */
  requestsPerSecond: number;
  /** The summed req/s of every run. */
  runs: number[];
  perReplica: ReplicaLoad[];
}

/**
 * Loads every replica in `replicas` at once with the same GraphQL request,
 * one load generator process (bench/loadGenerator.ts, autocannon) per
 * replica, all started together, and adds up their requests per second run by
 * run. One generator per replica, not one round-robin generator or a load
 * balancer: a balancer in front would spend its own CPU on the same cores and
 * so measure itself too, and each replica here gets exactly the load the
 * single replica gets. Nothing is pinned to a core: two replicas, PostgreSQL
 * and the generators cannot each have one on a 2-core machine, and the one-
 * and two-replica cases are run alike so that their ratio compares like with
 * like. The generators start within a few hundred milliseconds of each other,
 * so the edges of each run overlap a little less than the middle. Throws when
 * a generator sees an error response (see loadGenerator.ts).
 */
export async function measureReadThroughput(replicas: readonly Replica[], body: string, options: ReadLoadOptions): Promise<ThroughputCase> {
  const loadAverageAtStart = loadavg()[0]!;
  const results = await Promise.all(
    replicas.map((replica) => {
      const plan: LoadPlan = { url: `${replica.url}/graphql`, body, ...options };
      return runScript<LoadResult>('loadGenerator.ts', [JSON.stringify(plan)]).catch(async (error: Error) => {
        throw new Error(`${error.message}\nReplica ${replica.name}'s ${await replica.logTail()}`);
      });
    }),
  );
  const runs = Array.from({ length: options.runs }, (_, run) => results.reduce((sum, result) => sum + result.runs[run]!.requestsPerSecond, 0));
  const perReplica = results.map((result, index) => {
    const middle = medianRun(result.runs, (run) => run.requestsPerSecond);
    return { replica: replicas[index]!.name, runs: result.runs.map((run) => run.requestsPerSecond), p50Ms: middle.p50Ms, p99Ms: middle.p99Ms };
  });
  return { replicas: replicas.map(({ name }) => name), loadAverageAtStart, requestsPerSecond: median(runs), runs, perReplica };
}
