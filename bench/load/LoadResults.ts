import type { MachineInfo } from '../machineInfo.js';
import type { HeapReading } from './answerGcOverIpc.js';
import type { MixResult } from './driveMix.js';
import type { AbusiveTally } from './runAbusiveClient.js';
import type { ServerExit, ServerLogSummary } from './startLoadServer.js';

/** How long each phase runs; LOAD_QUICK=1 shortens them for a smoke run. */
export interface LoadPlan {
  warmupSeconds: number;
  steadySeconds: number;
  stressSeconds: number;
  abuseSeconds: number;
  /** How long the steady mix runs beside a client looping on dumps alone. */
  dumpLoopSeconds: number;
  soakRounds: number;
  soakRoundSeconds: number;
  steadyConnections: number;
  stressConnections: number;
  /** A valid request unanswered this long is a timeout, so a failure. */
  validTimeoutSeconds: number;
  /** A hostile request unanswered this long is "no answer", so a failure (the SPARQL time limit is 10 s). */
  abusiveTimeoutMs: number;
  /** A safety bound on each hostile client's loop per phase. */
  maxAbusiveRequests: number;
}

/** One mix request asked alone, before and after the load. */
export interface Probe {
  name: string;
  status: number | null;
  valid: boolean;
  /** The whole body (they are small), to compare before with after. */
  body: string;
}

/** One soak round: the load, then the heap after forced collections. */
export interface SoakRound {
  load: MixResult;
  heap: HeapReading;
  /** `nodejs_heap_size_used_bytes` from /metrics right after: the production gauge, beside the load test's own reading. */
  metricsHeapUsedBytes?: number;
}

/** Everything one `npm run load` measured, as written to bench/results/load-latest.json. */
export interface LoadResults {
  machine: MachineInfo;
  quick: boolean;
  plan: LoadPlan;
  server: {
    /** How it was started, for the reader. */
    command: string;
    readinessPath: string;
    startupMs: number;
    /** Set when the server process ended before the load test stopped it. */
    died?: { phase: string; exit: ServerExit };
    log?: ServerLogSummary;
  };
  probesBefore: Probe[];
  /** Failures of the load test's own child processes; any fails the run. */
  harnessErrors: string[];
  warmup?: MixResult;
  steady?: MixResult;
  stress?: MixResult;
  abuse?: { steady: MixResult | undefined; abusive: AbusiveTally[] };
  /** The steady mix beside one client looping on dump downloads, and that client's answers. */
  dumpLoop?: { steady: MixResult | undefined; dumps: AbusiveTally[] };
  soak?: { before: HeapReading; rounds: SoakRound[] };
  probesAfter?: Probe[];
  elapsedSeconds: number;
}
