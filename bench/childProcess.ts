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

/** A script that keeps running (a server) until stopped. */
export interface RunningScript<Ready> {
  /** What the script printed, as JSON, on its first line of stdout: e.g. the URL it listens at. */
  ready: Ready;
  child: ChildProcess;
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
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve({ ready: JSON.parse(line) as Ready, child, stop });
      } catch {
        void stop();
        reject(new Error(`${script} printed no JSON when ready but: ${line}`));
      }
    });
  });
}
