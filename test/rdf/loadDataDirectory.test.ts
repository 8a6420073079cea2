import * as fs from 'node:fs/promises';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadDataDirectory } from '../../src/rdf/loadDataDirectory.js';

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
});
