import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommitStep } from '../../src/store/DatasetStore.js';
import { FolderStore, type FolderStoreOptions } from '../../src/store/FolderStore.js';
import { StoreLockedError } from '../../src/store/StoreLockedError.js';
import { KARLSKOGA, ORE, publish, sha256, specifyDatasetStore, withdraw } from './datasetStoreContract.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

let directory: string;
const opened: FolderStore[] = [];

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'folder-store-'));
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  await rm(directory, { recursive: true, force: true });
});

specifyDatasetStore('FolderStore', async () => {
  const store = await open(directory);
  return { store, reopen: () => open(directory), snapshot: () => listFiles(directory) };
});

describe('FolderStore', () => {
  describe('open', () => {
    it('creates a missing folder holding an empty manifest, and reads as empty', async () => {
      const store = await open(join(directory, 'new', 'store'));
      expect(await store.datasets()).toEqual([]);
      expect(await store.history('orebro-lan')).toBeUndefined();
      expect(await store.audit()).toEqual([]);
      expect(JSON.parse(await readFile(join(directory, 'new', 'store', 'manifest.json'), 'utf8'))).toEqual({ format: 1, datasets: [] });
    });

    it('refuses a manifest that is not JSON, naming the file, and leaves it as it was', async () => {
      await writeFile(join(directory, 'manifest.json'), '{"format": 1, "datasets": [');
      await expect(FolderStore.open(directory)).rejects.toThrow(`The store's manifest ${join(directory, 'manifest.json')} is not valid JSON`);
      expect(await readFile(join(directory, 'manifest.json'), 'utf8')).toBe('{"format": 1, "datasets": [');
    });

    it('refuses a manifest of another shape, saying what is wrong', async () => {
      const manifest = { format: 1, datasets: [{ slug: 'orebro-lan', versions: [{ ...publish(2, ORE) }] }] };
      await writeFile(join(directory, 'manifest.json'), JSON.stringify(manifest));
      await expect(FolderStore.open(directory)).rejects.toThrow(
        `The store's manifest ${join(directory, 'manifest.json')} is not a manifest this store can read: dataset "orebro-lan" version 1: its versions are not numbered 1, 2, 3, …`,
      );
    });

    it('refuses a manifest of another format version', async () => {
      await writeFile(join(directory, 'manifest.json'), JSON.stringify({ format: 2, datasets: [] }));
      await expect(FolderStore.open(directory)).rejects.toThrow('its format is 2, not 1');
    });
  });

  describe('commit', () => {
    it('keeps one content file per version that has content, beside the manifest and the audit log', async () => {
      const store = await open(directory);
      await store.commit('orebro-lan', publish(1, ORE), ORE);
      await store.commit('orebro-lan', publish(2, ORE + KARLSKOGA, { added: 1 }), ORE + KARLSKOGA);
      await store.commit('ab', publish(1, KARLSKOGA), KARLSKOGA);
      await store.commit('orebro-lan', withdraw(3), null);
      await store.close();
      expect(await listFiles(directory)).toEqual(['audit.log', 'manifest.json', 'versions/ab/1.nt', 'versions/orebro-lan/1.nt', 'versions/orebro-lan/2.nt']);
      expect(await readFile(join(directory, 'versions', 'orebro-lan', '2.nt'), 'utf8')).toBe(ORE + KARLSKOGA);
    });

    it('serialises commits to different datasets too: the audit log lists commits made at once in the order they were made', async () => {
      const store = await open(directory);
      const contents = Array.from({ length: 12 }, (_, index) => `<https://example.org/${index}> <https://example.org/p> "${index}" .\n`);
      await Promise.all(contents.flatMap((content, index) => [store.commit('alpha', publish(index + 1, content), content), store.commit('beta', publish(index + 1, content), content)]));
      await store.close();

      const again = await open(directory);
      expect((await again.audit()).map(({ slug, version }) => `${slug} ${version}`)).toEqual(contents.flatMap((_, index) => [`alpha ${index + 1}`, `beta ${index + 1}`]));
      expect(await auditLines(directory)).toEqual(contents.flatMap((_, index) => [`alpha ${index + 1}`, `beta ${index + 1}`]));
    });
  });

  describe('a version of several megabytes (written in asynchronous calls, a small one in synchronous ones)', () => {
    const large = Array.from({ length: 60_000 }, (_, index) => `<https://example.org/organisation/${index}> <http://www.w3.org/2004/02/skos/core#prefLabel> "Organisation nummer ${index}"@sv .\n`).join('');

    it('is kept whole, and read back whole after reopening', async () => {
      expect(Buffer.byteLength(large)).toBeGreaterThan(5 * 1_048_576);
      const store = await open(directory);
      await store.commit('stor', publish(1, large), large);
      await store.close();
      expect(await listFiles(directory)).toEqual(['audit.log', 'manifest.json', 'versions/stor/1.nt']);

      const again = await open(directory);
      expect(await again.content('stor', 1)).toBe(large);
    });

    it.each<CommitStep>(['content-written', 'manifest-written'])('after a failure at %s leaves the previous version whole, and nothing behind', async (step) => {
      let failAt: CommitStep | undefined;
      const store = await open(directory, { faults: failingAt(() => failAt) });
      await store.commit('stor', publish(1, ORE), ORE);
      const before = await listFiles(directory);

      failAt = step;
      await expect(store.commit('stor', publish(2, large), large)).rejects.toThrow(`disk failed after ${step} of stor 2`);
      expect(await listFiles(directory)).toEqual(before);
      expect(await store.content('stor', 1)).toBe(ORE);
    });
  });

  describe('a failure injected at a step before the manifest is replaced', () => {
    it.each<CommitStep>(['content-written', 'content-renamed', 'manifest-written'])('after %s leaves the previous version whole, and nothing behind', async (step) => {
      let failAt: CommitStep | undefined;
      const store = await open(directory, { faults: failingAt(() => failAt) });
      await store.commit('orebro-lan', publish(1, ORE), ORE);
      const before = await listFiles(directory);
      const manifest = await readFile(join(directory, 'manifest.json'), 'utf8');

      failAt = step;
      await expect(store.commit('orebro-lan', publish(2, KARLSKOGA), KARLSKOGA)).rejects.toThrow(`disk failed after ${step} of orebro-lan 2`);
      expect(await store.history('orebro-lan')).toEqual({ slug: 'orebro-lan', versions: [publish(1, ORE)] });
      expect(await store.content('orebro-lan', 1)).toBe(ORE);
      expect(await listFiles(directory)).toEqual(before);
      expect(await readFile(join(directory, 'manifest.json'), 'utf8')).toBe(manifest);
      await store.close();

      const again = await open(directory);
      expect(await again.history('orebro-lan')).toEqual({ slug: 'orebro-lan', versions: [publish(1, ORE)] });
      expect(await again.audit()).toHaveLength(1);
      await again.commit('orebro-lan', publish(2, KARLSKOGA), KARLSKOGA);
      expect(await again.content('orebro-lan', 2)).toBe(KARLSKOGA);
    });

    it('after content-written of a new dataset leaves no folder for it', async () => {
      const store = await open(directory, { faults: failingAt(() => 'content-written') });
      await expect(store.commit('orebro-lan', publish(1, ORE), ORE)).rejects.toThrow('disk failed after content-written of orebro-lan 1');
      await store.close();
      await open(directory).then((again) => again.close());
      expect(await listFiles(directory)).toEqual(['manifest.json']);
      expect(await readdir(join(directory, 'versions'))).toEqual([]);
    });
  });

  describe('a failure injected after the manifest is replaced', () => {
    it.each<CommitStep>(['manifest-renamed', 'audit-appended'])('after %s still commits the version, and the audit agrees once reopened', async (step) => {
      const warnings: string[] = [];
      let failAt: CommitStep | undefined;
      const store = await open(directory, { faults: failingAt(() => failAt), warn: (message) => warnings.push(message) });
      await store.commit('orebro-lan', publish(1, ORE), ORE);

      failAt = step;
      await store.commit('orebro-lan', publish(2, KARLSKOGA), KARLSKOGA);
      expect(warnings).toEqual(['Version 2 of dataset "orebro-lan" is committed, but a step after the manifest\'s replacement failed; the audit log is completed from the manifest.']);
      expect(await store.history('orebro-lan')).toEqual({ slug: 'orebro-lan', versions: [publish(1, ORE), publish(2, KARLSKOGA)] });
      expect(await store.content('orebro-lan', 1)).toBe(ORE);
      expect(await store.content('orebro-lan', 2)).toBe(KARLSKOGA);
      expect(await auditLines(directory)).toEqual(step === 'manifest-renamed' ? ['orebro-lan 1'] : ['orebro-lan 1', 'orebro-lan 2']);
      await store.close();

      const again = await open(directory);
      expect((await again.history('orebro-lan'))?.versions).toHaveLength(2);
      expect(await auditLines(directory)).toEqual(['orebro-lan 1', 'orebro-lan 2']);
    });

    it('writes a missing audit line before the next commit’s own', async () => {
      let failAt: CommitStep | undefined = 'manifest-renamed';
      const store = await open(directory, { faults: failingAt(() => failAt), warn: () => undefined });
      await store.commit('orebro-lan', publish(1, ORE), ORE);
      failAt = undefined;
      await store.commit('orebro-lan', publish(2, KARLSKOGA), KARLSKOGA);
      expect(await auditLines(directory)).toEqual(['orebro-lan 1', 'orebro-lan 2']);
    });
  });

  describe('opening after a crash', () => {
    it('removes temporary files and content the manifest does not name, and keeps what it names', async () => {
      const store = await open(directory);
      await store.commit('orebro-lan', publish(1, ORE), ORE);
      await store.commit('orebro-lan', withdraw(2), null);
      await store.close();
      const committed = await listFiles(directory);
      await writeFile(join(directory, 'manifest.json.0123456789ab.tmp'), '{"format":1');
      await writeFile(join(directory, 'versions', 'orebro-lan', '3.nt.a1b2c3d4e5f6.tmp'), KARLSKOGA.slice(0, 20));
      await writeFile(join(directory, 'versions', 'orebro-lan', '3.nt'), KARLSKOGA);
      await writeFile(join(directory, 'versions', 'orebro-lan', '2.nt'), KARLSKOGA); // a withdrawal has no content
      await mkdir(join(directory, 'versions', 'vastmanland'));
      await writeFile(join(directory, 'versions', 'vastmanland', '1.nt'), KARLSKOGA);

      const again = await open(directory);
      expect(await again.history('orebro-lan')).toEqual({ slug: 'orebro-lan', versions: [publish(1, ORE), withdraw(2)] });
      expect(await again.history('vastmanland')).toBeUndefined();
      await again.close();
      expect(await listFiles(directory)).toEqual(committed);
      expect(await readdir(join(directory, 'versions'))).toEqual(['orebro-lan']);
    });

    it('drops a torn last audit line and writes the lines the manifest has and the log lacks', async () => {
      const store = await open(directory);
      await store.commit('orebro-lan', publish(1, ORE), ORE);
      await store.commit('orebro-lan', publish(2, KARLSKOGA), KARLSKOGA);
      await store.commit('ab', publish(1, ORE), ORE);
      await store.close();
      const lines = (await readFile(join(directory, 'audit.log'), 'utf8')).split('\n');
      await writeFile(join(directory, 'audit.log'), `${lines[0]}\n${lines[1]?.slice(0, 30)}`);

      const again = await open(directory);
      expect((await again.audit()).map(({ slug, version }) => `${slug} ${version}`)).toEqual(['orebro-lan 1', 'ab 1', 'orebro-lan 2']);
      await again.close();
      const text = await readFile(join(directory, 'audit.log'), 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      expect(text.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown)).toHaveLength(3);
    });

    it('drops a last audit line that is not JSON, even when it ends in a newline', async () => {
      const store = await open(directory);
      await store.commit('orebro-lan', publish(1, ORE), ORE);
      await store.close();
      await writeFile(join(directory, 'audit.log'), `${await readFile(join(directory, 'audit.log'), 'utf8')}{"time":"2025\n`);
      await open(directory).then((again) => again.close());
      expect(await auditLines(directory)).toEqual(['orebro-lan 1']);
    });

    it('refuses an audit log damaged before its last line, naming the file', async () => {
      const store = await open(directory);
      await store.commit('orebro-lan', publish(1, ORE), ORE);
      await store.close();
      await writeFile(join(directory, 'audit.log'), `garbage\n${await readFile(join(directory, 'audit.log'), 'utf8')}`);
      await expect(FolderStore.open(directory)).rejects.toThrow(`Line 1 of the store's audit log ${join(directory, 'audit.log')} is not an audit entry`);
    });

    it('refuses to start afresh when the manifest is gone but the audit log remembers commits', async () => {
      const store = await open(directory);
      await store.commit('orebro-lan', publish(1, ORE), ORE);
      await store.close();
      await rm(join(directory, 'manifest.json'));
      await expect(FolderStore.open(directory)).rejects.toThrow(`The store's manifest ${join(directory, 'manifest.json')} is missing`);
      expect(await listFiles(directory)).toEqual(['audit.log', 'versions/orebro-lan/1.nt']);
    });
  });

  describe('the lock', () => {
    it('makes a second open fail with StoreLockedError until the first is closed', async () => {
      const store = await open(directory);
      const refused = await FolderStore.open(directory).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(StoreLockedError);
      expect((refused as Error).message).toBe(
        `The dataset store ${directory} is in use by another process (pid ${process.pid} on ${hostname()}), for example a running server. ` +
          `Publish through that server's URL instead (give the CLI its URL and a token), or stop it first.`,
      );
      await store.close();
      await open(directory);
    });
  });

  describe('the lock held by another process', () => {
    it('refuses at once while that process runs, naming it', async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/store/commitInALoop.ts', directory], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout.setEncoding('utf8').on('data', (chunk: string) => chunk.includes('opened\n') && resolve());
          void exited.then(() => reject(new Error('the committing process ended before opening the store')));
        });
        const refused = await FolderStore.open(directory, { staleLockMs: 2_000 }).then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(refused).toBeInstanceOf(StoreLockedError);
        expect((refused as StoreLockedError).holder).toEqual({ pid: child.pid, hostname: hostname() });
      } finally {
        child.kill('SIGKILL');
        await exited;
      }
    });
  });

  describe('after kill -9 at a random moment', () => {
    it('keeps every committed version whole, leaves nothing behind and is not locked by the dead process', { timeout: 180_000 }, async () => {
      const announced = new Set<string>();
      for (let round = 0; round < 6; round += 1) {
        for (const line of await commitUntilKilled(directory, randomInt(1, 12), randomInt(0, 40))) announced.add(line);

        const store = await open(directory, { staleLockMs: 2_000 });
        const datasets = await store.datasets();
        const committed = datasets.flatMap(({ slug, versions }) => versions.map((record) => `${slug} ${record.version}`));
        expect(committed).toEqual(expect.arrayContaining([...announced]));
        for (const { slug, versions } of datasets) {
          for (const record of versions) {
            const file = join(directory, 'versions', slug, `${record.version}.nt`);
            if (record.sha256 !== null) expect(sha256(await readFile(file, 'utf8')), file).toBe(record.sha256);
          }
        }
        expect((await store.audit()).map(({ slug, version }) => `${slug} ${version}`).sort()).toEqual([...committed].sort());
        await store.close();
        const expected = datasets.flatMap(({ slug, versions }) => versions.filter((record) => record.sha256 !== null).map((record) => `versions/${slug}/${record.version}.nt`));
        expect(await listFiles(directory)).toEqual(['audit.log', 'manifest.json', ...expected].sort());
      }
      expect(announced.size).toBeGreaterThan(5);
    });
  });
});

/** Opens a store that afterEach closes. */
async function open(path: string, options: FolderStoreOptions = {}): Promise<FolderStore> {
  const store = await FolderStore.open(path, options);
  opened.push(store);
  return store;
}

/** A fault seam that fails at the step `failAt()` names. */
function failingAt(failAt: () => CommitStep | undefined): FolderStoreOptions['faults'] {
  return (step, slug, version) => {
    if (step === failAt()) throw new Error(`disk failed after ${step} of ${slug} ${version}`);
  };
}

/** Every file under `path` (not folders), relative, sorted; the lock folder is left out. */
async function listFiles(path: string): Promise<string[]> {
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(path.length + 1))
    .sort();
}

/** `{slug} {version}` of each line of audit.log as it is on disk. */
async function auditLines(path: string): Promise<string[]> {
  const text = await readFile(join(path, 'audit.log'), 'utf8');
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { slug: string; version: number })
    .map(({ slug, version }) => `${slug} ${version}`);
}

/**
 * Runs test/store/commitInALoop.ts on the store, kills it with SIGKILL `delayMs` after it announced
 * `commits` commits, and resolves, once it has exited, with the `{slug} {version}` it announced.
 */
function commitUntilKilled(path: string, commits: number, delayMs: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/store/commitInALoop.ts', path], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (stdout.split('\n').filter((line) => line.startsWith('committed ')).length >= commits) setTimeout(() => child.kill('SIGKILL'), delayMs);
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (_code, signal) => {
      clearTimeout(killer);
      const announced = stdout.split('\n').flatMap((line) => (line.startsWith('committed ') ? [line.slice('committed '.length)] : []));
      if (signal === 'SIGKILL' && announced.length >= commits) resolve(announced);
      else reject(new Error(`the committing process ended (signal ${signal}) after ${announced.length} commits:\n${stderr}`));
    });
  });
}
