import * as fs from 'node:fs/promises';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadDataDirectory } from '../../src/rdf/loadDataDirectory.js';
import { dataLoadFailure } from '../support/dataLoadFailure.js';

// What order readdir lists a folder in is up to the file system (ext4 lists by hash; the one
// these tests run on, by name). The listing is left as it is, except in the one test that asks
// for another order.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, readdir: vi.fn(actual.readdir) };
});

const KS = 'https://w3id.org/kulturskola/';
const TRIPLE = '<http://example.org/s> <http://example.org/p> "v" .\n';

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('loadDataDirectory', () => {
  it('loads the files in name order, whatever order the file system lists them in', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'kulturskola-order-'));
    folders.push(folder);
    for (const name of ['c.nt', 'a.nt', 'b.nt']) await writeFile(join(folder, name), TRIPLE);
    vi.mocked(fs.readdir).mockResolvedValueOnce(['c.nt', 'a.nt', 'b.nt'] as never);
    const { files } = await loadDataDirectory(folder);
    expect(files.map(({ file, graph }) => [file, graph.value])).toEqual([
      [join(folder, 'a.nt'), `${KS}dataset/a`],
      [join(folder, 'b.nt'), `${KS}dataset/b`],
      [join(folder, 'c.nt'), `${KS}dataset/c`],
    ]);
  });

  it('dates the data by its newest file, wherever that comes in name order', async () => {
    const folder = await folderWith({ 'a.nt': TRIPLE, 'b.nt': TRIPLE, 'c.nt': TRIPLE });
    const newest = new Date('2026-03-01T12:00:00Z');
    await utimes(join(folder, 'a.nt'), new Date('2026-01-01T12:00:00Z'), new Date('2026-01-01T12:00:00Z'));
    await utimes(join(folder, 'b.nt'), newest, newest);
    await utimes(join(folder, 'c.nt'), new Date('2026-02-01T12:00:00Z'), new Date('2026-02-01T12:00:00Z'));
    const { lastModified, files } = await loadDataDirectory(folder);
    expect(lastModified).toEqual(newest);
    expect(files.map((file) => file.modified.getTime())).toContain(newest.getTime());
  });

  it('refuses a file of a type it does not read, naming the types it does', async () => {
    const folder = await folderWith({ 'a.nt': TRIPLE, 'notes.txt': 'not RDF' });
    const error = await dataLoadFailure(loadDataDirectory(folder));
    expect(error.code).toBe('UNSUPPORTED_FORMAT');
    expect(error.message).toBe(`${join(folder, 'notes.txt')}: unknown file type; expected one of .jsonld, .json, .ttl, .trig, .nt, .nq`);
  });

  describe('limits the length of a literal', () => {
    const long = (length: number) => `<http://example.org/s> <http://example.org/p> "${'x'.repeat(length)}" .\n`;

    it('to a million characters when no limit is given', async () => {
      const accepted = await folderWith({ 'a.nt': long(1_000_000) });
      expect((await loadDataDirectory(accepted)).files[0]!.quadCount).toBe(1);
      const refused = await folderWith({ 'a.nt': long(1_000_001) });
      const error = await dataLoadFailure(loadDataDirectory(refused));
      expect(error.code).toBe('INVALID_LITERAL');
      expect(error.message).toContain('a literal of 1000001 characters exceeds the limit of 1000000');
    });

    it('to the limit it is given', async () => {
      const folder = await folderWith({ 'a.nt': long(11) });
      expect((await loadDataDirectory(folder, { maxLiteralLength: 11 })).files[0]!.quadCount).toBe(1);
      const error = await dataLoadFailure(loadDataDirectory(folder, { maxLiteralLength: 10 }));
      expect(error.code).toBe('INVALID_LITERAL');
      expect(error.message).toContain('a literal of 11 characters exceeds the limit of 10');
    });
  });
});

/** A new folder holding the given files, removed after the tests. */
async function folderWith(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'kulturskola-load-'));
  folders.push(folder);
  for (const [name, text] of Object.entries(files)) await writeFile(join(folder, name), text);
  return folder;
}
