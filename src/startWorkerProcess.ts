import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** How startWorkerProcess runs the process. */
export interface WorkerProcessOptions {
  /** Node's and V8's options for the process (`--max-old-space-size=…`). */
  execArgv?: string[];
}

/**
 * Starts the module `name` next to the caller (`callerUrl`: its
 * `import.meta.url`) as a child process that talks to this one over IPC
 * with structured clone (so a Uint8Array stays one): the compiled `.js`, or,
 * when the caller runs from TypeScript source (tests, `tsx`), the `.ts` file
 * with tsx's loader. Its standard error is this process's; its output goes
 * there too, since this process's standard output may be data (a CLI's).
 */
export function startWorkerProcess(callerUrl: string, name: string, options: WorkerProcessOptions = {}): ChildProcess {
  const fromSource = callerUrl.endsWith('.ts');
  const entry = fileURLToPath(new URL(`./${name}.${fromSource ? 'ts' : 'js'}`, callerUrl));
  const loader = fromSource ? ['--import', pathToFileURL(createRequire(callerUrl).resolve('tsx')).href] : [];
  return fork(entry, [], {
    execArgv: [...loader, ...(options.execArgv ?? [])],
    serialization: 'advanced',
    stdio: ['ignore', 2, 'pipe', 'ipc'],
  });
}
