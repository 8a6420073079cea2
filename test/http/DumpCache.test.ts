import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { DumpCache, type DumpWriter } from '../../src/http/DumpCache.js';

const text = 'one line of a dump, written many times\n'.repeat(5_000);
const caches: DumpCache[] = [];

afterEach(async () => {
  await Promise.all(caches.splice(0).map((cache) => cache.close()));
});

describe.each([
  ['in memory', undefined],
  ['in files', 0],
])('DumpCache, keeping dumps %s', (_where, memoryLimitBytes) => {
  const newCache = (write: DumpWriter) => {
    const cache = new DumpCache(new Map([['/dump', write]]), { memoryLimitBytes });
    caches.push(cache);
    return cache;
  };

  it('produces a dump once, however many ask at the same time and after', async () => {
    const writer = countingWriter(text);
    const cache = newCache(writer.write);
    const first = await Promise.all([cache.get('/dump', 'identity'), cache.get('/dump', 'identity'), cache.get('/dump', 'gzip')]);
    await cache.get('/dump', 'identity');
    expect(writer.calls()).toBe(1);
    expect(first[0]).toBe(first[1]);
    expect((await readAll(first[0].read())).toString()).toBe(text);
    expect(first[0].size).toBe(Buffer.byteLength(text));
  });

  it('compresses once per coding, from the identity bytes', async () => {
    const writer = countingWriter(text);
    const cache = newCache(writer.write);
    const [gzip, brotli] = await Promise.all([cache.get('/dump', 'gzip'), cache.get('/dump', 'br')]);
    expect(await cache.get('/dump', 'gzip')).toBe(gzip);
    expect(writer.calls()).toBe(1);
    expect(gunzipSync(await readAll(gzip.read())).toString()).toBe(text);
    expect(brotliDecompressSync(await readAll(brotli.read())).toString()).toBe(text);
  });

  it('reads any range, and many readers at once', async () => {
    const cache = newCache(countingWriter(text).write);
    const stored = await cache.get('/dump', 'identity');
    const parts = await Promise.all([readAll(stored.read(0, 9)), readAll(stored.read(10, 99)), readAll(stored.read(stored.size - 5))]);
    expect(parts.map(String)).toEqual([text.slice(0, 10), text.slice(10, 100), text.slice(-5)]);
  });

  it('leaves no file behind in the temporary folder', async () => {
    // A folder of its own, so that other servers' dumps in the shared one do not count.
    const folder = await mkdtemp(join(tmpdir(), 'dump-cache-test-'));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = folder;
    try {
      const cache = newCache(countingWriter(text).write);
      const stored = await cache.get('/dump', 'br');
      expect(stored.size).toBeGreaterThan(0);
      expect(stored.bytes === undefined).toBe(memoryLimitBytes === 0);
      expect(await readdir(folder)).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('forgets a failed production, so that the next request tries again', async () => {
    let calls = 0;
    const cache = newCache(async (output) => {
      calls += 1;
      if (calls === 1) throw new Error('the disk is full');
      output.write('second time lucky\n');
    });
    await expect(cache.get('/dump', 'gzip')).rejects.toThrow('the disk is full');
    const stored = await cache.get('/dump', 'identity');
    expect((await readAll(stored.read())).toString()).toBe('second time lucky\n');
  });

  it('rejects a name it has no writer for', async () => {
    await expect(newCache(countingWriter(text).write).get('/dump.xyz', 'identity')).rejects.toThrow('No dump is named "/dump.xyz"');
  });
});

/** A writer of `body` that counts how often it ran, handing the body over in a few chunks, slowly. */
describe('DumpCache', () => {
  it('keeps a dump of exactly memoryLimitBytes in memory, and one byte more in a file', async () => {
    const size = Buffer.byteLength(text);
    for (const [memoryLimitBytes, inMemory] of [[size, true], [size - 1, false]] as const) {
      const cache = new DumpCache(new Map([['/dump', countingWriter(text).write]]), { memoryLimitBytes });
      caches.push(cache);
      const stored = await cache.get('/dump', 'identity');
      expect(stored.bytes !== undefined, `limit ${memoryLimitBytes}`).toBe(inMemory);
      expect((await readAll(stored.read())).toString()).toBe(text);
    }
  });
});

function countingWriter(body: string): { write: DumpWriter; calls(): number } {
  let calls = 0;
  return {
    calls: () => calls,
    write: async (output: Writable) => {
      calls += 1;
      const third = Math.ceil(body.length / 3);
      for (let start = 0; start < body.length; start += third) {
        output.write(body.slice(start, start + third));
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
