import { access } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresCluster } from '../support/startPostgres.js';

let cluster: PostgresCluster;

beforeAll(async () => {
  cluster = await startPostgres();
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
});

describe('a throwaway PostgreSQL cluster for the specs', () => {
  it('answers a query once started', async () => {
    expect(await one(cluster.url, 'SELECT 1 AS one')).toEqual({ one: 1 });
  });

  it('creates databases of different names, each reachable', async () => {
    const first = await cluster.createDatabase();
    const second = await cluster.createDatabase();
    expect(first).not.toBe(second);
    expect(await one(first, 'SELECT current_database() AS name')).toEqual({ name: new URL(first).pathname.slice(1) });
    expect(await one(second, 'SELECT current_database() AS name')).toEqual({ name: new URL(second).pathname.slice(1) });
  });

  it('refuses queries after a kill, and answers on the same URL once started again', async () => {
    const database = await cluster.createDatabase();
    await one(database, 'CREATE TABLE kept (n integer); INSERT INTO kept VALUES (7)');
    await cluster.kill();
    await expect(one(cluster.url, 'SELECT 1')).rejects.toThrow();
    await cluster.start();
    expect(await one(cluster.url, 'SELECT 1 AS one')).toEqual({ one: 1 });
    expect(await one(database, 'SELECT n FROM kept')).toEqual({ n: 7 });
  }, 120_000);

  it('removes its folder when stopped, and may be stopped again', async () => {
    const own = await startPostgres();
    const folder = (await one(own.url, "SELECT current_setting('data_directory') AS data"))?.data as string;
    await own.stop();
    await expect(access(folder)).rejects.toThrow();
    await expect(one(own.url, 'SELECT 1')).rejects.toThrow();
    await own.stop();
  }, 120_000);
});

/** The first row of a query's answer, over a connection of its own. */
async function one(url: string, sql: string): Promise<Record<string, unknown> | undefined> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    const result = await client.query(sql);
    return (Array.isArray(result) ? result.at(-1) : result).rows[0];
  } finally {
    await client.end();
  }
}
