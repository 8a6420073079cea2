import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import express, { Router } from 'express';
import type { Logger } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serveCachedDownloads, type CachedDownload } from '../../src/http/serveCachedDownloads.js';
import { openDumpFiles } from '../support/openDumpFiles.js';
import { requestBytes } from '../support/requestBytes.js';

const DIGEST = '0123456789abcdef'.repeat(4);
/** The ETag of /data.txt in identity: the first 32 characters of the digest, and the tag. */
const ETAG = '"0123456789abcdef0123456789abcdef-txt"';
const LAST_MODIFIED = new Date('2026-11-25T10:20:30.456Z');
const LAST_MODIFIED_TEXT = 'Wed, 25 Nov 2026 10:20:30 GMT';
const text = Array.from({ length: 400 }, (_, line) => `<https://w3id.org/kulturskola/kommun/${1000 + line}> <https://schema.org/name> "Kommun ${line}" .\n`).join('');
const SIZE = Buffer.byteLength(text);

interface Served {
  url: string;
  logger: { error: ReturnType<typeof vi.fn>; debug: ReturnType<typeof vi.fn> };
  /** How many times each download's writer ran. */
  writes: Map<string, number>;
  /** The bytes the app handed to each response (with write or end), one entry per response, in the order they finished. */
  handed: number[];
  /** The function serveCachedDownloads returned. */
  close: () => Promise<void>;
}

const running: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((stop) => stop()));
});

/** A download whose writer writes `content` and counts its calls in `writes`; it fails its first `failures` calls. */
function download(path: string, content: string, writes: Map<string, number>, failures = 0): CachedDownload {
  return {
    path,
    contentType: 'text/plain; charset=utf-8',
    tag: path.slice(path.lastIndexOf('.') + 1),
    filename: path.slice(1),
    write: async (output: Writable) => {
      const calls = (writes.get(path) ?? 0) + 1;
      writes.set(path, calls);
      if (calls <= failures) throw new Error('the disk is full');
      output.write(content);
    },
  };
}

/** An express app serving /data.txt (and /failing.nq, which fails once) through serveCachedDownloads alone. */
async function serve(memoryLimitBytes?: number, content = text): Promise<Served> {
  const writes = new Map<string, number>();
  const logger = { error: vi.fn(), debug: vi.fn() };
  const router = Router();
  const close = serveCachedDownloads(router, [download('/data.txt', content, writes), download('/failing.nq', content, writes, 1)], {
    digest: DIGEST,
    lastModified: LAST_MODIFIED,
    logger: logger as unknown as Logger,
    ...(memoryLimitBytes !== undefined && { memoryLimitBytes }),
  });
  const handed: number[] = [];
  const app = express();
  app.use((_request, response, next) => {
    let bytes = 0;
    const count = (chunk: unknown) => {
      if (typeof chunk === 'string' || chunk instanceof Uint8Array) bytes += Buffer.byteLength(chunk);
    };
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => typeof response;
    response.write = ((chunk: unknown, ...rest: unknown[]) => {
      count(chunk);
      return write(chunk, ...rest);
    }) as typeof response.write;
    response.end = ((chunk?: unknown, ...rest: unknown[]) => {
      count(chunk);
      handed.push(bytes);
      return end(chunk, ...rest);
    }) as typeof response.end;
    next();
  });
  app.use(router);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  running.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, logger, writes, handed, close };
}

describe('serveCachedDownloads', () => {
  it('serves a download with its type, validators, cache policy, file name and length', async () => {
    const { url } = await serve();
    const answer = await requestBytes(`${url}/data.txt`);
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe(text);
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(answer.headers.etag).toBe(ETAG);
    expect(answer.headers['last-modified']).toBe(LAST_MODIFIED_TEXT);
    expect(answer.headers['cache-control']).toBe('public, no-cache');
    expect(answer.headers['content-disposition']).toBe('inline; filename="data.txt"');
    expect(answer.headers['accept-ranges']).toBe('bytes');
    expect(answer.headers.vary).toBe('Accept-Encoding');
    expect(answer.headers['content-length']).toBe(String(SIZE));
    expect(answer.headers['content-encoding']).toBeUndefined();
  });

  it('sends gzip and brotli as Accept-Encoding prefers, each with the ETag of its coding', async () => {
    const { url } = await serve();
    const gzip = await requestBytes(`${url}/data.txt`, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.etag).toBe('"0123456789abcdef0123456789abcdef-txt-gz"');
    expect(gzip.headers['content-length']).toBe(String(gzip.body.length));
    expect(gunzipSync(gzip.body).toString()).toBe(text);
    const brotli = await requestBytes(`${url}/data.txt`, { 'Accept-Encoding': 'gzip, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.etag).toBe('"0123456789abcdef0123456789abcdef-txt-br"');
    expect(brotli.headers['content-length']).toBe(String(brotli.body.length));
    expect(brotliDecompressSync(brotli.body).toString()).toBe(text);
    expect(brotli.headers.vary).toBe('Accept-Encoding');
  });

  it('produces each download once, for requests at the same time and after, in every coding', async () => {
    const { url, writes } = await serve();
    const answers = await Promise.all([requestBytes(`${url}/data.txt`), requestBytes(`${url}/data.txt`), requestBytes(`${url}/data.txt`, { 'Accept-Encoding': 'br' })]);
    await requestBytes(`${url}/data.txt`, { 'Accept-Encoding': 'gzip' });
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(writes.get('/data.txt')).toBe(1);
  });

  it('answers 406, before any production, when Accept-Encoding accepts nothing offered', async () => {
    const { url, writes } = await serve();
    const refused = await requestBytes(`${url}/data.txt`, { 'Accept-Encoding': 'identity;q=0, *;q=0' });
    expect(refused.status).toBe(406);
    expect(refused.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(refused.headers.vary).toBe('Accept-Encoding');
    expect(refused.headers['content-disposition']).toBeUndefined();
    expect(refused.headers['last-modified']).toBeUndefined();
    expect(refused.body.toString()).toBe('None of the content codings in Accept-Encoding: "identity;q=0, *;q=0" is offered here; offered: br, gzip, identity.\n');
    expect(writes.get('/data.txt')).toBeUndefined();
  });

  describe('conditional requests', () => {
    it('answer 304 to If-None-Match naming the ETag of the coding asked for, before any production', async () => {
      const { url, writes } = await serve();
      for (const [acceptEncoding, etag] of [
        ['identity', ETAG],
        ['gzip', '"0123456789abcdef0123456789abcdef-txt-gz"'],
        ['br', 'W/"0123456789abcdef0123456789abcdef-txt-br"'],
      ] as const) {
        const notModified = await requestBytes(`${url}/data.txt`, { 'Accept-Encoding': acceptEncoding, 'If-None-Match': etag });
        expect(notModified.status, acceptEncoding).toBe(304);
        expect(notModified.body.length).toBe(0);
        expect(notModified.headers.etag).toBe(etag.replace('W/', ''));
        expect(notModified.headers['last-modified']).toBe(LAST_MODIFIED_TEXT);
        expect(notModified.headers.vary).toBe('Accept-Encoding');
      }
      expect(writes.get('/data.txt')).toBeUndefined();
    });

    it('send the download when If-None-Match names another coding', async () => {
      const { url } = await serve();
      const brotli = await requestBytes(`${url}/data.txt`, { 'Accept-Encoding': 'br', 'If-None-Match': ETAG });
      expect(brotli.status).toBe(200);
      expect(brotliDecompressSync(brotli.body).toString()).toBe(text);
    });

    it('answer 304 to If-Modified-Since at the time of the data, and 200 to a second before it', async () => {
      const { url } = await serve();
      expect((await requestBytes(`${url}/data.txt`, { 'If-Modified-Since': LAST_MODIFIED_TEXT })).status).toBe(304);
      const older = await requestBytes(`${url}/data.txt`, { 'If-Modified-Since': 'Wed, 25 Nov 2026 10:20:29 GMT' });
      expect(older.status).toBe(200);
      expect(older.body.toString()).toBe(text);
    });
  });

  describe.each([
    ['in memory', undefined],
    ['in files', 0],
  ])('byte ranges, with the download kept %s', (_where, memoryLimitBytes) => {
    it('answers one range with 206 and those bytes, its Content-Range and length', async () => {
      const { url } = await serve(memoryLimitBytes);
      for (const [range, start, end] of [
        ['bytes=10-19', 10, 19],
        ['bytes=0-0', 0, 0],
        ['bytes=-5', SIZE - 5, SIZE - 1],
        [`bytes=${SIZE - 3}-`, SIZE - 3, SIZE - 1],
        ['bytes=0-4,5-9', 0, 9],
      ] as const) {
        const part = await requestBytes(`${url}/data.txt`, { Range: range });
        expect(part.status, range).toBe(206);
        expect(part.headers['content-range'], range).toBe(`bytes ${start}-${end}/${SIZE}`);
        expect(part.headers['content-length'], range).toBe(String(end - start + 1));
        expect(part.body.toString(), range).toBe(text.slice(start, end + 1));
      }
    });

    it('takes the range of the coded bytes', async () => {
      const { url } = await serve(memoryLimitBytes);
      const whole = await requestBytes(`${url}/data.txt`, { 'Accept-Encoding': 'gzip' });
      const part = await requestBytes(`${url}/data.txt`, { 'Accept-Encoding': 'gzip', Range: 'bytes=100-199', 'If-Range': '"0123456789abcdef0123456789abcdef-txt-gz"' });
      expect(part.status).toBe(206);
      expect(part.headers['content-encoding']).toBe('gzip');
      expect(part.headers['content-range']).toBe(`bytes 100-199/${whole.body.length}`);
      expect(part.body.equals(whole.body.subarray(100, 200))).toBe(true);
    });

    it('answers 416 with the size to a range wholly past the end', async () => {
      const { url } = await serve(memoryLimitBytes);
      const past = await requestBytes(`${url}/data.txt`, { Range: `bytes=${SIZE}-` });
      expect(past.status).toBe(416);
      expect(past.headers['content-range']).toBe(`bytes */${SIZE}`);
      expect(past.body.length).toBe(0);
    });

    it('sends the whole download for several ranges, a malformed one, another unit or a stale If-Range', async () => {
      const { url } = await serve(memoryLimitBytes);
      for (const headers of [
        { Range: 'bytes=0-4,10-14' } as Record<string, string>,
        { Range: 'bytes=abc' },
        { Range: 'items=0-5' },
        { Range: 'bytes=0-9', 'If-Range': '"0000-txt"' },
        { Range: 'bytes=0-9', 'If-Range': 'Wed, 25 Nov 2026 10:20:31 GMT' },
      ]) {
        const whole = await requestBytes(`${url}/data.txt`, headers);
        expect(whole.status, JSON.stringify(headers)).toBe(200);
        expect(whole.headers['content-range'], JSON.stringify(headers)).toBeUndefined();
        expect(whole.headers['content-length']).toBe(String(SIZE));
        expect(whole.body.toString()).toBe(text);
      }
    });

    it('disregards an empty Range header and sends the whole download', async () => {
      const { url } = await serve(memoryLimitBytes);
      for (const headers of [{ Range: '' } as Record<string, string>, { Range: '', 'If-Range': ETAG }]) {
        const whole = await requestBytes(`${url}/data.txt`, headers);
        expect(whole.status, JSON.stringify(headers)).toBe(200);
        expect(whole.headers['content-range'], JSON.stringify(headers)).toBeUndefined();
        expect(whole.headers['content-length']).toBe(String(SIZE));
        expect(whole.body.toString()).toBe(text);
      }
    });

    it('answers a range whose If-Range names the ETag or the exact Last-Modified date', async () => {
      const { url } = await serve(memoryLimitBytes);
      for (const ifRange of [ETAG, LAST_MODIFIED_TEXT]) {
        const part = await requestBytes(`${url}/data.txt`, { Range: 'bytes=5-9', 'If-Range': ifRange });
        expect(part.status, ifRange).toBe(206);
        expect(part.body.toString()).toBe(text.slice(5, 10));
      }
    });

    it('answers HEAD with the headers and length of what GET would send, and no body', async () => {
      const { url } = await serve(memoryLimitBytes);
      const head = await requestBytes(`${url}/data.txt`, {}, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.headers['content-length']).toBe(String(SIZE));
      expect(head.headers.etag).toBe(ETAG);
      expect(head.body.length).toBe(0);
      const part = await requestBytes(`${url}/data.txt`, { Range: 'bytes=10-19' }, 'HEAD');
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 10-19/${SIZE}`);
      expect(part.headers['content-length']).toBe('10');
    });

    it('hands the response no bytes of the download for HEAD, whole or ranged, so none is read for it', async () => {
      const { url, handed } = await serve(memoryLimitBytes);
      await requestBytes(`${url}/data.txt`);
      await requestBytes(`${url}/data.txt`, {}, 'HEAD');
      await requestBytes(`${url}/data.txt`, { 'Accept-Encoding': 'gzip' }, 'HEAD');
      await requestBytes(`${url}/data.txt`, { Range: 'bytes=10-19' }, 'HEAD');
      expect(handed).toEqual([SIZE, 0, 0, 0]);
    });
  });

  it.runIf(process.platform === 'linux')('closes the files it kept the downloads in when the function it returned is called', async () => {
    const before = await openDumpFiles();
    const { url, close } = await serve(0);
    await requestBytes(`${url}/data.txt`);
    await requestBytes(`${url}/data.txt`, { 'Accept-Encoding': 'gzip' });
    expect(await openDumpFiles()).toBe(before + 2);
    await close();
    expect(await openDumpFiles()).toBe(before);
  });

  it('answers 503 with Retry-After when a download cannot be produced, logs it, and tries again on the next request', async () => {
    const { url, logger, writes } = await serve();
    const failed = await requestBytes(`${url}/failing.nq`, { 'Accept-Encoding': 'gzip' });
    expect(failed.status).toBe(503);
    expect(failed.headers['retry-after']).toBe('60');
    expect(failed.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(failed.headers['content-disposition']).toBeUndefined();
    expect(failed.headers['content-encoding']).toBeUndefined();
    // Nothing a cache could keep, or revalidate as the download: no validators, and no-store.
    expect(failed.headers['cache-control']).toBe('no-store');
    expect(failed.headers.etag).toBeUndefined();
    expect(failed.headers['last-modified']).toBeUndefined();
    expect(failed.headers['accept-ranges']).toBeUndefined();
    expect(failed.body.toString()).toBe('/failing.nq could not be produced; try again in 60 s.\n');
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith({ err: expect.objectContaining({ message: 'the disk is full' }), path: '/failing.nq', coding: 'gzip' }, 'download could not be produced');
    const retried = await requestBytes(`${url}/failing.nq`, { 'Accept-Encoding': 'gzip' });
    expect(retried.status).toBe(200);
    expect(retried.headers['content-disposition']).toBe('inline; filename="failing.nq"');
    expect(retried.headers.etag).toBe('"0123456789abcdef0123456789abcdef-nq-gz"');
    expect(gunzipSync(retried.body).toString()).toBe(text);
    expect(writes.get('/failing.nq')).toBe(2);
  });

  it('answers any other method with 405 and Allow: GET, HEAD', async () => {
    const { url, writes } = await serve();
    for (const method of ['POST', 'DELETE', 'PUT']) {
      const refused = await requestBytes(`${url}/data.txt`, {}, method);
      expect(refused.status, method).toBe(405);
      expect(refused.headers.allow).toBe('GET, HEAD');
      expect(refused.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(refused.body.toString()).toBe(`The method ${method} is not allowed on /data.txt; it answers GET and HEAD.\n`);
    }
    expect(writes.get('/data.txt')).toBeUndefined();
  });

  it('logs a download from a file that the client hangs up on halfway, at debug level, and serves the next ones whole', async () => {
    // Every download of a dump kept in a file reads the one open file: one cut short must leave it open.
    const content = text.repeat(120);
    const { url, logger } = await serve(0, content);
    await requestBytes(`${url}/data.txt`, {}, 'HEAD');
    await new Promise<void>((resolve, reject) => {
      const outgoing = httpRequest(`${url}/data.txt`, (response) => {
        response.once('data', () => {
          outgoing.destroy();
          resolve();
        });
      });
      outgoing.on('error', (error) => (outgoing.destroyed ? undefined : reject(error)));
      outgoing.end();
    });
    await vi.waitFor(() => expect(logger.debug).toHaveBeenCalledWith({ err: expect.any(Error), path: '/data.txt' }, 'download interrupted'));
    expect(logger.error).not.toHaveBeenCalled();
    for (const range of [undefined, 'bytes=100000-100009']) {
      const after = await requestBytes(`${url}/data.txt`, range === undefined ? {} : { Range: range });
      expect(after.status).toBe(range === undefined ? 200 : 206);
      expect(after.body.toString()).toBe(range === undefined ? content : content.slice(100000, 100010));
    }
  });
});
