import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './freePort.js';

/** Debian's PostgreSQL 15 programs (installed by test/prerequisites.mjs). */
const BIN = '/usr/lib/postgresql/15/bin';
/** How long a started server may take to accept connections on this slow, busy machine. */
const READY_WITHIN_MS = 30_000;

/** A throwaway PostgreSQL server of one spec's own, on 127.0.0.1 and a free port. */
export interface PostgresCluster {
  /** The `postgres` database, as its superuser `postgres` (trust authentication, no password). */
  readonly url: string;
  readonly port: number;
  /** Creates an empty database of a fresh name and gives its connection URL. */
  createDatabase(): Promise<string>;
  /** Stops the server at once, as a crash would (no checkpoint; `start()` recovers from the log). */
  kill(): Promise<void>;
  /** Starts the server again on the same port and folder, once it accepts connections. */
  start(): Promise<void>;
  /** Stops the server and removes its folder; safe to call twice, and after `kill()`. */
  stop(): Promise<void>;
}

/**
 * Starts a new cluster in a temporary folder: `initdb`, then `pg_ctl start`. PostgreSQL refuses
 * to run as root, so as root (as the tests run here) its programs run as Debian's `postgres`
 * user, who owns the folder; otherwise they run as the current user. The folder holds the data
 * (`data/`), the server's log (`log`) and its Unix socket; `fsync=off`, since nothing outlives a spec.
 */
export async function startPostgres(): Promise<PostgresCluster> {
  const folder = await mkdtemp(join(tmpdir(), 'postgres-'));
  const data = join(folder, 'data');
  const log = join(folder, 'log');
  if (isRoot()) {
    const postgres = await postgresUser();
    await chown(folder, postgres.uid, postgres.gid);
  }
  let running = false;
  let removed = false;
  try {
    await run('initdb', ['-D', data, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'], folder);
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;

  async function start(): Promise<void> {
    const options = `-p ${port} -k '${folder}' -c listen_addresses=127.0.0.1 -c fsync=off`;
    try {
      await run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', String(READY_WITHIN_MS / 1000), '-o', options, 'start'], folder);
    } catch (error) {
      throw new Error(`${(error as Error).message}\nThe server's log ends:\n${await tail(log)}`);
    }
    running = true;
    await acceptsConnections(url, log);
  }

  async function halt(mode: 'immediate' | 'fast'): Promise<void> {
    if (!running) return;
    await run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop'], folder);
    running = false;
  }

  let created = 0;
  try {
    await start();
  } catch (error) {
    await run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop'], folder).catch(() => {});
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    port,
    async createDatabase() {
      const name = `spec_${++created}_${randomBytes(4).toString('hex')}`;
      await withClient(url, (client) => client.query(`CREATE DATABASE ${name}`));
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    kill: () => halt('immediate'),
    start,
    async stop() {
      if (removed) return;
      await halt('fast');
      await rm(folder, { recursive: true, force: true });
      removed = true;
    },
  };
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Debian's `postgres` user, whom its postgresql package creates. */
async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([output('id', ['-u', 'postgres']), output('id', ['-g', 'postgres'])]);
  return { uid: Number(uid), gid: Number(gid) };
}

/** Runs one of PostgreSQL's programs (as `postgres` when we are root); its error names the command and its stderr. */
function run(program: string, args: readonly string[], cwd: string): Promise<string> {
  const command = [`${BIN}/${program}`, ...args];
  const [file, ...rest] = isRoot() ? ['runuser', '-u', 'postgres', '--', ...command] : command;
  return output(file!, rest, cwd);
}

function output(file: string, args: readonly string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${[file, ...args].join(' ')} failed (${error.code ?? error.signal}):\n${stderr.trim() || stdout.trim()}`));
      else resolve(stdout.trim());
    });
  });
}


/** Waits until a client can connect and query (pg_ctl -w already waited; this confirms it over TCP). */
async function acceptsConnections(url: string, log: string): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    try {
      await withClient(url, (client) => client.query('SELECT 1'));
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`PostgreSQL at ${url} did not accept connections within ${READY_WITHIN_MS / 1000} s: ${(error as Error).message}\nThe server's log ends:\n${await tail(log)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {}); // a server that goes away reports here too; the query's own rejection says it
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function tail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '(no log)');
  return text.trimEnd().split('\n').slice(-20).join('\n');
}
