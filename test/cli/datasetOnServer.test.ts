import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDatasetFiles, type DatasetFiles } from './datasetFiles.js';
import { describeRun, runCli } from './runCli.js';
import { specifyDatasetCommand } from './specifyDatasetCommand.js';
import { startServerProcess, type ServerProcess } from '../support/startServerProcess.js';

/** A server running src/main.ts over a new store, with a tokens file made by `npm run token`. */
interface RunningServer {
  server: ServerProcess;
  folder: string;
  store: string;
  /** The token of `cli-tester`, who may write `cli-*`. */
  cliToken: string;
  /** Adds a token with `npm run token -- add`; the server takes it from its next request. */
  token: (publisher: string, datasets: string) => Promise<string>;
  close(): Promise<void>;
}

async function startServerWithTokens(): Promise<RunningServer> {
  const folder = await mkdtemp(join(tmpdir(), 'dataset-cli-server-'));
  const tokensFile = join(folder, 'tokens.json');
  const token = async (publisher: string, datasets: string) => {
    const run = await runCli('token', ['add', '--publisher', publisher, '--datasets', datasets], { TOKENS_FILE: tokensFile });
    expect(run.code, describeRun(run)).toBe(0);
    return run.stdout.trim();
  };
  const cliToken = await token('cli-tester', 'cli-*');
  const store = join(folder, 'store');
  const server = await startServerProcess({ STORE_DIR: store, TOKENS_FILE: tokensFile });
  return {
    server,
    folder,
    store,
    cliToken,
    token,
    async close() {
      await server.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

describe('npm run dataset against a running server (--url)', () => {
  specifyDatasetCommand(async () => {
    const running = await startServerWithTokens();
    return {
      env: { KULTURSKOLEGRAFEN_URL: running.server.url, KULTURSKOLEGRAFEN_TOKEN: running.cliToken },
      args: [],
      publisher: 'cli-tester',
      close: () => running.close(),
    };
  });

  describe('credentials', () => {
    let running: RunningServer;
    let files: DatasetFiles;

    beforeAll(async () => {
      running = await startServerWithTokens();
      files = await writeDatasetFiles(running.folder);
    });
    afterAll(() => running?.close());

    it('without a token: exit 1, the server’s 401 and how to give a token', async () => {
      const run = await runCli('dataset', ['publish', 'cli-test', files.first, '--url', running.server.url]);
      expect(run.code, describeRun(run)).toBe(1);
      expect(run.stderr).toMatch(/^dataset: refused \(401\b[^)]*\): \S.*\ndataset: no token was given: set KULTURSKOLEGRAFEN_TOKEN or use --token-file FILE\n$/);
    });

    it('with a token for other datasets, from --token-file: exit 1 and the server’s 403', async () => {
      const tokenFile = join(running.folder, 'orebro.token');
      await writeFile(tokenFile, `${await running.token('Region Örebro län', 'orebro-lan')}\n`);
      const run = await runCli('dataset', ['publish', 'cli-test', files.first, '--url', running.server.url, '--token-file', tokenFile]);
      expect(run.code, describeRun(run)).toBe(1);
      expect(run.stderr).toMatch(/^dataset: refused \(403\b[^)]*\): .*Region Örebro län.*"cli-test"/);
    });

    it('with the token on standard input (--token-file -): publishes', async () => {
      const token = await running.token('cli-stdin', 'cli-*');
      const run = await runCli('dataset', ['publish', 'cli-stdin', files.first, '--url', running.server.url, '--token-file', '-'], {}, `${token}\n`);
      expect(run.code, describeRun(run)).toBe(0);
      expect(run.stdout).toBe('cli-stdin: published as version 1, a new dataset (8 triples, +8 -0)\n');
    });

    it('says so when no server answers at the URL', async () => {
      const port = await closedPort();
      const run = await runCli('dataset', ['history', 'orebro-lan', '--url', `http://127.0.0.1:${port}`]);
      expect(run.code, describeRun(run)).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^dataset: cannot reach the server at http://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
    });

    it('working on the store the server holds is refused, pointing to --url', async () => {
      const run = await runCli('dataset', ['history', 'orebro-lan', '--store', running.store]);
      expect(run.code, describeRun(run)).toBe(1);
      expect(run.stderr).toContain(`dataset: The dataset store ${running.store} is in use by another process`);
      expect(run.stderr).toContain('To go through the server: --url URL (or KULTURSKOLEGRAFEN_URL)');
    });
  });
});

/** A port of 127.0.0.1 that nothing listens on: one the system just gave out and that was closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
