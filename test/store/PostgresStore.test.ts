import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CommitStep, StoreFaults } from '../../src/store/DatasetStore.js';
import { PostgresStore, type PostgresStoreOptions } from '../../src/store/PostgresStore.js';
import { VersionConflictError } from '../../src/store/VersionConflictError.js';
import { startPostgres, type PostgresCluster } from '../support/startPostgres.js';
import { KARLSKOGA, ORE, publish, refusal, sha256, specifyDatasetStore, withdraw } from './datasetStoreContract.js';
import { freePort } from '../support/freePort.js';

let cluster: PostgresCluster;
/** Whether a test stopped the server (kill) and has not started it again; afterEach starts it for the next test. */
let down = false;
const opened: PostgresStore[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
}, 120_000);

afterEach(async () => {
  if (down) await restart();
  await Promise.all(opened.splice(0).map((store) => store.close()));
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
}, 120_000);

specifyDatasetStore(
  'PostgresStore',
  async () => {
    const url = await cluster.createDatabase();
    return { store: await open(url), reopen: () => open(url), snapshot: () => rowsOf(url) };
  },
);

describe('PostgresStore', () => {
  describe('two stores opened on one database', () => {
    it('refuses, changing nothing, a commit of a version the other store took first, with a VersionConflictError', async () => {
      const url = await cluster.createDatabase();
      const first = await open(url);
      const second = await open(url);
      await first.commit('orebro-lan', publish(1, ORE), ORE);
      const before = await rowsOf(url);

      const refused = await refusal(second.commit('orebro-lan', publish(1, KARLSKOGA), KARLSKOGA));
      expect(refused).toBeInstanceOf(VersionConflictError);
      expect(refused).toMatchObject({ message: 'Dataset "orebro-lan" cannot take version 1: its next version is 2.', slug: 'orebro-lan', version: 1, next: 2 });
      expect(await rowsOf(url)).toEqual(before);
      expect(await second.history('orebro-lan')).toEqual({ slug: 'orebro-lan', versions: [publish(1, ORE)] });
      expect(await second.content('orebro-lan', 1)).toBe(ORE);

      await second.commit('orebro-lan', publish(2, KARLSKOGA), KARLSKOGA);
      expect(await first.history('orebro-lan')).toEqual({ slug: 'orebro-lan', versions: [publish(1, ORE), publish(2, KARLSKOGA)] });
      expect((await first.audit()).map(({ slug, version }) => `${slug} ${version}`)).toEqual(['orebro-lan 1', 'orebro-lan 2']);
    });

    it('lets exactly one of two commits of the same version made at once land; the other gets a VersionConflictError', async () => {
      const url = await cluster.createDatabase();
      const first = await open(url);
      const second = await open(url);
      const landed: string[] = [];
      for (let version = 1; version <= 6; version += 1) {
        const outcomes = await Promise.allSettled([first.commit('orebro-lan', publish(version, ORE), ORE), second.commit('orebro-lan', publish(version, KARLSKOGA), KARLSKOGA)]);
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        const [rejected] = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
        expect(rejected).toBeInstanceOf(VersionConflictError);
        expect(rejected).toMatchObject({ message: `Dataset "orebro-lan" cannot take version ${version}: its next version is ${version + 1}.` });
        landed.push(outcomes[0].status === 'fulfilled' ? sha256(ORE) : sha256(KARLSKOGA));
      }
      expect((await first.history('orebro-lan'))?.versions.map((record) => record.sha256)).toEqual(landed);
      expect((await second.audit()).map(({ slug, version }) => `${slug} ${version}`)).toEqual([1, 2, 3, 4, 5, 6].map((version) => `orebro-lan ${version}`));
    });
  });

  describe('a failure injected at a step of the commit’s transaction', () => {
    it.each<CommitStep>(['version-inserted', 'audit-inserted'])('after %s rolls all of it back, and the same version can then be committed', async (step) => {
      const url = await cluster.createDatabase();
      let failAt: CommitStep | undefined;
      const store = await open(url, { faults: failingAt(() => failAt) });
      await store.commit('orebro-lan', publish(1, ORE), ORE);
      const before = await rowsOf(url);

      failAt = step;
      await expect(store.commit('orebro-lan', publish(2, KARLSKOGA), KARLSKOGA)).rejects.toThrow(`database failed after ${step} of orebro-lan 2`);
      await expect(store.commit('vastmanland', publish(1, KARLSKOGA), KARLSKOGA)).rejects.toThrow(`database failed after ${step} of vastmanland 1`);
      expect(await store.datasets()).toEqual([{ slug: 'orebro-lan', versions: [publish(1, ORE)] }]);
      expect(await store.content('orebro-lan', 1)).toBe(ORE);
      await expect(store.content('orebro-lan', 2)).rejects.toThrow('Dataset "orebro-lan" has no version 2.');
      expect((await store.audit()).map(({ slug, version }) => `${slug} ${version}`)).toEqual(['orebro-lan 1']);
      expect(await rowsOf(url)).toEqual(before);

      failAt = undefined;
      await store.commit('orebro-lan', publish(2, KARLSKOGA), KARLSKOGA);
      await store.commit('vastmanland', publish(1, KARLSKOGA), KARLSKOGA);
      expect(await store.content('orebro-lan', 2)).toBe(KARLSKOGA);
      expect((await store.audit()).map(({ slug, version }) => `${slug} ${version}`)).toEqual(['orebro-lan 1', 'orebro-lan 2', 'vastmanland 1']);
    });
  });

  describe('watch', () => {
    /** A store watching a fresh database, its watcher counting the calls, and another store to commit with. */
    async function watchedDatabase(): Promise<{ url: string; watching: PostgresStore; committing: PostgresStore; calls(): number }> {
      const url = await cluster.createDatabase();
      const watching = await open(url, { pollMs: 200 });
      const committing = await open(url);
      let calls = 0;
      watching.watch(() => (calls += 1));
      return { url, watching, committing, calls: () => calls };
    }

    /** Resolves once the watcher is listening and has had the one call it gets as it starts (for what may have been committed before). */
    async function listening(url: string, calls: () => number): Promise<void> {
      await listenerReady(url);
      await until(() => calls() === 1, 'the watcher to be told once as it starts listening');
    }

    it('calls back after a commit made through another store on the same database', async () => {
      const { url, watching, committing, calls } = await watchedDatabase();
      await listening(url, calls);

      await committing.commit('orebro-lan', publish(1, ORE), ORE);
      await until(() => calls() > 1, 'the watcher to be told of version 1');
      expect(await watching.history('orebro-lan')).toEqual({ slug: 'orebro-lan', versions: [publish(1, ORE)] });
    });

    it('tells of a commit another store makes right after watch was called, before it listens', async () => {
      const { committing, calls } = await watchedDatabase();
      await committing.commit('orebro-lan', publish(1, ORE), ORE);
      await until(() => calls() > 0, 'the watcher to be told of version 1');
    });

    it('stops calling back once the function it returned is called', async () => {
      const url = await cluster.createDatabase();
      const watching = await open(url, { pollMs: 200 });
      const committing = await open(url);
      const told: string[] = [];
      const stopFirst = watching.watch(() => told.push('first'));
      watching.watch(() => told.push('second'));
      await listenerReady(url);
      // Once listening it tells every watcher once, for what may have been committed before.
      await until(() => told.length === 2, 'both watchers to be told once as it starts listening');
      told.length = 0;
      stopFirst();

      await committing.commit('orebro-lan', publish(1, ORE), ORE);
      await until(() => told.includes('second'), 'the remaining watcher to be told of version 1');
      expect(told.filter((name) => name === 'first')).toEqual([]);
    });

    it('still tells of a commit made after the database was killed and started again', { timeout: 180_000 }, async () => {
      const { url, watching, committing, calls } = await watchedDatabase();
      await listening(url, calls);
      await committing.commit('orebro-lan', publish(1, ORE), ORE);
      await until(() => calls() > 1, 'the watcher to be told of version 1');

      await kill();
      await restart();
      const before = calls();
      await committing.commit('orebro-lan', publish(2, KARLSKOGA), KARLSKOGA);
      await until(() => calls() > before, 'the watcher to be told of version 2, committed after the restart', 60_000);
      expect((await watching.history('orebro-lan'))?.versions).toEqual([publish(1, ORE), publish(2, KARLSKOGA)]);
    });
  });

  describe('while the database is down', () => {
    it('rejects a commit, and commits again through the same store once the database is back', { timeout: 180_000 }, async () => {
      const url = await cluster.createDatabase();
      const store = await open(url, { connectTimeoutMs: 5_000 });
      await store.commit('orebro-lan', publish(1, ORE), ORE);

      await kill();
      const refused = await refusal(store.commit('orebro-lan', publish(2, KARLSKOGA), KARLSKOGA));
      expect(refused).toBeInstanceOf(Error);
      expect(refused).not.toBeInstanceOf(VersionConflictError);
      await restart();

      expect(await store.history('orebro-lan')).toEqual({ slug: 'orebro-lan', versions: [publish(1, ORE)] });
      await store.commit('orebro-lan', publish(2, KARLSKOGA), KARLSKOGA);
      await store.commit('orebro-lan', withdraw(3), null);
      expect(await store.history('orebro-lan')).toEqual({ slug: 'orebro-lan', versions: [publish(1, ORE), publish(2, KARLSKOGA), withdraw(3)] });
      expect((await store.audit()).map(({ slug, version }) => `${slug} ${version}`)).toEqual(['orebro-lan 1', 'orebro-lan 2', 'orebro-lan 3']);
    });
  });

  describe('open', () => {
    it('throws, naming the database, when nothing listens at its address', async () => {
      const port = await freePort();
      const refused = await refusal(PostgresStore.open(`postgres://postgres@127.0.0.1:${port}/kulturskolegrafen`, { connectTimeoutMs: 5_000 }));
      expect(refused).toBeInstanceOf(Error);
      expect((refused as Error).message).toMatch(
        new RegExp(`^Could not reach the store's PostgreSQL database at postgres://postgres@127\\.0\\.0\\.1:${port}/kulturskolegrafen: `),
      );
    });

    it('never shows the password of the URL in its message', async () => {
      const port = await freePort();
      const refused = await refusal(PostgresStore.open(`postgres://kulturskola:hemligt-ord@127.0.0.1:${port}/kulturskolegrafen`, { connectTimeoutMs: 5_000 }));
      expect((refused as Error).message).toMatch(
        new RegExp(`^Could not reach the store's PostgreSQL database at postgres://kulturskola:\\*\\*\\*@127\\.0\\.0\\.1:${port}/kulturskolegrafen: `),
      );
      expect((refused as Error).message).not.toContain('hemligt');
    });

    it('refuses a database whose schema is newer than this program’s, and leaves its data as it was', async () => {
      const url = await cluster.createDatabase();
      const store = await open(url);
      await store.commit('orebro-lan', publish(1, ORE), ORE);
      await store.close();
      await query(url, 'INSERT INTO kulturskolegrafen_schema (version) VALUES (99)');
      const before = await rowsOf(url);

      await expect(PostgresStore.open(url)).rejects.toThrow(
        `Could not prepare the store's tables in the PostgreSQL database at ${url}: ` +
          "The database's store schema is version 99, newer than this program's 1; run a newer release of Kulturskolegrafen against it.",
      );
      expect(await rowsOf(url)).toEqual(before);
    });

    it('lets stores opened at the same time on a fresh database take turns preparing it: all open, and the schema is made once', async () => {
      const url = await cluster.createDatabase();
      const stores = await Promise.all([open(url), open(url), open(url)]);
      expect(await query(url, 'SELECT version FROM kulturskolegrafen_schema ORDER BY version')).toEqual([{ version: 1 }]);
      await stores[0]!.commit('orebro-lan', publish(1, ORE), ORE);
      await stores[1]!.commit('orebro-lan', publish(2, KARLSKOGA), KARLSKOGA);
      expect(await stores[2]!.history('orebro-lan')).toEqual({ slug: 'orebro-lan', versions: [publish(1, ORE), publish(2, KARLSKOGA)] });
    });

    it('opens a database it prepared before without changing its schema or data', async () => {
      const url = await cluster.createDatabase();
      const store = await open(url);
      await store.commit('orebro-lan', publish(1, ORE), ORE);
      await store.close();
      const before = await rowsOf(url);

      const again = await open(url);
      expect(await rowsOf(url)).toEqual(before);
      expect(await query(url, 'SELECT version FROM kulturskolegrafen_schema ORDER BY version')).toEqual([{ version: 1 }]);
      expect(await again.history('orebro-lan')).toEqual({ slug: 'orebro-lan', versions: [publish(1, ORE)] });
    });
  });

  describe('close', () => {
    it('makes every later use throw, naming the database without its password', async () => {
      const url = await cluster.createDatabase();
      const store = await open(url);
      await store.close();
      await store.close();
      await expect(store.commit('orebro-lan', publish(1, ORE), ORE)).rejects.toThrow(`The dataset store at ${url} is closed.`);
      await expect(store.datasets()).rejects.toThrow(`The dataset store at ${url} is closed.`);
    });
  });
});

/** Opens a store that afterEach closes. */
async function open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const store = await PostgresStore.open(url, options);
  opened.push(store);
  return store;
}

/** A fault seam that fails at the step `failAt()` names. */
function failingAt(failAt: () => CommitStep | undefined): StoreFaults {
  return (step, slug, version) => {
    if (step === failAt()) throw new Error(`database failed after ${step} of ${slug} ${version}`);
  };
}

async function kill(): Promise<void> {
  down = true;
  await cluster.kill();
}

async function restart(): Promise<void> {
  await cluster.start();
  down = false;
}

/** Every row the store keeps in the database, to compare before and after. */
async function rowsOf(url: string): Promise<unknown> {
  return {
    versions: await query(url, 'SELECT * FROM dataset_versions ORDER BY slug, version'),
    audit: await query(url, 'SELECT * FROM audit_log ORDER BY id'),
    schema: await query(url, 'SELECT * FROM kulturskolegrafen_schema ORDER BY version'),
  };
}

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

/**
 * Waits until a session of the database at `url` listens for the store's announcements
 * (PostgresStore's documented channel), so that a watch set up just before hears of what follows.
 */
async function listenerReady(url: string): Promise<void> {
  const database = new URL(url).pathname.slice(1);
  await until(
    async () => (await query(url, `SELECT 1 FROM pg_stat_activity WHERE datname = '${database}' AND query = 'LISTEN kulturskolegrafen_versions' AND state = 'idle'`)).length > 0,
    'the watching store to listen',
  );
}

/** Polls `condition` every 50 ms until it holds; fails naming `what` after `withinMs`. */
async function until(condition: () => boolean | Promise<boolean>, what: string, withinMs = 20_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Waited ${withinMs / 1000} s for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

