import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPublishedData } from '../../src/http/openPublishedData.js';
import type { StoredGraphContent } from '../../src/http/sparql/createSparqlRouter.js';
import { PostgresStore } from '../../src/store/PostgresStore.js';
import { startPostgres } from '../support/startPostgres.js';
import { recordingLogger } from '../support/recordingLogger.js';

// Each test opens its own store in a folder of its own (set up in beforeEach, so that Stryker
// credits the tests with what openPublishedData does). A seed folder without files keeps the
// store empty where the datasets do not matter.

interface LogLine {
  level: number;
  msg?: string;
  err?: { message: string };
  store?: string;
}

const INFO = 30;
const WARN = 40;

let folder: string;
let emptySeed: string;
let lines: LogLine[];
let logger: Logger;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'open-published-data-'));
  emptySeed = join(folder, 'seed');
  await mkdir(emptySeed);
  lines = [];
  logger = recordingLogger(lines);
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('openPublishedData', () => {
  it('says at start, without a tokens file, that publishing is off and how to turn it on', async () => {
    const published = await openPublishedData({ storeDirectory: join(folder, 'store'), logger, seedDirectory: emptySeed });
    await published.close();
    expect(lines).toContainEqual(
      expect.objectContaining({ level: INFO, msg: 'publishing is off: set TOKENS_FILE to a tokens file (npm run token -- add) to accept writes' }),
    );
  });

  it('says nothing of publishing being off when given a tokens file', async () => {
    const tokensFile = join(folder, 'tokens.json');
    await writeFile(tokensFile, '{"tokens":[]}');
    const published = await openPublishedData({ storeDirectory: join(folder, 'store'), tokensFile, logger, seedDirectory: emptySeed });
    await published.close();
    expect(lines.map(({ msg }) => msg)).not.toContainEqual(expect.stringMatching(/publishing is off/));
  });

  it('logs, as a warning with the error, a store failure after a commit that the commit itself does not throw', { timeout: 120_000 }, async () => {
    const published = await openPublishedData({
      storeDirectory: join(folder, 'store'),
      logger,
      storeOptions: {
        faults: (step) => {
          if (step === 'audit-appended') throw new Error('the disk failed after the commit');
        },
      },
    });
    await published.close();
    const warnings = lines.filter(({ level }) => level === WARN);
    // Every dataset seeded from the shipped data is committed, and each commit's audit step fails.
    expect(warnings.length).toBe(published.publisher.datasets().length);
    expect(warnings.length).toBeGreaterThan(0);
    for (const warning of warnings) {
      expect(warning).toMatchObject({ msg: expect.stringMatching(/^Version 1 of dataset "[a-z-]+" is committed, but a step after the manifest's replacement failed/), err: { message: 'the disk failed after the commit' } });
    }
  });

  it('fails with the error that stopped it (a tokens file that is no JSON), and leaves the store free to open again', async () => {
    const storeDirectory = join(folder, 'store');
    const tokensFile = join(folder, 'tokens.json');
    await writeFile(tokensFile, 'not JSON');
    await expect(openPublishedData({ storeDirectory, tokensFile, logger, seedDirectory: emptySeed })).rejects.toThrow(`The tokens file ${tokensFile} is not JSON`);
    const again = await openPublishedData({ storeDirectory, logger, seedDirectory: emptySeed });
    await again.close();
  });

  it('hands startSparql, once, every served dataset\'s stored version in its graph and the data version served; the served data then carries none', async () => {
    const storeDirectory = join(folder, 'store');
    const handed: Array<{ contents: readonly StoredGraphContent[]; dataVersion: string }> = [];
    const published = await openPublishedData({ storeDirectory, logger, startSparql: (contents, dataVersion) => void handed.push({ contents, dataVersion }) });
    await published.close();
    expect(handed).toHaveLength(1);
    const [{ contents, dataVersion }] = handed as [(typeof handed)[0]];
    expect(dataVersion).toBe(published.served.version?.digest);
    expect(contents.map(({ graph }) => graph)).toEqual(published.publisher.servedGraphs().map(({ graph }) => graph));
    expect(published.served.contents).toBeUndefined();
    // The same versions, read as the server reads them without startSparql.
    const again = await openPublishedData({ storeDirectory, logger });
    await again.close();
    expect(again.served.contents).toEqual(contents);
    expect(contents.map(({ slug }) => slug)).toEqual(published.publisher.datasets().filter(({ withdrawn }) => !withdrawn).map(({ slug }) => slug));
    expect(contents.every(({ ntriples }) => ntriples.length > 0)).toBe(true);
  });

  it('starts no SPARQL worker when it fails before building the graph (a tokens file that is no JSON)', async () => {
    const tokensFile = join(folder, 'tokens.json');
    await writeFile(tokensFile, 'not JSON');
    let started = 0;
    await expect(openPublishedData({ storeDirectory: join(folder, 'store'), tokensFile, logger, seedDirectory: emptySeed, startSparql: () => void started++ })).rejects.toThrow('is not JSON');
    expect(started).toBe(0);
  });

  it('keeps the datasets in the PostgreSQL database that databaseUrl names, not in the folder', { timeout: 240_000 }, async () => {
    const cluster = await startPostgres();
    try {
      const databaseUrl = await cluster.createDatabase();
      const storeDirectory = join(folder, 'store');
      const published = await openPublishedData({ storeDirectory, databaseUrl, logger });
      const slugs = published.publisher.datasets().map(({ slug }) => slug);
      await published.close();
      expect(slugs.length).toBeGreaterThan(0);
      expect(existsSync(storeDirectory)).toBe(false);
      const store = await PostgresStore.open(databaseUrl);
      try {
        expect((await store.datasets()).map(({ slug }) => slug)).toEqual(slugs);
      } finally {
        await store.close();
      }
      expect(lines).toContainEqual(expect.objectContaining({ msg: 'data loaded', store: databaseUrl }));
    } finally {
      await cluster.stop();
    }
  });
});
