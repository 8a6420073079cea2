import { createWriteStream } from 'node:fs';
import { mkdtemp, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { ContentCoding } from './negotiateEncoding.js';

/**
 * Dumps up to this size are kept in memory by default. A download from
 * memory is one write to the socket; from a file it is a stream of reads on
 * the thread pool, which measured 25–40% more server CPU per download
 * (0.66 against 0.5 ms for the shipped data's 15 kB gzip JSON-LD, 1.25
 * against 0.8 ms for its 277 kB identity JSON-LD).
 */
export const DEFAULT_MEMORY_LIMIT_BYTES = 16 * 1024 * 1024;

/** How much a read of a stored dump asks for at a time. */
const READ_CHUNK_BYTES = 256 * 1024;

/** One dump in one coding, produced and stored: a file open for reading, its size known. */
export interface StoredDump {
  readonly size: number;
  /** All the bytes, when the dump is small enough to be kept in memory. */
  readonly bytes?: Buffer;
  /** A stream of bytes `start` to `end` (inclusive; default the whole file); any number may read at once. */
  read(start?: number, end?: number): Readable;
}

/** Writes a dump's identity bytes to `output` and resolves when all are handed over (without ending `output`). */
export type DumpWriter = (output: Writable) => Promise<void>;

/**
 * Each dump of one data version, produced once per content coding and kept
 * for as long as the cache lives. The identity bytes are written by the
 * dump's writer; gzip (level 6) and brotli (quality 5) are made from them by
 * zlib streams, which compress on libuv's thread pool. Production is lazy:
 * the first `get` of a dump and coding starts it, and every `get` until it
 * ends waits on that same production. A failed production is forgotten, so
 * a later `get` tries again.
 *
 * Dumps up to 16 MB are kept in memory, larger ones in files. Measured on
 * the benchmark's synthetic data, a dump takes per quad: N-Quads 153 B,
 * JSON-LD 108, TriG and Turtle 67, and gzip or brotli 3–7 B. So at 100k
 * quads all twelve fit in about 44 MB; at a million the identity dumps
 * (about 390 MB) go to files and only the compressed ones (about 33 MB) stay
 * in memory. A file is deleted from its temporary folder as soon as it is
 * open, so the space returns to the system when the descriptor closes, even
 * if the process is killed; reads go by position, so concurrent downloads
 * share one descriptor.
 */
export class DumpCache {
  readonly #writers: ReadonlyMap<string, DumpWriter>;
  readonly #memoryLimitBytes: number;
  readonly #stored = new Map<string, Promise<StoredFile>>();

  /** `writers` maps each dump's name (e.g. its path) to what writes it; dumps up to `memoryLimitBytes` are kept in memory. */
  constructor(writers: ReadonlyMap<string, DumpWriter>, { memoryLimitBytes = DEFAULT_MEMORY_LIMIT_BYTES } = {}) {
    this.#writers = writers;
    this.#memoryLimitBytes = memoryLimitBytes;
  }

  /** The dump `name` in `coding`, produced now if no `get` asked for it before. Rejects for an unknown name or a failed production. */
  get(name: string, coding: ContentCoding): Promise<StoredDump> {
    const key = `${coding} ${name}`;
    let stored = this.#stored.get(key);
    if (stored === undefined) {
      stored = this.#produce(name, coding);
      this.#stored.set(key, stored);
      stored.catch(() => this.#stored.delete(key));
    }
    return stored;
  }

  /** Closes every stored file once its production has ended; reads in progress then fail. */
  async close(): Promise<void> {
    const settled = await Promise.allSettled(this.#stored.values());
    this.#stored.clear();
    await Promise.all(settled.map((result) => (result.status === 'fulfilled' ? result.value.close() : undefined)));
  }

  async #produce(name: string, coding: ContentCoding): Promise<StoredFile> {
    if (coding === 'identity') {
      const write = this.#writers.get(name);
      if (write === undefined) throw new Error(`No dump is named ${JSON.stringify(name)}`);
      return storeFile(write, this.#memoryLimitBytes);
    }
    const identity = await this.get(name, 'identity');
    const compress = coding === 'br' ? zlib.createBrotliCompress(brotliOptions(identity.size)) : zlib.createGzip({ level: 6 });
    return storeFile((output) => pipeline(identity.read(), compress, output, { end: false }), this.#memoryLimitBytes);
  }
}

/** Dumps are compressed once per data version, so a better ratio than per-request answers get is worth it, short of brotli's slow top qualities. */
function brotliOptions(size: number): zlib.BrotliOptions {
  return {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
    },
  };
}

interface StoredFile extends StoredDump {
  close(): Promise<void>;
}

/**
 * Writes a file in a new temporary folder, then keeps it: in memory if it is
 * at most `memoryLimitBytes`, else open for reading. Either way the folder
 * is removed at once, leaving at most an open descriptor.
 */
async function storeFile(write: DumpWriter, memoryLimitBytes: number): Promise<StoredFile> {
  const folder = await mkdtemp(join(tmpdir(), 'kulturskolegrafen-dump-'));
  try {
    const path = join(folder, 'dump');
    const output = createWriteStream(path);
    try {
      await write(output);
      output.end();
      await finished(output);
    } catch (error) {
      output.destroy();
      throw error;
    }
    if (output.bytesWritten <= memoryLimitBytes) {
      const bytes = await readFile(path);
      return { size: bytes.length, bytes, read: (start = 0, end = bytes.length - 1) => Readable.from([bytes.subarray(start, end + 1)]), close: async () => undefined };
    }
    const file = await open(path, 'r');
    const { size } = await file.stat();
    return { size, read: (start = 0, end = size - 1) => Readable.from(bytesOf(file, start, end), { objectMode: false }), close: () => file.close() };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * The bytes of `file` from `start` to `end`, read at their positions. Every
 * download of a dump reads the one open file, so a download cut short must
 * not close it: a destroyed fs.ReadStream closes its descriptor even with
 * `autoClose: false` (and the number could then be reused by a socket).
 * Ending this generator leaves the file open, and FileHandle.close waits for
 * reads in flight.
 */
async function* bytesOf(file: FileHandle, start: number, end: number): AsyncGenerator<Buffer> {
  for (let position = start; position <= end; ) {
    const length = Math.min(READ_CHUNK_BYTES, end + 1 - position);
    const { bytesRead, buffer } = await file.read(Buffer.allocUnsafe(length), 0, length, position);
    if (bytesRead === 0) throw new Error(`the stored dump ended at byte ${position}, before byte ${end}`);
    yield bytesRead === length ? buffer : buffer.subarray(0, bytesRead);
    position += bytesRead;
  }
}
