import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const PROCESS_TIMEOUT_MS = 60_000;

/** How a command-line run ended. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `src/cli/{name}.ts` from source, as `npm run {name}` runs it from
 * `dist/`, in the project folder, with `env` added to an environment cleared
 * of the variables the commands read; never rejects.
 */
export function runCli(name: 'dataset' | 'token', args: readonly string[], env: Record<string, string> = {}, stdin = ''): Promise<CliRun> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.toLowerCase().startsWith('npm_config_') && !['KULTURSKOLEGRAFEN_URL', 'KULTURSKOLEGRAFEN_TOKEN', 'STORE_DIR', 'TOKENS_FILE', 'DATABASE_URL'].includes(key),
    ),
  );
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${name}.ts`, ...args], {
      cwd: repoRoot,
      env: { ...inherited, ...env },
      timeout: PROCESS_TIMEOUT_MS,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => resolve({ code: null, stdout, stderr: `${stderr}could not start: ${error.message}` }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** A run's outcome, for assertion messages. */
export function describeRun(run: CliRun): string {
  return `exit ${run.code}\nstdout: ${run.stdout.slice(0, 2000)}\nstderr: ${run.stderr.slice(0, 2000)}`;
}
