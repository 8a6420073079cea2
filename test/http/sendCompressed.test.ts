import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { COMPRESSION_THRESHOLD_BYTES, sendCompressed, type CompressibleAnswer } from '../../src/http/sendCompressed.js';
import { requestBytes, type AnswerBytes } from '../support/requestBytes.js';

/** What the server answers next: set by each test, with anything it does to the response first. */
let answer: CompressibleAnswer;
let prepare: (response: ServerResponse) => void = () => undefined;
/** What sendCompressed handed to response.end, for each request. */
let ended: Array<Buffer | Uint8Array | undefined> = [];

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    prepare(response);
    const end = response.end.bind(response) as (chunk?: Uint8Array) => ServerResponse;
    response.end = ((chunk?: Uint8Array) => {
      ended.push(chunk);
      return end(chunk);
    }) as ServerResponse['end'];
    sendCompressed(request, response, answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  prepare = () => undefined;
  ended = [];
  vi.restoreAllMocks();
});

/** The answer to a request, its bytes as they came. */
function send(headers: Record<string, string> = {}, method = 'GET'): Promise<AnswerBytes> {
  return requestBytes(`${origin}/`, headers, method);
}

/** Text of exactly `size` ASCII bytes that compresses, but not to nothing. */
function textOf(size: number): string {
  let text = '';
  for (let line = 0; text.length < size; line += 1) text += `{"line":${line},"value":${(line * 7919) % 1009},"name":"kommun ${line % 290}"}\n`;
  return text.slice(0, size);
}

/** Brotli as the module promises it: quality 3, text mode, the body's size as hint, a window of log2(size) bits within 16..24. */
function brotliOf(bytes: Buffer, windowBits: number): Buffer {
  return zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 3,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      [zlib.constants.BROTLI_PARAM_LGWIN]: windowBits,
    },
  });
}

const text = textOf(5000);

describe('sendCompressed', () => {
  it('compresses at 1024 bytes (COMPRESSION_THRESHOLD_BYTES) and sends one byte less as it is', async () => {
    expect(COMPRESSION_THRESHOLD_BYTES).toBe(1024);
    answer = { status: 200, headers: { 'Content-Type': 'application/json' }, body: textOf(1024) };
    const at = await send({ 'Accept-Encoding': 'gzip' });
    expect(at.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(at.body).toString()).toBe(textOf(1024));
    answer = { status: 200, headers: { 'Content-Type': 'application/json' }, body: textOf(1023) };
    const under = await send({ 'Accept-Encoding': 'gzip' });
    expect(under.headers['content-encoding']).toBeUndefined();
    expect(under.headers['content-length']).toBe('1023');
    expect(under.headers['content-type']).toBe('application/json');
    expect(under.headers.vary).toBe('Accept-Encoding');
    expect(under.body.toString()).toBe(textOf(1023));
  });

  it('measures the threshold in UTF-8 bytes, not characters', async () => {
    answer = { status: 200, headers: {}, body: 'å'.repeat(512) };
    const over = await send({ 'Accept-Encoding': 'gzip' });
    expect(over.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(over.body).toString()).toBe('å'.repeat(512));
    answer = { status: 200, headers: {}, body: 'å'.repeat(511) };
    const under = await send({ 'Accept-Encoding': 'gzip' });
    expect(under.headers['content-encoding']).toBeUndefined();
    expect(under.headers['content-length']).toBe('1022');
  });

  it('sends brotli at quality 3 with a 16-bit window to a client that takes brotli and gzip alike', async () => {
    answer = { status: 200, headers: { 'Content-Type': 'text/turtle' }, body: text };
    const brotli = await send({ 'Accept-Encoding': 'gzip, deflate, br' });
    expect(brotli.status).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.body.equals(brotliOf(Buffer.from(text), 16))).toBe(true);
    expect(brotli.headers['content-length']).toBe(String(brotli.body.length));
    expect(brotli.headers['content-type']).toBe('text/turtle');
    expect(brotli.headers.vary).toBe('Accept-Encoding');
  });

  it('sends gzip at level 3 when the client prefers it', async () => {
    answer = { status: 201, headers: {}, body: text };
    const gzip = await send({ 'Accept-Encoding': 'br;q=0.5, gzip' });
    expect(gzip.status).toBe(201);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body.equals(zlib.gzipSync(Buffer.from(text), { level: 3 }))).toBe(true);
    expect(gzip.headers['content-length']).toBe(String(gzip.body.length));
  });

  it('sends the body as it is to a client that names no coding, or none offered', async () => {
    answer = { status: 200, headers: {}, body: text };
    for (const acceptEncoding of [undefined, '', 'zstd', 'br;q=0, gzip;q=0']) {
      const plain = await send(acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding });
      expect(plain.headers['content-encoding'], acceptEncoding).toBeUndefined();
      expect(plain.headers['content-length'], acceptEncoding).toBe('5000');
      expect(plain.body.toString(), acceptEncoding).toBe(text);
    }
  });

  it('disregards a header that accepts nothing offered and sends identity, not a 406', async () => {
    for (const body of [text, 'short']) {
      answer = { status: 200, headers: {}, body };
      const plain = await send({ 'Accept-Encoding': 'identity;q=0, *;q=0' });
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toBe(body);
    }
  });

  it('compresses a short body too when the client refuses identity, in the coding it prefers', async () => {
    answer = { status: 200, headers: {}, body: 'a short answer' };
    const gzip = await send({ 'Accept-Encoding': 'gzip, identity;q=0' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body).toString()).toBe('a short answer');
    const brotli = await send({ 'Accept-Encoding': 'br, *;q=0' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(brotli.body).toString()).toBe('a short answer');
    const either = await send({ 'Accept-Encoding': 'gzip;q=0.5, br;q=0.4, identity;q=0' });
    expect(either.headers['content-encoding']).toBe('gzip');
  });

  it('sends the bytes of a Uint8Array body unchanged', async () => {
    const bytes = new Uint8Array([0xff, 0x00, 0xfe, 0x80, 0x0a]);
    answer = { status: 200, headers: { 'Content-Type': 'application/octet-stream' }, body: bytes };
    const plain = await send({ 'Accept-Encoding': 'gzip' });
    expect(plain.headers['content-length']).toBe('5');
    expect([...plain.body]).toEqual([0xff, 0x00, 0xfe, 0x80, 0x0a]);
  });

  describe('over 64 kB, compressing on the thread pool', () => {
    it('sends gzip and brotli that decode to the body, sizing the brotli window to it', async () => {
      const large = Buffer.from(textOf(100_000));
      answer = { status: 200, headers: {}, body: large };
      const brotli = await send({ 'Accept-Encoding': 'br' });
      expect(brotli.headers['content-encoding']).toBe('br');
      // log2(100 000) rounds up to 17 bits: between brotli's minimum of 16 and its maximum of 24.
      expect(brotli.body.equals(brotliOf(large, 17))).toBe(true);
      expect(brotli.headers['content-length']).toBe(String(brotli.body.length));
      const gzip = await send({ 'Accept-Encoding': 'gzip' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gzip.body.equals(zlib.gzipSync(large, { level: 3 }))).toBe(true);
    });

    it('compresses exactly 64 kB on the event loop and one byte more on the thread pool', async () => {
      const gzipSync = vi.spyOn(zlib, 'gzipSync');
      const gzip = vi.spyOn(zlib, 'gzip');
      const brotliSync = vi.spyOn(zlib, 'brotliCompressSync');
      const brotli = vi.spyOn(zlib, 'brotliCompress');
      answer = { status: 200, headers: {}, body: textOf(64 * 1024) };
      await send({ 'Accept-Encoding': 'gzip' });
      await send({ 'Accept-Encoding': 'br' });
      expect([gzipSync.mock.calls.length, gzip.mock.calls.length, brotliSync.mock.calls.length, brotli.mock.calls.length]).toEqual([1, 0, 1, 0]);
      answer = { status: 200, headers: {}, body: textOf(64 * 1024 + 1) };
      const overGzip = await send({ 'Accept-Encoding': 'gzip' });
      const overBrotli = await send({ 'Accept-Encoding': 'br' });
      expect([gzipSync.mock.calls.length, gzip.mock.calls.length, brotliSync.mock.calls.length, brotli.mock.calls.length]).toEqual([1, 1, 1, 1]);
      expect(zlib.gunzipSync(overGzip.body).toString()).toBe(textOf(64 * 1024 + 1));
      expect(zlib.brotliDecompressSync(overBrotli.body).toString()).toBe(textOf(64 * 1024 + 1));
    });
  });

  describe('Vary', () => {
    it('adds Accept-Encoding to what the response and the answer already vary by, each name once', async () => {
      prepare = (response) => response.setHeader('Vary', 'Accept');
      answer = { status: 200, headers: { Vary: 'accept, Accept-Language' }, body: 'x' };
      expect((await send()).headers.vary).toBe('Accept, Accept-Language, Accept-Encoding');
    });

    it('reads a list of values, trims them, skips empty ones and keeps an Accept-Encoding already named', async () => {
      prepare = (response) => response.setHeader('Vary', ['Origin', ' Accept ']);
      answer = { status: 200, headers: { vary: 'accept-encoding,, Origin' }, body: text };
      const answered = await send({ 'Accept-Encoding': 'gzip' });
      expect(answered.headers.vary).toBe('Origin, Accept, accept-encoding');
      expect(answered.headers['content-encoding']).toBe('gzip');
    });
  });

  it("replaces the caller's Content-Length and ETag whatever their case, and leaves out headers without a value", async () => {
    answer = { status: 200, headers: { 'CONTENT-LENGTH': '1', ETag: '"stale"', 'X-Absent': undefined, 'Cache-Control': 'no-cache' }, body: text, etag: '"abc"' };
    const gzip = await send({ 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-length']).toBe(String(gzip.body.length));
    expect(gzip.headers.etag).toBe('"abc-gz"');
    expect(gzip.headers['cache-control']).toBe('no-cache');
    expect('x-absent' in gzip.headers).toBe(false);
    expect(zlib.gunzipSync(gzip.body).toString()).toBe(text);
  });

  describe('with an ETag', () => {
    it('sends it with the suffix of the coding', async () => {
      answer = { status: 200, headers: {}, body: text, etag: '"abc"' };
      expect((await send({ 'Accept-Encoding': 'identity' })).headers.etag).toBe('"abc"');
      expect((await send({ 'Accept-Encoding': 'gzip' })).headers.etag).toBe('"abc-gz"');
      expect((await send({ 'Accept-Encoding': 'br' })).headers.etag).toBe('"abc-br"');
      answer = { status: 200, headers: {}, body: 'short', etag: '"abc"' };
      expect((await send({ 'Accept-Encoding': 'br' })).headers.etag).toBe('"abc"');
    });

    it('answers 304 without a body or its metadata to If-None-Match naming the ETag of the coding sent', async () => {
      answer = { status: 200, headers: { 'Content-Type': 'text/turtle', 'Content-Length': '5000', 'Cache-Control': 'public, no-cache' }, body: text, etag: '"abc"' };
      for (const ifNoneMatch of ['"abc-gz"', 'W/"abc-gz"', '"other", "abc-gz"', '*']) {
        const notModified = await send({ 'Accept-Encoding': 'gzip', 'If-None-Match': ifNoneMatch });
        expect(notModified.status, ifNoneMatch).toBe(304);
        expect(notModified.body.length).toBe(0);
        expect(notModified.headers.etag).toBe('"abc-gz"');
        expect(notModified.headers.vary).toBe('Accept-Encoding');
        expect(notModified.headers['cache-control']).toBe('public, no-cache');
        expect(notModified.headers['content-encoding']).toBe('gzip');
        expect(notModified.headers['content-length']).toBeUndefined();
        expect(notModified.headers['content-type']).toBeUndefined();
      }
      expect(ended).toEqual([undefined, undefined, undefined, undefined]);
    });

    it('sends the body when If-None-Match names another coding’s ETag', async () => {
      answer = { status: 200, headers: {}, body: text, etag: '"abc"' };
      const brotli = await send({ 'Accept-Encoding': 'br', 'If-None-Match': '"abc", "abc-gz"' });
      expect(brotli.status).toBe(200);
      expect(brotli.headers['content-encoding']).toBe('br');
      expect(zlib.brotliDecompressSync(brotli.body).toString()).toBe(text);
    });

    it('answers 304 only in place of a 200', async () => {
      answer = { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'not here', etag: '"abc"' };
      const missing = await send({ 'If-None-Match': '"abc"' });
      expect(missing.status).toBe(404);
      expect(missing.body.toString()).toBe('not here');
      expect(missing.headers.etag).toBe('"abc"');
    });
  });

  it('sends no ETag and disregards If-None-Match for an answer without one', async () => {
    answer = { status: 200, headers: {}, body: 'no validator' };
    const plain = await send({ 'If-None-Match': '*' });
    expect(plain.status).toBe(200);
    expect(plain.headers.etag).toBeUndefined();
    expect(plain.body.toString()).toBe('no validator');
  });

  it('answers HEAD with the headers of the coded body, Content-Length included, and hands no body to the response', async () => {
    answer = { status: 200, headers: { 'Content-Type': 'text/turtle' }, body: text, etag: '"abc"' };
    const full = await send({ 'Accept-Encoding': 'br' });
    const head = await send({ 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(full.body.length));
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers.etag).toBe('"abc-br"');
    expect(head.body.length).toBe(0);
    expect(ended[0]!.length).toBe(full.body.length);
    expect(ended[1]).toBeUndefined();
  });

  describe('when compression fails', () => {
    it('sends the identity body and its ETag instead, from the event loop', async () => {
      vi.spyOn(zlib, 'gzipSync').mockImplementation(() => {
        throw new Error('out of memory');
      });
      answer = { status: 200, headers: { 'Content-Type': 'text/turtle' }, body: text, etag: '"abc"' };
      const plain = await send({ 'Accept-Encoding': 'gzip' });
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.etag).toBe('"abc"');
      expect(plain.headers['content-length']).toBe('5000');
      expect(plain.headers.vary).toBe('Accept-Encoding');
      expect(plain.body.toString()).toBe(text);
    });

    it('sends the identity body instead, from the thread pool, with no ETag where the answer had none', async () => {
      vi.spyOn(zlib, 'brotliCompress').mockImplementation(((_bytes: unknown, _options: unknown, callback: (error: Error | null) => void) => {
        callback(new Error('out of memory'));
      }) as unknown as typeof zlib.brotliCompress);
      const large = textOf(100_000);
      answer = { status: 200, headers: {}, body: large };
      const plain = await send({ 'Accept-Encoding': 'br' });
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.etag).toBeUndefined();
      expect(plain.headers['content-length']).toBe('100000');
      expect(plain.body.toString()).toBe(large);
    });
  });
});
