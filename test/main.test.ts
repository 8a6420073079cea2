import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPath } from '../src/rdf/dataPath.js';
import { loadDataDirectory } from '../src/rdf/loadDataDirectory.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** Every spawned server is killed after this long, whatever happens. */
const PROCESS_TIMEOUT_MS = 30_000;
const TEST_TIMEOUT_MS = 40_000;
const GRAPHQL_AT = /^GraphQL at (http:\/\/\S+)\/graphql$/;

const running = new Set<MainProcess>();
let stores = 0;

function storeFolder(): string {
  const folder = join(tmpdir(), `kulturskolegrafen-main-${process.pid}-${++stores}`);
  storeFolders.push(folder);
  return folder;
}

/** The store folders the spawned servers were given. */
const storeFolders: string[] = [];

afterAll(async () => {
  for (const main of running) main.child.kill('SIGKILL');
  await Promise.all(storeFolders.map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('the server entry point (src/main.ts)', () => {
  describe('with the shipped data and PORT=0', () => {
    let main: MainProcess;
    let baseUrl: string;

    beforeAll(async () => {
      main = startMain({ PORT: '0' });
      baseUrl = await main.url;
    }, TEST_TIMEOUT_MS);

    it('logs the URL of /graphql on a free port of 127.0.0.1', () => {
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(baseUrl).not.toMatch(/:0$/);
    });

    it('serves /health with the named graphs of a new store, seeded from the shipped files as version 1 of each', async () => {
      const response = await fetch(`${baseUrl}/health`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { status: string; quads: number; graphs: Array<{ graph: string; quads: number }> };
      expect(body.status).toBe('ok');
      const { store, files } = await loadDataDirectory(dataPath('graphs'));
      expect(body.quads).toBe(store.size);
      expect(body.graphs).toEqual(files.map(({ graph, quadCount }) => ({ graph: graph.value, version: 1, quads: quadCount })));
      expect(body.graphs.map(({ graph }) => graph)).toContain('https://w3id.org/kulturskola/dataset/orebro-lan');
    });

    it('answers GraphQL', async () => {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ municipality(code: "1883") { name } }' }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { municipality: { name: 'Karlskoga' } } });
    });

    it(
      'on SIGTERM finishes a request in flight with its whole answer, then exits with code 0',
      async () => {
        const body = JSON.stringify({ query: '{ municipality(code: "1883") { name } }' });
        const { port } = new URL(baseUrl);
        const socket = connect(Number(port), '127.0.0.1');
        await once(socket, 'connect');
        let received = '';
        socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
        // With Expect: 100-continue the server answers "100 Continue" once it has taken the request, so the request is surely in flight.
        socket.write(
          `POST /graphql HTTP/1.1\r\nHost: ${new URL(baseUrl).host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
        );
        await until(() => received.startsWith('HTTP/1.1 100 Continue\r\n\r\n'), socket);
        main.child.kill('SIGTERM');
        await until(() => main.logMessages().includes('draining and stopping'), main.child.stdout!);
        socket.end(body);
        await once(socket, 'close');
        const answer = received.slice('HTTP/1.1 100 Continue\r\n\r\n'.length);
        expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
        const [head, ...rest] = answer.split('\r\n\r\n');
        const length = /\r\ncontent-length: (\d+)/i.exec(head!)?.[1];
        expect(length).toBeDefined();
        const content = rest.join('\r\n\r\n');
        expect(Buffer.byteLength(content)).toBe(Number(length));
        expect(JSON.parse(content)).toEqual({ data: { municipality: { name: 'Karlskoga' } } });
        const { code, signal } = await main.exit;
        expect(signal).toBeNull();
        expect(code).toBe(0);
      },
      TEST_TIMEOUT_MS,
    );
  });

  describe('with HOST=127.0.0.2 and PUBLIC_URL', () => {
    const publicUrl = 'https://kulturskolegrafen.example/api';
    let main: MainProcess;
    let baseUrl: string;

    beforeAll(async () => {
      main = startMain({ PORT: '0', HOST: '127.0.0.2', PUBLIC_URL: publicUrl });
      baseUrl = await main.url;
    }, TEST_TIMEOUT_MS);

    afterAll(async () => {
      main.child.kill('SIGTERM');
      await main.exit;
    }, TEST_TIMEOUT_MS);

    it('listens on 127.0.0.2 and not on 127.0.0.1', async () => {
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
      expect((await fetch(`${baseUrl}/health`)).status).toBe(200);
      const { port } = new URL(baseUrl);
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    });

    it('gives the public URL for every endpoint and dump in /catalog', async () => {
      const response = await fetch(`${baseUrl}/catalog?format=nt`);
      expect(response.status).toBe(200);
      const text = await response.text();
      for (const path of ['/graphql', '/sparql', '/dump.nq', '/dump.trig', '/dump.ttl', '/dump.jsonld']) expect(text, path).toContain(`<${publicUrl}${path}>`);
      expect(text).not.toContain(baseUrl);
    });
  });

  describe('with DATA_DIR holding a broken file', () => {
    let directory: string;

    beforeAll(async () => {
      directory = await mkdtemp(join(tmpdir(), 'kulturskolegrafen-main-'));
      await writeFile(join(directory, 'bad.ttl'), '<a> <b> .\n');
    });

    afterAll(async () => {
      await rm(directory, { recursive: true, force: true });
    });

    it(
      'exits with code 1 naming the file, and never starts serving',
      async () => {
        const main = startMain({ PORT: '0', DATA_DIR: directory });
        const { code } = await main.exit;
        expect(code).toBe(1);
        expect(main.output()).toContain(join(directory, 'bad.ttl'));
        expect(main.output()).not.toContain('GraphQL at');
      },
      TEST_TIMEOUT_MS,
    );
  });

  describe('with PORT=notaport', () => {
    it(
      'exits with a non-zero code and a message naming PORT and its value, and never starts serving',
      async () => {
        const main = startMain({ PORT: 'notaport' });
        const { code, signal } = await main.exit;
        expect(signal).toBeNull();
        expect(code).not.toBe(0);
        expect(main.output()).toContain('PORT');
        expect(main.output()).toContain('notaport');
        expect(main.output()).not.toContain('GraphQL at');
      },
      TEST_TIMEOUT_MS,
    );
  });
});

// ---------------------------------------------------------------- helpers

interface MainProcess {
  child: ChildProcess;
  /** Resolves with the base URL once the server logs "GraphQL at …"; rejects if it exits first. */
  url: Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** The `msg` of every pino JSON line on stdout so far. */
  logMessages(): string[];
}

/** Resolves once `done()` holds, looking again each time `source` emits data; rejects if it closes first. */
function until(done: () => boolean, source: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve, reject) => {
    const look = (): void => {
      if (!done()) return;
      source.off('data', look).off('close', closed);
      resolve();
    };
    const closed = (): void => {
      source.off('data', look);
      if (done()) resolve();
      else reject(new Error('closed before the awaited answer came'));
    };
    source.on('data', look).once('close', closed);
    look();
  });
}

/** Runs `node --import tsx src/main.ts` from the repo root with HOST=127.0.0.1, no DATA_DIR, a new store folder of its own, and `env` on top. */
function startMain(env: Record<string, string>): MainProcess {
  const { DATA_DIR: _ignored, TOKENS_FILE: _none, DATABASE_URL: _folderStore, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: repoRoot,
    env: { ...inherited, HOST: '127.0.0.1', STORE_DIR: storeFolder(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), PROCESS_TIMEOUT_MS);

  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      clearTimeout(killer);
      running.delete(main);
      resolve({ code, signal });
    });
  });
  const logMessages = (): string[] =>
    stdout
      .split('\n')
      .slice(0, -1) // the last piece is an unfinished line, or empty
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { msg?: string }).msg ?? '');
  const url = new Promise<string>((resolve, reject) => {
    const look = (): void => {
      const found = logMessages()
        .map((message) => GRAPHQL_AT.exec(message)?.[1])
        .find((match) => match !== undefined);
      if (found !== undefined) {
        child.stdout?.off('data', look);
        resolve(found);
      }
    };
    child.stdout?.on('data', look);
    void exit.then(({ code, signal }) => reject(new Error(`main.ts exited (code ${code}, signal ${signal}) before serving:\n${stdout}${stderr}`)));
  });
  url.catch(() => undefined);

  const main: MainProcess = { child, url, exit, output: () => stdout + stderr, logMessages };
  running.add(main);
  return main;
}
