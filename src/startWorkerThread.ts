import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the worker thread whose entry is the module `name` next to the
 * caller (`callerUrl`: its `import.meta.url`): the compiled `.js` or, when
 * the caller runs from TypeScript source (tests, `tsx`), the `.ts` file after
 * registering tsx in the new thread, since a worker thread does not inherit
 * its parent's loader (and Node 20 ignores `--import` for a worker's entry).
 */
export function startWorkerThread(callerUrl: string, name: string, options: WorkerOptions): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const tsx = createRequire(callerUrl).resolve('tsx/cjs');
  const entry = fileURLToPath(new URL(`./${name}.ts`, callerUrl));
  const bootstrap = `require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`;
  return new Worker(bootstrap, { ...options, eval: true });
}
