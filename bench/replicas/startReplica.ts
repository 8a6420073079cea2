import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { compiledScripts } from '../compiledScripts.js';
import { freePort } from '../../test/support/freePort.js';

const projectDirectory = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Node's flags for the server, as `npm start` gives them (package.json), so a
 * replica here runs as one does in production.
 */
const NODE_FLAGS = ['--expose-gc', '--max-semi-space-size=64'];

/** How to start one replica. */
export interface ReplicaOptions {
  /** A short name for the tables: A, B. */
  name: string;
  databaseUrl: string;
  tokensFile: string;
  /** A folder of its own it must not use: the database is the store. */
  storeDirectory: string;
  /** Where its log (stdout) and stderr go, as `<name>.log` and `<name>.stderr`. */
  logDirectory: string;
  readyWithinMs: number;
}

/** One API replica (src/main.ts) running in its own process. */
export interface Replica {
  name: string;
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  pid: number;
  /** From spawning it to /ready answering 200. */
  startupMs: number;
  /** The last lines of its log and stderr, for an error message. */
  logTail(): Promise<string>;
  /** SIGTERM (SIGKILL if it has not exited 15 s later); safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts `src/main.ts`, compiled as the benchmark compiles it
 * (compiledScripts: tsx's keepNames would slow the resolvers), under plain
 * node with `npm start`'s flags and NODE_ENV=production, on 127.0.0.1 and a
 * free port, with DATABASE_URL, TOKENS_FILE and its own STORE_DIR. Its log and
 * stderr go to files (a pipe drained late could stall it under load).
 * Resolves once /ready answers 200, that is once it has loaded the store's
 * datasets from PostgreSQL; rejects, with its log's tail, if it exits first or
 * is not ready within `readyWithinMs`.
 */
export async function startReplica(options: ReplicaOptions): Promise<Replica> {
  const main = join(await compiledScripts(), 'src', 'main.js');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(options.logDirectory, `${options.name}.log`);
  const stderrFile = join(options.logDirectory, `${options.name}.stderr`);
  const [log, stderr] = await Promise.all([open(logFile, 'w'), open(stderrFile, 'w')]);
  const { DATA_DIR: _data, STORE_DIR: _store, TOKENS_FILE: _tokens, DATABASE_URL: _database, ...inherited } = process.env;
  const started = performance.now();
  const child = spawn(process.execPath, [...NODE_FLAGS, main], {
    cwd: projectDirectory,
    env: {
      ...inherited,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: options.databaseUrl,
      TOKENS_FILE: options.tokensFile,
      STORE_DIR: options.storeDirectory,
    },
    stdio: ['ignore', log.fd, stderr.fd],
  });
  await Promise.all([log.close(), stderr.close()]);
  let exitCode: number | null | undefined;
  const exited = once(child, 'exit').then(([code, signal]) => (exitCode = (code as number | null) ?? (signal === null ? null : -1)));

  const logTail = async (): Promise<string> => {
    const tail = async (file: string) => (await readFile(file, 'utf8').catch(() => '')).trimEnd().split('\n').slice(-15).join('\n');
    return `log:\n${await tail(logFile)}\nstderr:\n${await tail(stderrFile)}`;
  };
  const stop = async (): Promise<void> => {
    if (exitCode !== undefined) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
  };

  const deadline = started + options.readyWithinMs;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`Replica ${options.name} exited (${exitCode}) before it was ready:\n${await logTail()}`);
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`Replica ${options.name} was not ready within ${options.readyWithinMs} ms:\n${await logTail()}`);
    }
    const ready = await fetch(`${url}/ready`).then(
      async (response) => (await response.arrayBuffer(), response.status === 200),
      () => false,
    );
    if (ready) break;
    await sleep(100);
  }
  return { name: options.name, url, pid: child.pid!, startupMs: performance.now() - started, logTail, stop };
}

