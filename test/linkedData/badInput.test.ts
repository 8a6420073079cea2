import { createHash } from 'node:crypto';
import type { Store } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PATH_LENGTH } from '../../src/http/linkedData/iriOfRequestPath.js';
import { keysOf, rawRequest, shippedData, startLinkedDataServer, type LinkedDataServer, type RawResponse } from './linkedDataServer.js';

let store: Store;
let server: LinkedDataServer;
let fingerprintBefore: string;

beforeAll(async () => {
  const shipped = await shippedData();
  store = shipped.store;
  fingerprintBefore = fingerprint(store);
  server = await startLinkedDataServer(shipped.graph);
});

afterAll(async () => {
  await server?.close();
});

describe('bad input to the linked-data routes', () => {
  describe('malformed Accept headers', () => {
    it.each([
      ['text/html;q=abc', 'text/html;q=abc'],
      [';;;', ';;;'],
      ['a 10 kB header', `${'x/y;q=0.5, '.repeat(1000)}foo`],
      ['a 10 kB header of separators', ';,'.repeat(5 * 1024)],
    ])('answers %s with 406 and a short message', async (_name, accept) => {
      const response = await send('/kommun/1883', { headers: { accept } });
      expectClientError(response, 406);
      expect(response.body).toMatch(/^None of the media types in Accept: .* is offered here; offered: ttl \(text\/turtle\)/);
      expect(response.body.length).toBeLessThan(1000);
    });
  });

  describe('paths that try to leave the resource space', () => {
    it.each([
      ['/..%2f..%2fetc/passwd', /"\.\." segments/],
      ['/%2e%2e/', /"\.\." segments/],
      ['/kommun/../../etc/passwd', /"\.\." segments/],
      ['/kommun/%2E/1883', /"\.\." segments/],
      ['/..%5c..%5cwindows', /"\.\." segments/],
      ['/%00', /control characters/],
      ['/kommun/1883%00.ttl', /control characters/],
    ])('answers %s with 400 and a message naming the path', async (path, message) => {
      const response = await send(path);
      expectClientError(response, 400);
      expect(response.body).toMatch(message);
      expect(response.body).toContain(JSON.stringify(path));
    });
  });

  describe('CR/LF in the path or the query', () => {
    it('answers %0d%0a in the path with 400 and reflects nothing into the headers', async () => {
      const response = await send('/kommun/1883%0d%0aSet-Cookie:%20stolen=1');
      expectClientError(response, 400);
      expect(response.body).toMatch(/control characters/);
      expectNoInjectedHeader(response);
    });

    it('answers %0d%0a in ?format with 400 and reflects nothing into the headers', async () => {
      const response = await send('/kommun/1883?format=ttl%0d%0aSet-Cookie:%20stolen=1');
      expectClientError(response, 400);
      expect(response.body).toMatch(/^Unknown format/);
      expectNoInjectedHeader(response);
    });
  });

  describe('percent-encodings that are not UTF-8, or not encodings', () => {
    it.each([
      ['/%ff', /not UTF-8/],
      ['/kommun/%c3%28', /not UTF-8/],
      ['/kommun/%zz', /not followed by two hex digits/],
      ['/kommun/1883%', /not followed by two hex digits/],
      ['/kommun/<script>', /a URI path cannot hold/],
    ])('answers %s with 400 and a message', async (path, message) => {
      const response = await send(path);
      expectClientError(response, 400);
      expect(response.body).toMatch(message);
    });
  });

  it(`answers a path longer than ${MAX_PATH_LENGTH} characters with 414 and a message`, async () => {
    const response = await send(`/kommun/${'1'.repeat(3000)}`);
    expectClientError(response, 414);
    expect(response.body).toMatch(/is 3008 characters long; the limit is 2048/);
  });

  it('answers an unknown resource with 404 and a message naming its IRI', async () => {
    const response = await send('/kommun/0000');
    expectClientError(response, 404);
    expect(response.body).toBe('Nothing is known about <https://w3id.org/kulturskola/kommun/0000>: no triple here has it as subject or object.\n');
  });

  it.each([
    ['POST', '/kommun/1883'],
    ['PUT', '/kommun/1883'],
    ['PATCH', '/def'],
    ['DELETE', '/lan/18'],
    ['OPTIONS', '/context.jsonld'],
  ])('answers %s %s with 405 and Allow: GET, HEAD', async (method, path) => {
    const response = await send(path, { method });
    expectClientError(response, 405);
    expect(response.headers.allow).toBe('GET, HEAD');
    expect(response.body).toContain(`The method ${method} is not allowed here`);
  });

  it('passes other methods on a path that names nothing on to the next handler', async () => {
    const response = await send('/kommun/0000', { method: 'POST' });
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toEqual({ error: 'No route for POST /kommun/0000' });
    expect(response.headers.allow).toBeUndefined();
  });

  it('answers HEAD for an unknown resource with 404 and no body', async () => {
    const response = await send('/kommun/0000', { method: 'HEAD' });
    expect(response.status).toBe(404);
    expect(response.body).toBe('');
  });

  it('leaves the graph as it was', () => {
    expect(fingerprint(store)).toBe(fingerprintBefore);
  });
});

function send(path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return rawRequest(server.url, path, options);
}

/** A 4xx with Vary: Accept and a plain-text message. */
function expectClientError(response: RawResponse, status: number): void {
  expect(response.status, response.body).toBe(status);
  expect(String(response.headers.vary).toLowerCase()).toContain('accept');
  expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
  if (response.headers['content-length'] !== '0') expect(response.body.length).toBeGreaterThan(0);
}

function expectNoInjectedHeader(response: RawResponse): void {
  expect(response.headers['set-cookie']).toBeUndefined();
  for (const [name, value] of Object.entries(response.headers)) expect(`${name}: ${String(value)}`).not.toMatch(/stolen/i);
}

function fingerprint(graph: Store): string {
  return `${graph.size} ${createHash('sha256').update(keysOf(graph.getQuads(null, null, null, null)).join('\n')).digest('hex')}`;
}
