import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderStore } from '../../src/store/FolderStore.js';
import { describeRun, runCli } from './runCli.js';
import { specifyDatasetCommand } from './specifyDatasetCommand.js';

describe('npm run dataset on a store folder (no --url)', () => {
  specifyDatasetCommand(async () => {
    const store = await mkdtemp(join(tmpdir(), 'dataset-cli-store-'));
    return {
      env: { STORE_DIR: store },
      args: ['--publisher', 'cli-tester'],
      publisher: 'cli-tester',
      close: () => rm(store, { recursive: true, force: true }),
    };
  });

  describe('a store that a running server holds', () => {
    it('is refused with exit 1, a message that says so and the way through the server', async () => {
      const directory = await mkdtemp(join(tmpdir(), 'dataset-cli-locked-'));
      const held = await FolderStore.open(directory);
      try {
        const run = await runCli('dataset', ['history', 'orebro-lan', '--store', directory]);
        expect(run.code, describeRun(run)).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr).toContain(`dataset: The dataset store ${directory} is in use by another process (pid ${process.pid} on `);
        expect(run.stderr).toContain('To go through the server: --url URL (or KULTURSKOLEGRAFEN_URL) with a token in KULTURSKOLEGRAFEN_TOKEN or --token-file FILE.');
      } finally {
        await held.close();
        await rm(directory, { recursive: true, force: true });
      }
    });
  });

  describe('the store folder', () => {
    it('is seeded from the shipped data on first use, so the shipped datasets have a history', async () => {
      const directory = await mkdtemp(join(tmpdir(), 'dataset-cli-seed-'));
      try {
        const run = await runCli('dataset', ['history', 'orebro-lan', '--json'], { STORE_DIR: directory });
        expect(run.code, describeRun(run)).toBe(0);
        expect(JSON.parse(run.stdout)).toMatchObject({ versions: [{ version: 1, publisher: 'seed', activity: 'seed' }] });
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    });
  });
});
