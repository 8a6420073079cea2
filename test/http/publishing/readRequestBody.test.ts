import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRequestBody } from '../../../src/http/publishing/readRequestBody.js';
import { PublishError } from '../../../src/publish/PublishError.js';
import { sendRequest } from '../../support/sendRaw.js';

const LIMIT = 10;

let server: Server;
let url: string;

beforeAll(async () => {
  // Answers the body read, or the PublishError's status, code and message.
  server = createServer((request, response) => {
    readRequestBody(request, LIMIT).then(
      (body) => response.end(`read ${body.length} bytes: ${body.toString('latin1')}`),
      (error: unknown) => {
        if (!(error instanceof PublishError)) return void response.writeHead(500).end(String(error));
        response.writeHead(error.status, { 'content-type': 'application/json' }).end(JSON.stringify({ code: error.code, message: error.message }));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A PUT of `body` with `headers`, as bytes on the wire. */
function put(body: string | undefined, headers: Record<string, string> = {}, contentLength = true) {
  return sendRequest(url, { method: 'PUT', path: '/datasets/x', headers: { 'content-type': 'text/turtle', ...headers }, ...(body !== undefined && { body }), contentLength });
}

/** `body` in the chunked transfer coding, one chunk per string. */
function chunked(...chunks: string[]): string {
  return `${chunks.map((chunk) => `${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`).join('')}0\r\n\r\n`;
}

const TOO_LONG = { code: 'TOO_LARGE', message: 'The request body is longer than the limit of 10 bytes for writes' };

describe('readRequestBody', () => {
  it('reads a body of up to the limit, whole', async () => {
    expect((await put('0123456789')).text).toBe('read 10 bytes: 0123456789');
    expect((await put('ö')).text).toBe('read 2 bytes: Ã¶');
    expect((await put('')).text).toBe('read 0 bytes: ');
    expect((await put(undefined)).text).toBe('read 0 bytes: ');
  });

  it('reads a body sent in chunks, without a declared length, up to the limit', async () => {
    const answer = await put(chunked('01234', '5678', '9'), { 'transfer-encoding': 'chunked' }, false);
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('read 10 bytes: 0123456789');
  });

  it('refuses with 413 TOO_LARGE, naming both, a body whose Content-Length announces more than the limit, before reading it', async () => {
    // The head alone: the answer cannot wait for the body.
    const answer = await put(undefined, { 'content-length': '11' });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toEqual({ code: 'TOO_LARGE', message: 'The request body is 11 bytes long, more than the limit of 10 bytes for writes' });
  });

  it('refuses with 413 TOO_LARGE a body without a declared length once the bytes read pass the limit, and the answer reaches the client', async () => {
    const answer = await put(chunked('012345', '6789a', 'bcdef'), { 'transfer-encoding': 'chunked' }, false);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toEqual(TOO_LONG);
    const one = await put(chunked('0123456789a'), { 'transfer-encoding': 'chunked' }, false);
    expect(one.status).toBe(413);
    expect(JSON.parse(one.text)).toEqual(TOO_LONG);
  });

  it.each(['gzip', 'GZIP', 'br', 'deflate, identity'])('refuses Content-Encoding %s with 415 UNSUPPORTED_MEDIA_TYPE, naming it', async (encoding) => {
    const answer = await put('0123456789', { 'content-encoding': encoding });
    expect(answer.status).toBe(415);
    expect(JSON.parse(answer.text)).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: `Content-Encoding "${encoding.toLowerCase()}" is not accepted here; send the body uncompressed` });
  });

  it('names at most 40 characters of a Content-Encoding it refuses', async () => {
    const answer = await put('0', { 'content-encoding': `${'x'.repeat(40)}yz` });
    expect(JSON.parse(answer.text)).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: `Content-Encoding "${'x'.repeat(40)}" is not accepted here; send the body uncompressed` });
  });

  it('refuses a compressed body before looking at its length', async () => {
    expect((await put(undefined, { 'content-encoding': 'gzip', 'content-length': '1000' })).status).toBe(415);
  });

  it('reads a body whose Content-Encoding is identity, or empty', async () => {
    for (const encoding of ['identity', 'Identity', '']) expect((await put('0123456789', { 'content-encoding': encoding })).text).toBe('read 10 bytes: 0123456789');
  });

  describe('on a stream of its own', () => {
    it('concatenates the chunks in order', async () => {
      const request = stream({});
      const body = readRequestBody(request, LIMIT);
      request.write(Buffer.from('abc'));
      request.write(Buffer.from('defghij'));
      request.end();
      expect((await body).toString()).toBe('abcdefghij');
    });

    it('stops reading at the chunk that passes the limit, and refuses', async () => {
      const request = stream({});
      const body = readRequestBody(request, LIMIT);
      request.write(Buffer.from('abcdefghij'));
      request.write(Buffer.from('k'));
      await expect(body).rejects.toMatchObject({ code: 'TOO_LARGE', status: 413, message: 'The request body is longer than the limit of 10 bytes for writes' });
      expect(request.isPaused()).toBe(true);
      expect(request.listenerCount('data')).toBe(0);
    });

    it('fails with the error of the request, such as a client that went away', async () => {
      const request = stream({});
      const body = readRequestBody(request, LIMIT);
      request.write(Buffer.from('abc'));
      const aborted = new Error('aborted');
      request.destroy(aborted);
      await expect(body).rejects.toBe(aborted);
    });

    it('takes a declared length of exactly the limit', async () => {
      const request = stream({ 'content-length': '10' });
      const body = readRequestBody(request, LIMIT);
      request.end(Buffer.from('0123456789'));
      expect((await body).length).toBe(10);
    });
  });
});

/** A request body as a stream with these headers. */
function stream(headers: Record<string, string>): IncomingMessage & PassThrough {
  return Object.assign(new PassThrough(), { headers }) as unknown as IncomingMessage & PassThrough;
}
