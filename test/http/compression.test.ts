import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/startServer.js';
import type { LoadedData } from '../../src/rdf/loadDataDirectory.js';
import { startShippedServer } from '../support/startShippedServer.js';

let data: LoadedData;
let server: RunningServer;

beforeAll(async () => {
  ({ server, data } = await startShippedServer());
});

afterAll(async () => {
  await server.stop();
});

const dumpPaths = ['/dump.nq', '/dump.trig', '/dump.ttl', '/dump.jsonld'];

describe('the dumps', () => {
  it('answer the same bytes to every request, holding every quad of the graph', async () => {
    const [first, second] = await Promise.all([get('/dump.nq'), get('/dump.nq')]);
    const third = await get('/dump.nq');
    expect(first.status).toBe(200);
    expect(second.body.equals(first.body)).toBe(true);
    expect(third.body.equals(first.body)).toBe(true);
    expect(first.headers['content-length']).toBe(String(first.body.length));
    expect(new Parser({ format: 'application/n-quads' }).parse(first.body.toString('utf8'))).toHaveLength(data.store.size);
  });

  it.each(dumpPaths)('%s decodes from gzip and from brotli to the identity bytes', async (path) => {
    const identity = await get(path, { 'Accept-Encoding': 'identity' });
    const gzip = await get(path, { 'Accept-Encoding': 'gzip' });
    const brotli = await get(path, { 'Accept-Encoding': 'br' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(gunzipSync(gzip.body).equals(identity.body)).toBe(true);
    expect(brotliDecompressSync(brotli.body).equals(identity.body)).toBe(true);
    expect(gzip.headers['content-length']).toBe(String(gzip.body.length));
    expect(brotli.body.length).toBeLessThan(identity.body.length / 4);
    for (const answer of [identity, gzip, brotli]) {
      expect(answer.headers.vary).toBe('Accept-Encoding');
      expect(answer.headers['content-disposition']).toBe(`inline; filename="kulturskolegrafen.${path.slice('/dump.'.length)}"`);
    }
  });

  describe('choose the coding by Accept-Encoding', () => {
    it.each([
      [undefined, 'identity'],
      ['', 'identity'],
      ['gzip', 'gzip'],
      ['gzip;q=1, br;q=0.5', 'gzip'],
      ['gzip, deflate, br', 'br'],
      ['*', 'br'],
      ['br;q=0', 'identity'],
      ['br;q=0, gzip;q=0', 'identity'],
      ['identity;q=0, gzip', 'gzip'],
      ['*;q=0, identity', 'identity'],
      ['zstd', 'identity'],
    ])('Accept-Encoding: %j gets %s', async (acceptEncoding, coding) => {
      const answer = await get('/dump.ttl', acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding'] ?? 'identity').toBe(coding);
    });

    // RFC 9110 §12.5.3: these refuse identity and every coding offered; the dump has no acceptable representation.
    it.each(['identity;q=0, *;q=0', '*;q=0', 'identity;q=0, zstd'])('Accept-Encoding: %j gets 406 naming what is offered', async (acceptEncoding) => {
      const answer = await get('/dump.ttl', { 'Accept-Encoding': acceptEncoding });
      expect(answer.status).toBe(406);
      expect(answer.body.toString()).toBe(`None of the content codings in Accept-Encoding: ${JSON.stringify(acceptEncoding)} is offered here; offered: br, gzip, identity.\n`);
      expect(answer.headers.vary).toBe('Accept-Encoding');
    });
  });

  it('give each coding its own ETag, and each answers 304 to If-None-Match', async () => {
    const tags = new Map<string, string>();
    for (const coding of ['identity', 'gzip', 'br']) {
      const answer = await get('/dump.jsonld', { 'Accept-Encoding': coding }, 'HEAD');
      tags.set(coding, answer.headers.etag!);
    }
    const base = `"${data.digest.slice(0, 32)}-jsonld`;
    expect(Object.fromEntries(tags)).toEqual({ identity: `${base}"`, gzip: `${base}-gz"`, br: `${base}-br"` });
    for (const [coding, etag] of tags) {
      const again = await get('/dump.jsonld', { 'Accept-Encoding': coding, 'If-None-Match': etag });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers.etag).toBe(etag);
      expect(again.headers.vary).toBe('Accept-Encoding');
    }
    // A client holding the identity bytes that now asks for brotli gets brotli, not a 304 for bytes it cannot have.
    const other = await get('/dump.jsonld', { 'Accept-Encoding': 'br', 'If-None-Match': tags.get('identity')! });
    expect(other.status).toBe(200);
    expect(other.headers['content-encoding']).toBe('br');
  });

  it('answer HEAD with the length of the coded body and no body', async () => {
    const full = await get('/dump.trig', { 'Accept-Encoding': 'br' });
    const head = await get('/dump.trig', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(full.body.length));
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);
  });

  describe('answer a byte range', () => {
    it('with 206 and those bytes of the coded dump', async () => {
      const whole = await get('/dump.nq', { 'Accept-Encoding': 'gzip' });
      expect(whole.headers['accept-ranges']).toBe('bytes');
      const part = await get('/dump.nq', { 'Accept-Encoding': 'gzip', Range: 'bytes=100-299' });
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 100-299/${whole.body.length}`);
      expect(part.headers['content-length']).toBe('200');
      expect(part.body.equals(whole.body.subarray(100, 300))).toBe(true);
      const tail = await get('/dump.nq', { 'Accept-Encoding': 'gzip', Range: 'bytes=-10', 'If-Range': whole.headers.etag! });
      expect(tail.status).toBe(206);
      expect(tail.body.equals(whole.body.subarray(-10))).toBe(true);
    });

    it('with 416 past the end, and with the whole dump for a stale If-Range', async () => {
      const whole = await get('/dump.nq');
      const past = await get('/dump.nq', { Range: `bytes=${whole.body.length}-` });
      expect(past.status).toBe(416);
      expect(past.headers['content-range']).toBe(`bytes */${whole.body.length}`);
      const stale = await get('/dump.nq', { Range: 'bytes=0-9', 'If-Range': '"0000-nq"' });
      expect(stale.status).toBe(200);
      expect(stale.body.equals(whole.body)).toBe(true);
    });
  });
});

describe('linked-data answers', () => {
  it('are compressed over a kilobyte as Accept-Encoding asks, each coding with its own ETag', async () => {
    const identity = await get('/kommun/1883', { 'Accept-Encoding': 'identity' });
    expect(identity.body.length).toBeGreaterThan(1024);
    expect(identity.headers['content-encoding']).toBeUndefined();
    const brotli = await get('/kommun/1883', { 'Accept-Encoding': 'br, gzip' });
    const gzip = await get('/kommun/1883', { 'Accept-Encoding': 'gzip' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(brotliDecompressSync(brotli.body).equals(identity.body)).toBe(true);
    expect(gunzipSync(gzip.body).equals(identity.body)).toBe(true);
    expect(brotli.headers['content-length']).toBe(String(brotli.body.length));
    expect(brotli.headers.vary).toBe('Accept, Accept-Encoding');
    expect(brotli.headers.etag).toBe(`${identity.headers.etag!.slice(0, -1)}-br"`);
    expect(gzip.headers.etag).toBe(`${identity.headers.etag!.slice(0, -1)}-gz"`);
    const notModified = await get('/kommun/1883', { 'Accept-Encoding': 'br', 'If-None-Match': brotli.headers.etag! });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.etag).toBe(brotli.headers.etag);
    expect(notModified.headers.vary).toBe('Accept, Accept-Encoding');
  });

  it('are compressed for HTML pages and the catalogue too', async () => {
    const page = await get('/kommun/1883?format=html', { 'Accept-Encoding': 'gzip', 'Accept-Language': 'en' });
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.headers.vary).toBe('Accept, Accept-Language, Accept-Encoding');
    expect(gunzipSync(page.body).toString()).toContain('<html lang="en"');
    const catalog = await get('/catalog', { 'Accept-Encoding': 'br' });
    expect(catalog.status).toBe(200);
    expect(catalog.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(catalog.body).toString()).toContain('dcat:Catalog');
  });

  it('go out uncompressed under a kilobyte, still saying Vary: Accept-Encoding', async () => {
    // A municipality in N-Triples: well under a kilobyte (Turtle's prefix lines take it over one).
    const small = await get('/kommun/1860', { 'Accept-Encoding': 'br, gzip', Accept: 'application/n-triples' });
    expect(small.status).toBe(200);
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.vary).toBe('Accept, Accept-Encoding');
    expect(small.headers.etag).toMatch(/^"[\w-]{32}"$/);
  });

  it('are compressed under a kilobyte too when the client refuses identity', async () => {
    const small = await get('/kommun/1860', { 'Accept-Encoding': 'gzip, identity;q=0' });
    expect(small.headers['content-encoding']).toBe('gzip');
    const identity = await get('/kommun/1860', { 'Accept-Encoding': 'identity' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(small.body).toString()).toBe(identity.body.toString());
    expect(identity.body.toString()).toContain('"Laxå"');
  });

  it('answer 406 when Accept-Encoding accepts nothing offered', async () => {
    const refused = await get('/kommun/1883', { 'Accept-Encoding': 'identity;q=0, *;q=0' });
    expect(refused.status).toBe(406);
    expect(refused.body.toString()).toBe('None of the content codings in Accept-Encoding: "identity;q=0, *;q=0" is offered here; offered: br, gzip, identity.\n');
  });
});

describe('GraphQL answers', () => {
  const large = '{ municipalities { code name county { code name } } }';
  const small = '{ municipality(code: "1883") { name } }';

  it('are compressed over a kilobyte, for POST', async () => {
    const identity = await post(large, { 'Accept-Encoding': 'identity' });
    expect(identity.status).toBe(200);
    expect(identity.body.length).toBeGreaterThan(1024);
    const brotli = await post(large, { 'Accept-Encoding': 'gzip;q=0.8, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-length']).toBe(String(brotli.body.length));
    expect(brotli.headers.vary).toMatch(/Accept-Encoding/);
    expect(brotliDecompressSync(brotli.body).equals(identity.body)).toBe(true);
    const answer = JSON.parse(identity.body.toString()) as { data: { municipalities: unknown[] } };
    expect(answer.data.municipalities).toHaveLength(290);
  });

  it('are compressed when large too, where the work goes to the thread pool', async () => {
    const huge = '{ municipalities { code name county { code municipalities { code name } } } }';
    const identity = await post(huge, {});
    expect(identity.body.length).toBeGreaterThan(64 * 1024);
    for (const coding of ['br', 'gzip']) {
      const encoded = await post(huge, { 'Accept-Encoding': coding });
      expect(encoded.headers['content-encoding']).toBe(coding);
      expect((coding === 'br' ? brotliDecompressSync(encoded.body) : gunzipSync(encoded.body)).equals(identity.body)).toBe(true);
    }
  });

  it('go out uncompressed under a kilobyte', async () => {
    const answer = await post(small, { 'Accept-Encoding': 'br, gzip' });
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers.vary).toMatch(/Accept-Encoding/);
    expect(JSON.parse(answer.body.toString())).toEqual({ data: { municipality: { name: 'Karlskoga' } } });
  });

  it('keep a strong ETag per coding on GET, and each answers 304', async () => {
    const path = `/graphql?query=${encodeURIComponent(large)}`;
    const headers = { 'apollo-require-preflight': 'true' };
    const identity = await get(path, headers);
    const gzip = await get(path, { ...headers, 'Accept-Encoding': 'gzip' });
    expect(identity.headers.etag).toMatch(/^"[\w-]{32}"$/);
    expect(gzip.headers.etag).toBe(`${identity.headers.etag!.slice(0, -1)}-gz"`);
    expect(gunzipSync(gzip.body).equals(identity.body)).toBe(true);
    expect((await get(path, { ...headers, 'If-None-Match': identity.headers.etag! })).status).toBe(304);
    const notModified = await get(path, { ...headers, 'Accept-Encoding': 'gzip', 'If-None-Match': gzip.headers.etag! });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect(notModified.headers.vary).toMatch(/Accept-Encoding/);
  });
});

/** The raw answer to a request: node:http, which, unlike fetch, leaves the bytes as they came. */
interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawAnswer> {
  return send(method, path, headers);
}

function post(query: string, headers: Record<string, string>): Promise<RawAnswer> {
  return send('POST', '/graphql', { 'Content-Type': 'application/json', ...headers }, JSON.stringify({ query }));
}

function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${server.url}${path}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
