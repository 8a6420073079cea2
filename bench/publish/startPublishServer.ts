import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledScripts } from '../compiledScripts.js';
import type { EventLoopReading, StepTimings } from './servePublishedStore.js';

const projectDirectory = fileURLToPath(new URL('../..', import.meta.url));

/** The server of the publishing benchmark, running in its own process. */
export interface PublishServer {
  url: string;
  /** The server's process id (its main thread's too). */
  pid: number;
  /** The id of the server's process that checks bodies, if it had one when the server was ready. */
  checksPid: number | undefined;
  quads: number;
  loadMs: number;
  /** Empties the server's event-loop histogram and GC record; resolves once it has. */
  reset(): Promise<void>;
  /** What the event loop and the collector did since the reset. */
  read(): Promise<EventLoopReading>;
  /** Times the steps of serving `slug`'s current version, each alone. */
  diagnose(slug: string): Promise<StepTimings>;
  stop(): Promise<void>;
}

/** How to start it. */
export interface PublishServerOptions {
  /** Write a V8 CPU profile of the server into this folder when it stops (node --cpu-prof). */
  cpuProfileDirectory?: string;
  timeoutMs: number;
}

/**
 * Starts servePublishedStore (compiled, see compiledScripts) over a store
 * folder as `npm start` runs the server (production mode, --expose-gc,
 * --max-semi-space-size=64), with an IPC channel to it; resolves once it
 * serves. Rejects with its stderr when it exits or stays silent before that.
 */
export async function startPublishServer(storeDirectory: string, tokensFile: string, options: PublishServerOptions): Promise<PublishServer> {
  const script = join(await compiledScripts(), 'bench', 'publish', 'servePublishedStore.js');
  const profiling = options.cpuProfileDirectory === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDirectory}`];
  const child = spawn(process.execPath, ['--expose-gc', '--max-semi-space-size=64', ...profiling, script, storeDirectory, tokensFile], {
    cwd: projectDirectory,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const reply = <T>(kind: string, message: object): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (answer: { kind: string }) => {
        if (answer.kind !== kind) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(answer as T);
      };
      const onExit = (code: number | null) => reject(new Error(`The benchmark server exited with ${code} while asked to ${kind}: ${stderr.trim()}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(message);
    });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const ready = await new Promise<{ url: string; quads: number; loadMs: number; checksPid: number | undefined }>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`The benchmark server did not serve within ${options.timeoutMs} ms: ${stderr.trim()}`));
    }, options.timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The benchmark server exited with ${code} before it served: ${stderr.trim()}`));
    });
    child.once('message', (message: { kind: string; url: string; quads: number; loadMs: number; checksPid: number | undefined }) => {
      clearTimeout(timer);
      resolve(message);
    });
  });
  return {
    ...ready,
    pid: child.pid!,
    reset: () => reply<unknown>('reset', { kind: 'reset' }).then(() => undefined),
    read: () => reply<EventLoopReading>('read', { kind: 'read' }),
    diagnose: (slug) => reply<StepTimings>('diagnose', { kind: 'diagnose', slug }),
    stop,
  };
}
