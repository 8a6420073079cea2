import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** A server still running this long after it was started is killed, whatever happens. */
const PROCESS_TIMEOUT_MS = 600_000;
const GRAPHQL_AT = /^GraphQL at (http:\/\/\S+)\/graphql$/;

/** The server (src/main.ts) running as its own process. */
export interface ServerProcess {
  url: string;
  /** Stops it with SIGTERM and waits for it to exit. */
  stop(): Promise<void>;
  /** Ends it at once with SIGKILL, as a crash or a lost machine would, and waits for it to be gone. */
  kill(): Promise<void>;
}

/** Starts `src/main.ts` on a free port of 127.0.0.1 with `env` added, and resolves once it serves (rejects if it exits first). */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const { DATA_DIR: _data, STORE_DIR: _store, TOKENS_FILE: _tokens, DATABASE_URL: _database, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: repoRoot,
    env: { ...inherited, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), PROCESS_TIMEOUT_MS);
  let output = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  let exitCode: number | null = null;
  const exited = new Promise<void>((resolve) => child.once('exit', (code) => (clearTimeout(killer), (exitCode = code), resolve())));
  return new Promise((resolve, reject) => {
    let lines = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      lines += chunk;
      const complete = lines.split('\n');
      lines = complete.pop()!;
      for (const line of complete) {
        const url = line.startsWith('{') ? GRAPHQL_AT.exec((JSON.parse(line) as { msg?: string }).msg ?? '')?.[1] : undefined;
        if (url !== undefined) {
          resolve({
            url,
            async stop() {
              child.kill('SIGTERM');
              await exited;
            },
            async kill() {
              child.kill('SIGKILL');
              await exited;
            },
          });
        }
      }
    });
    void exited.then(() => reject(new Error(`src/main.ts exited with code ${exitCode} before serving:\n${output}`)));
  });
}
