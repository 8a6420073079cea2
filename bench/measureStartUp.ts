import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { compiledScripts } from './compiledScripts.js';
import { DEFAULT_SEED } from './generateNationalDataset.js';
import { buildPublishStore } from './publish/buildPublishStore.js';
import { syntheticNTriples } from './publish/syntheticNTriples.js';
import { median } from './stats.js';

/** One start of `npm start`'s server on a store, from process start to `/ready`. */
export interface StartUpRun {
  readyMs: number;
  /** The whole process's resident memory when ready (its SPARQL workers are threads of it). */
  rssBytes: number;
  /** The steps the server logged with their time (`ms`), by message. */
  steps: Record<string, number>;
}

/** `npm start` on a store holding the synthetic dataset of one size. */
export interface StartUpRow {
  dataset: string;
  /** Triples of the synthetic dataset in the store (the shipped datasets come beside it). */
  storeTriples: number;
  runs: StartUpRun[];
  medianReadyMs: number;
}

/** How long one start may take before the run is given up. */
const START_TIMEOUT_MS = 300_000;

/**
 * Builds a store holding the synthetic dataset of `triples` beside the
 * shipped ones (see buildPublishStore), then starts the server on it `runs`
 * times one after another, as `npm start` runs it (src/main, compiled;
 * NODE_ENV=production, --expose-gc, --max-semi-space-size=64, STORE_DIR),
 * and times each from the process's start to the first 200 from `/ready`
 * (GraphQL and SPARQL both answer), polled every 50 ms.
 */
export async function measureStartUp(label: string, triples: number, runs: number): Promise<StartUpRow> {
  const folder = await mkdtemp(join(tmpdir(), 'kulturskolegrafen-start-up-'));
  try {
    const national = await syntheticNTriples(triples, DEFAULT_SEED);
    const { storeDirectory } = await buildPublishStore(folder, national.content, national.triples);
    const main = join(await compiledScripts(), 'src', 'main.js');
    const measured: StartUpRun[] = [];
    for (let run = 0; run < runs; run++) measured.push(await startOnce(main, storeDirectory));
    return { dataset: label, storeTriples: national.triples, runs: measured, medianReadyMs: median(measured.map(({ readyMs }) => readyMs)) };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function startOnce(main: string, storeDirectory: string): Promise<StartUpRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--expose-gc', '--max-semi-space-size=64', main], {
    env: { ...process.env, NODE_ENV: 'production', STORE_DIR: storeDirectory, PORT: '0', HOST: '127.0.0.1', TOKENS_FILE: '', DATA_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const steps: Record<string, number> = {};
  let url: string | undefined;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    let entry: { msg?: string; ms?: number };
    try {
      entry = JSON.parse(line) as { msg?: string; ms?: number };
    } catch {
      return;
    }
    const listening = /^listening at (http:\/\/\S+),/.exec(entry.msg ?? '');
    if (listening) url = listening[1];
    if (entry.msg !== undefined && typeof entry.ms === 'number' && !('route' in entry)) steps[entry.msg] = entry.ms;
  });
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The server exited before it was ready: ${stderr.trim()}`);
      if (performance.now() - started > START_TIMEOUT_MS) throw new Error(`The server was not ready within ${START_TIMEOUT_MS} ms: ${stderr.trim()}`);
      if (url !== undefined) {
        const ready = await fetch(`${url}/ready`).then((response) => response.status === 200, () => false);
        if (ready) return { readyMs: performance.now() - started, rssBytes: residentBytes(child.pid!), steps };
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** A process's resident memory, from /proc (0 where there is none). */
function residentBytes(pid: number): number {
  try {
    const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kilobytes === null ? 0 : Number(kilobytes[1]) * 1024;
  } catch {
    return 0;
  }
}
