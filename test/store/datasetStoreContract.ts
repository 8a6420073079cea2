import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatasetStore, VersionRecord } from '../../src/store/DatasetStore.js';
import { VersionConflictError } from '../../src/store/VersionConflictError.js';

/** A store of one test, as the spec file of a DatasetStore implementation opens it. */
export interface StoreFixture {
  /** A store on fresh, empty storage (a new folder, a new database). */
  store: DatasetStore;
  /** Opens the same storage again, as a new process would; the test closes `store` first. */
  reopen(): Promise<DatasetStore>;
  /** What the storage holds underneath (a folder's files, a database's rows), to show that a refused commit wrote nothing. */
  snapshot(): Promise<unknown>;
}

export const ORE = '<https://w3id.org/kulturskola/kommun/1880> <http://www.w3.org/2000/01/rdf-schema#label> "Örebro" .\n';
export const KARLSKOGA = '<https://w3id.org/kulturskola/kommun/1883> <http://www.w3.org/2000/01/rdf-schema#label> "Karlskoga" .\n';

/**
 * Declares what every DatasetStore promises, whatever keeps its data: `open`
 * gives each test a store of its own on empty storage. The spec file that
 * calls this closes every store it opened after each test.
 */
export function specifyDatasetStore(name: string, open: () => Promise<StoreFixture>): void {
  describe(`${name}, as every DatasetStore`, () => {
    it('reads as empty before anything is committed', async () => {
      const { store } = await open();
      expect(await store.datasets()).toEqual([]);
      expect(await store.history('orebro-lan')).toBeUndefined();
      expect(await store.audit()).toEqual([]);
    });

    describe('commit', () => {
      it('keeps versions, content and audit, and reads them back after reopening', async () => {
        const { store, reopen } = await open();
        await store.commit('orebro-lan', publish(1, ORE), ORE);
        await store.commit('orebro-lan', publish(2, ORE + KARLSKOGA, { added: 1 }), ORE + KARLSKOGA);
        await store.commit('ab', publish(1, KARLSKOGA), KARLSKOGA);
        await store.commit('orebro-lan', withdraw(3), null);
        await store.close();

        const again = await reopen();
        expect(await again.datasets()).toEqual([
          { slug: 'ab', versions: [publish(1, KARLSKOGA)] },
          { slug: 'orebro-lan', versions: [publish(1, ORE), publish(2, ORE + KARLSKOGA, { added: 1 }), withdraw(3)] },
        ]);
        expect(await again.content('orebro-lan', 1)).toBe(ORE);
        expect(await again.content('orebro-lan', 2)).toBe(ORE + KARLSKOGA);
        expect(await again.content('ab', 1)).toBe(KARLSKOGA);
        expect(await again.audit()).toEqual([
          { time: '2025-01-01T00:00:01.000Z', publisher: 'Region Örebro län', activity: 'publish', slug: 'orebro-lan', version: 1 },
          { time: '2025-01-01T00:00:02.000Z', publisher: 'Region Örebro län', activity: 'publish', slug: 'orebro-lan', version: 2 },
          { time: '2025-01-01T00:00:01.000Z', publisher: 'Region Örebro län', activity: 'publish', slug: 'ab', version: 1 },
          { time: '2025-01-01T00:00:03.000Z', publisher: 'Region Örebro län', activity: 'withdraw', slug: 'orebro-lan', version: 3 },
        ]);
      });

      it('keeps the restored version of a rollback', async () => {
        const { store } = await open();
        await store.commit('orebro-lan', publish(1, ORE), ORE);
        await store.commit('orebro-lan', publish(2, KARLSKOGA), KARLSKOGA);
        await store.commit('orebro-lan', { ...publish(3, ORE), activity: 'rollback', restores: 1 }, ORE);
        expect((await store.history('orebro-lan'))?.versions[2]).toEqual({ ...publish(3, ORE), activity: 'rollback', restores: 1 });
        expect(await store.content('orebro-lan', 3)).toBe(ORE);
      });

      it('gives copies, so changing what it returned changes nothing in the store', async () => {
        const { store } = await open();
        await store.commit('orebro-lan', publish(1, ORE), ORE);
        const history = await store.history('orebro-lan');
        history!.versions[0]!.publisher = 'someone else';
        history!.versions.push(withdraw(2));
        (await store.datasets())[0]!.versions.length = 0;
        (await store.audit())[0]!.version = 7;
        expect(await store.history('orebro-lan')).toEqual({ slug: 'orebro-lan', versions: [publish(1, ORE)] });
        expect((await store.audit()).map(({ slug, version }) => `${slug} ${version}`)).toEqual(['orebro-lan 1']);
      });

      it('keeps its own copy of the record it was given', async () => {
        const { store } = await open();
        const record = publish(1, ORE);
        await store.commit('orebro-lan', record, ORE);
        record.publisher = 'someone else';
        expect(await store.history('orebro-lan')).toEqual({ slug: 'orebro-lan', versions: [publish(1, ORE)] });
      });

      describe('refuses, changing nothing,', () => {
        let store: DatasetStore;
        let snapshot: () => Promise<unknown>;
        let before: unknown;
        beforeEach(async () => {
          ({ store, snapshot } = await open());
          await store.commit('orebro-lan', publish(1, ORE), ORE);
          before = await snapshot();
        });
        afterEach(async () => {
          expect(await store.datasets()).toEqual([{ slug: 'orebro-lan', versions: [publish(1, ORE)] }]);
          expect((await store.audit()).map(({ slug, version }) => `${slug} ${version}`)).toEqual(['orebro-lan 1']);
          expect(await snapshot()).toEqual(before);
        });

        it('a version that is not one past the last, with a VersionConflictError', async () => {
          const skipped = await refusal(store.commit('orebro-lan', publish(3, ORE), ORE));
          expect(skipped).toBeInstanceOf(VersionConflictError);
          expect(skipped).toMatchObject({ message: 'Dataset "orebro-lan" cannot take version 3: its next version is 2.', slug: 'orebro-lan', version: 3, next: 2 });
          const taken = await refusal(store.commit('orebro-lan', publish(1, KARLSKOGA), KARLSKOGA));
          expect(taken).toBeInstanceOf(VersionConflictError);
          expect(taken).toMatchObject({ message: 'Dataset "orebro-lan" cannot take version 1: its next version is 2.' });
          const unknown = await refusal(store.commit('new-one', publish(2, ORE), ORE));
          expect(unknown).toBeInstanceOf(VersionConflictError);
          expect(unknown).toMatchObject({ message: 'Dataset "new-one" cannot take version 2: its next version is 1.' });
        });

        it('a publication without content, and a withdrawal with content', async () => {
          await expect(store.commit('orebro-lan', publish(2, ORE), null)).rejects.toThrow('Version 2 of dataset "orebro-lan" (publish) needs content.');
          await expect(store.commit('orebro-lan', withdraw(2), ORE)).rejects.toThrow('A withdrawal of dataset "orebro-lan" has no content, but content was given.');
        });

        it.each(['a', '-ab', 'ab-', 'Orebro', 'ore_bro', 'ore bro', '../x', `a${'b'.repeat(64)}`])('the slug %j', async (slug) => {
          await expect(store.commit(slug, publish(1, ORE), ORE)).rejects.toThrow(
            `${JSON.stringify(slug)} is not a dataset slug: 2–64 lowercase letters, digits and hyphens, not starting or ending with a hyphen.`,
          );
        });

        it('a record whose sha256 is not that of its content', async () => {
          await expect(store.commit('orebro-lan', publish(2, KARLSKOGA), ORE)).rejects.toThrow(
            `Version 2 of dataset "orebro-lan" says sha256 ${sha256(KARLSKOGA)}, but its content hashes to ${sha256(ORE)}.`,
          );
        });

        it('a record the store could not read back', async () => {
          await expect(store.commit('orebro-lan', { ...publish(2, ORE), created: 'yesterday' }, ORE)).rejects.toThrow('created "yesterday" is not an ISO 8601 time in UTC');
          await expect(store.commit('orebro-lan', { ...publish(2, ORE), triples: -1 }, ORE)).rejects.toThrow('triples -1 is not an integer of at least 0');
        });
      });

      it('serialises commits made at once: each dataset’s land, in the order they were made, and read back so after reopening', async () => {
        const { store, reopen } = await open();
        const contents = Array.from({ length: 12 }, (_, index) => `<https://example.org/${index}> <https://example.org/p> "${index}" .\n`);
        await Promise.all(contents.flatMap((content, index) => [store.commit('alpha', publish(index + 1, content), content), store.commit('beta', publish(index + 1, content), content)]));
        await store.close();

        const again = await reopen();
        expect((await again.history('alpha'))?.versions.map((record) => record.sha256)).toEqual(contents.map(sha256));
        expect((await again.history('beta'))?.versions.map((record) => record.sha256)).toEqual(contents.map(sha256));
        expect(await Promise.all(contents.map((_, index) => again.content('alpha', index + 1)))).toEqual(contents);
        const audit = (await again.audit()).map(({ slug, version }) => `${slug} ${version}`);
        expect(audit.filter((line) => line.startsWith('alpha '))).toEqual(contents.map((_, index) => `alpha ${index + 1}`));
        expect(audit.filter((line) => line.startsWith('beta '))).toEqual(contents.map((_, index) => `beta ${index + 1}`));
        expect(audit).toHaveLength(24);
      });
    });

    describe('datasets and history', () => {
      it('lists every dataset ever committed, withdrawn ones too, sorted by slug', async () => {
        const { store } = await open();
        for (const slug of ['orebro-lan', 'ab', 'vastmanland', 'a-b', 'a0']) await store.commit(slug, publish(1, ORE), ORE);
        await store.commit('vastmanland', withdraw(2), null);
        expect((await store.datasets()).map(({ slug, versions }) => `${slug} ${versions.length}`)).toEqual(['a-b 1', 'a0 1', 'ab 1', 'orebro-lan 1', 'vastmanland 2']);
      });

      it('gives one dataset’s versions oldest first, and nothing for a dataset never committed', async () => {
        const { store } = await open();
        await store.commit('orebro-lan', publish(1, ORE), ORE);
        await store.commit('ab', publish(1, KARLSKOGA), KARLSKOGA);
        await store.commit('orebro-lan', withdraw(2), null);
        await store.commit('orebro-lan', publish(3, KARLSKOGA, { added: 1, removed: 0 }), KARLSKOGA);
        expect(await store.history('orebro-lan')).toEqual({ slug: 'orebro-lan', versions: [publish(1, ORE), withdraw(2), publish(3, KARLSKOGA, { added: 1, removed: 0 })] });
        expect(await store.history('ab')).toEqual({ slug: 'ab', versions: [publish(1, KARLSKOGA)] });
        expect(await store.history('vastmanland')).toBeUndefined();
        expect(await store.history('orebro')).toBeUndefined();
      });
    });

    describe('content', () => {
      it('throws for a withdrawal, a version not committed and a dataset never committed', async () => {
        const { store } = await open();
        await store.commit('orebro-lan', publish(1, ORE), ORE);
        await store.commit('orebro-lan', withdraw(2), null);
        await expect(store.content('orebro-lan', 2)).rejects.toThrow('Version 2 of dataset "orebro-lan" is a withdrawal and has no content.');
        await expect(store.content('orebro-lan', 3)).rejects.toThrow('Dataset "orebro-lan" has no version 3.');
        await expect(store.content('orebro-lan', 0)).rejects.toThrow('Dataset "orebro-lan" has no version 0.');
        await expect(store.content('vastmanland', 1)).rejects.toThrow('Dataset "vastmanland" has no version 1.');
      });
    });
  });
}

/** The title of the contract's spec of commits made at once (see ContractOptions.knownBugs). */
/** Every spec of the contract that knownBugs may name. */

/** What `promise` rejected with; fails the test when it resolved. */
export async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

export function publish(version: number, content: string, changes: Partial<VersionRecord> = {}): VersionRecord {
  const triples = content.split('\n').length - 1;
  return { version, created: time(version), publisher: 'Region Örebro län', activity: 'publish', triples, sha256: sha256(content), added: triples, removed: 0, ...changes };
}

export function withdraw(version: number): VersionRecord {
  return { version, created: time(version), publisher: 'Region Örebro län', activity: 'withdraw', triples: 0, sha256: null, added: 0, removed: 0 };
}

/** When the test's version `version` was made: a second apart each. */
function time(version: number): string {
  return `2025-01-01T00:00:${String(version).padStart(2, '0')}.000Z`;
}

export function sha256(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}
