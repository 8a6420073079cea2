import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { compiledScripts } from './compiledScripts.js';

const projectDirectory = fileURLToPath(new URL('..', import.meta.url));

let tasksetAvailable: boolean | undefined;

/** Whether `taskset` can pin processes to a core here (Linux with util-linux); checked once. */
export function canPinToCores(): boolean {
  tasksetAvailable ??= spawnSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' }).status === 0;
  return tasksetAvailable;
}

/** How to start a benchmark script in its own Node process. */
export interface ScriptOptions {
  /** Pin the process to this core with taskset, where taskset works; otherwise the OS schedules it. */
  core?: number;
}

async function commandFor(script: string, args: readonly string[], { core }: ScriptOptions): Promise<[string, string[]]> {
  const compiled = join(await compiledScripts(), 'bench', script.replace(/\.ts$/, '.js'));
  const node = [process.execPath, '--expose-gc', compiled, ...args];
  return core !== undefined && canPinToCores() ? ['taskset', ['-c', String(core), ...node]] : [node[0]!, node.slice(1)];
}

/**
 * Runs a script of this folder, compiled (see compiledScripts), in a fresh
 * Node process with --expose-gc, and returns the JSON it prints as its last
 * line of stdout. Throws with the script's stderr when it exits with an error.
 */
export async function runScript<Result>(script: string, args: readonly string[], options: ScriptOptions = {}): Promise<Result> {
  const [command, commandArgs] = await commandFor(script, args, options);
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: projectDirectory, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const lastLine = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`${script} ${args.join(' ')} exited with ${code}: ${stderr.trim() || stdout.trim()}`));
      try {
        resolve(JSON.parse(lastLine) as Result);
      } catch {
        reject(new Error(`${script} ${args.join(' ')} printed no JSON result but: ${stdout.trim().slice(-500)}`));
      }
    });
  });
}

/** Limits of a script run by streamScript. */
export interface StreamOptions {
  /** How long the script may take to print its first line (its setup); beyond this it is stopped and the run fails. */
  firstLineMs: number;
  /** How long it may then stay silent between two lines; beyond this it is stopped and the run ends with what it printed. */
  capMs: number;
}

/** What a script run by streamScript printed, and whether it was stopped at the cap. */
export interface StreamedRun<Line> {
  /** Every line of its stdout, parsed as JSON, in order. */
  lines: Line[];
  /** True when the script stayed silent for `capMs` and was killed. */
  capped: boolean;
}

/**
 * Runs a script of this folder, compiled, in a fresh Node process with
 * --expose-gc, and collects every line it prints to stdout as JSON. A script
 * that reports each step on a line of its own can so be bounded step by step:
 * when it prints nothing for `capMs` after its first line, it is killed
 * (SIGKILL: a busy event loop cannot delay it) and the run resolves with the
 * lines so far. Rejects with the script's stderr when it fails, prints a line
 * that is not JSON, or prints no first line within `firstLineMs`.
 */
export async function streamScript<Line>(script: string, args: readonly string[], options: StreamOptions): Promise<StreamedRun<Line>> {
  const [command, commandArgs] = await commandFor(script, args, {});
  const child = spawn(command, commandArgs, { cwd: projectDirectory, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const lines: Line[] = [];
  let capped = false;
  let failure: Error | undefined;
  let timer: NodeJS.Timeout | undefined;
  const waitFor = (ms: number, onSilence: () => void) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      onSilence();
      child.kill('SIGKILL');
    }, ms);
  };
  waitFor(options.firstLineMs, () => (failure = new Error(`${script} printed nothing within ${options.firstLineMs} ms`)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      lines.push(JSON.parse(line) as Line);
    } catch {
      failure ??= new Error(`${script} printed a line that is not JSON: ${line.slice(0, 500)}`);
      child.kill('SIGKILL');
      return;
    }
    waitFor(options.capMs, () => (capped = true));
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failure) return reject(new Error(`${failure.message}: ${stderr.trim()}`));
      if (!capped && code !== 0) return reject(new Error(`${script} ${args.join(' ')} exited with ${code}: ${stderr.trim()}`));
      resolve({ lines, capped });
    });
  });
}

/** A script that keeps running (a server) until stopped. */
export interface RunningScript<Ready> {
  /** What the script printed, as JSON, on its first line of stdout: e.g. the URL it listens at. */
  ready: Ready;
  child: ChildProcess;
  /** The next line it prints after the first, as JSON (e.g. an answer to a signal); rejects when it exits first. */
  nextLine<Line>(): Promise<Line>;
  /** Sends SIGTERM and resolves when the process has exited. */
  stop(): Promise<void>;
}

/**
 * Starts a script of this folder, compiled, in its own Node process and
 * resolves once it prints its first line of stdout (JSON), within
 * `timeoutMs`. Rejects with the script's stderr when it exits or stays silent
 * before that.
 */
export async function startScript<Ready>(script: string, args: readonly string[], options: ScriptOptions & { timeoutMs: number }): Promise<RunningScript<Ready>> {
  const [command, commandArgs] = await commandFor(script, args, options);
  const child = spawn(command, commandArgs, { cwd: projectDirectory, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${script} did not become ready within ${options.timeoutMs} ms: ${stderr.trim()}`));
    }, options.timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready: ${stderr.trim()}`));
    });
    // Lines after the first wait here until nextLine takes them.
    const later: string[] = [];
    const waiting: Array<(line: string | null) => void> = [];
    child.once('exit', () => waiting.splice(0).forEach((take) => take(null)));
    const nextLine = <Line>() =>
      new Promise<Line>((resolveLine, rejectLine) => {
        const take = (line: string | null) => {
          if (line === null) return rejectLine(new Error(`${script} exited before printing another line: ${stderr.trim()}`));
          try {
            resolveLine(JSON.parse(line) as Line);
          } catch {
            rejectLine(new Error(`${script} printed a line that is not JSON: ${line.slice(0, 500)}`));
          }
        };
        const line = later.shift();
        if (line !== undefined) take(line);
        else if (child.exitCode !== null || child.signalCode !== null) take(null);
        else waiting.push(take);
      });
    let first = true;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!first) {
        const take = waiting.shift();
        if (take === undefined) later.push(line);
        else take(line);
        return;
      }
      first = false;
      clearTimeout(timer);
      try {
        resolve({ ready: JSON.parse(line) as Ready, child, nextLine, stop });
      } catch {
        void stop();
        reject(new Error(`${script} printed no JSON when ready but: ${line}`));
      }
    });
  });
}
