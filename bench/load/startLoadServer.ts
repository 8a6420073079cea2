import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledScripts } from '../compiledScripts.js';
import type { HeapReading } from './answerGcOverIpc.js';
import { sendRequest } from './sendRequest.js';
import { freePort } from '../../test/support/freePort.js';

const projectDirectory = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Node's flags for the server, as `npm start` gives them (package.json):
 * --expose-gc is also what lets the load test collect before it reads the heap.
 */
const NODE_FLAGS = ['--expose-gc', '--max-semi-space-size=64'];

/** How the server process ended. */
export interface ServerExit {
  code: number | null;
  signal: string | null;
}

/** What the server wrote to its log and stderr during the run. */
export interface ServerLogSummary {
  lines: number;
  /** Log lines at pino level error (50) or fatal (60). */
  errorLines: number;
  /** The first few of them, shortened. */
  errorSamples: string[];
  stderrTail: string;
}

/** The real server, running in its own process for the load test. */
export interface LoadServer {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  pid: number;
  /** The readiness probe it was waited on: /ready when it answers one, else /health. */
  readinessPath: '/ready' | '/health';
  startupMs: number;
  /** How it ended, or null while it runs. */
  exited(): ServerExit | null;
  /** Forces full collections in the server (over IPC) and reads its memory. */
  collectAndReadHeap(): Promise<HeapReading>;
  /** SIGTERM (SIGKILL if it has not exited 15 s later), then what it logged; removes the log files. */
  stop(): Promise<ServerLogSummary>;
}

/**
 * Starts `src/main.ts`, compiled as the benchmark compiles it
 * (compiledScripts), under plain node with `npm start`'s flags and
 * NODE_ENV=production, over the shipped data, on 127.0.0.1 and a free port,
 * with answerGcOverIpc preloaded. Its log and stderr go to files in the
 * temporary folder (a pipe the orchestrator drains late could stall it).
 * Resolves when /ready answers 200, or, on a server without /ready (404),
 * /health does; rejects if it exits first or is not ready within `readyWithinMs`.
 */
export async function startLoadServer({ readyWithinMs }: { readyWithinMs: number }): Promise<LoadServer> {
  const compiled = await compiledScripts();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logDirectory = await mkdtemp(join(tmpdir(), 'kulturskolegrafen-load-'));
  const logFile = join(logDirectory, 'server.log');
  const stderrFile = join(logDirectory, 'server.stderr');
  const [log, stderr] = await Promise.all([open(logFile, 'w'), open(stderrFile, 'w')]);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [...NODE_FLAGS, '--import', pathToFileURL(join(compiled, 'bench/load/answerGcOverIpc.js')).href, join(compiled, 'src/main.js')],
    {
      cwd: projectDirectory,
      env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: join(projectDirectory, 'data/graphs') },
      stdio: ['ignore', log.fd, stderr.fd, 'ipc'],
    },
  );
  await Promise.all([log.close(), stderr.close()]);
  let exit: ServerExit | null = null;
  const exitedPromise = once(child, 'exit').then(([code, signal]) => (exit = { code: code as number | null, signal: signal as string | null }));

  const stop = async (): Promise<ServerLogSummary> => {
    if (exit === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exitedPromise;
      clearTimeout(killer);
    }
    const summary = await summariseLog(logFile, stderrFile);
    await rm(logDirectory, { recursive: true, force: true });
    return summary;
  };

  let readinessPath: LoadServer['readinessPath'] | undefined;
  const deadline = started + readyWithinMs;
  while (readinessPath === undefined) {
    if (exit !== null) {
      const { stderrTail, errorSamples } = await stop();
      throw new Error(`the server exited (${describeExit(exit)}) before it was ready: ${errorSamples.join(' | ')} ${stderrTail}`);
    }
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`the server was not ready within ${readyWithinMs} ms`);
    }
    const ready = await sendRequest(url, { method: 'GET', path: '/ready' }, { timeoutMs: 2_000 });
    if (ready.status === 200) readinessPath = '/ready';
    else if (ready.status === 404 && (await sendRequest(url, { method: 'GET', path: '/health' }, { timeoutMs: 2_000 })).status === 200) readinessPath = '/health';
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    pid: child.pid!,
    readinessPath,
    startupMs: performance.now() - started,
    exited: () => exit,
    collectAndReadHeap: () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          child.off('message', onMessage);
          reject(new Error('the server did not report its heap within 30 s'));
        }, 30_000);
        const onMessage = (message: unknown): void => {
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(message as HeapReading);
        };
        child.on('message', onMessage);
        child.send('gc');
      }),
    stop,
  };
}

/** "exit code 1", or "signal SIGKILL". */
export function describeExit(exit: ServerExit): string {
  return exit.signal !== null ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}


async function summariseLog(logFile: string, stderrFile: string): Promise<ServerLogSummary> {
  let lines = 0;
  let errorLines = 0;
  const errorSamples: string[] = [];
  for await (const line of createInterface({ input: createReadStream(logFile) })) {
    lines++;
    const level = /"level":(\d+)/.exec(line)?.[1];
    if (level === undefined || Number(level) < 50) continue;
    errorLines++;
    if (errorSamples.length < 3) errorSamples.push(line.slice(0, 300));
  }
  const stderrTail = (await readFile(stderrFile, 'utf8')).slice(-2_000).trim();
  return { lines, errorLines, errorSamples, stderrTail };
}
