import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOriginsOf } from '../../src/http/writeOriginsOf.js';
import { collaboration } from './publishing/publishingServer.js';
import { startServerWithPublishing, type ServerWithPublishing } from '../support/startServerWithPublishing.js';

const EDITOR = 'https://editor.example.org';
const OTHER_EDITOR = 'http://127.0.0.1:4300';
const STRANGER = 'https://elsewhere.example';
const TURTLE = 'text/turtle';

let running: ServerWithPublishing;

beforeAll(async () => {
  // The origins as main.ts would read them; given as they are, so that the parser's own specs below alone decide about it.
  running = await startServerWithPublishing({ corsWriteOrigins: [EDITOR, OTHER_EDITOR] });
});

afterAll(async () => {
  await running?.close();
});

describe('CORS_WRITE_ORIGINS (writeOriginsOf)', () => {
  it('reads comma-separated origins as browsers send them in Origin, skipping empty entries and repeats', () => {
    expect(writeOriginsOf('https://Editor.Example.org/, http://127.0.0.1:4300,,https://editor.example.org:443')).toEqual(['https://editor.example.org', 'http://127.0.0.1:4300']);
  });

  it('is no origin when unset or empty', () => {
    expect(writeOriginsOf(undefined)).toEqual([]);
    expect(writeOriginsOf(' , ')).toEqual([]);
  });

  it.each([
    ['*', /cannot be "\*"/],
    ['editor.example.org', /"editor\.example\.org"/],
    ['https://editor.example.org/publish', /no path.*"https:\/\/editor\.example\.org\/publish"/],
    ['https://editor.example.org?x=1', /"https:\/\/editor\.example\.org\?x=1"/],
    ['https://user:secret@editor.example.org', /no path/],
    ['https://user@editor.example.org', /no path.*"https:\/\/user@editor\.example\.org"/],
    ['https://:secret@editor.example.org', /no path.*"https:\/\/:secret@editor\.example\.org"/],
    ['ftp://editor.example.org', /"ftp:\/\/editor\.example\.org"/],
  ])('refuses %s, naming it', (value, message) => {
    expect(() => writeOriginsOf(value)).toThrow(message);
  });
});

describe('a preflight for a write', () => {
  describe('from an origin listed in CORS_WRITE_ORIGINS', () => {
    it.each([EDITOR, OTHER_EDITOR])('from %s answers 204 naming that origin, the write methods, the token header and Vary: Origin', async (origin) => {
      const response = await preflight('/datasets/test-cors', origin, 'PUT', 'authorization,content-type');
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST, PUT, DELETE');
      expect(response.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
      expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('allows the token and If-Match beside the default headers when it asks for none', async () => {
      const response = await preflight('/datasets/test-cors', EDITOR, 'DELETE');
      expect(response.headers.get('access-control-allow-headers')?.split(', ')).toEqual(expect.arrayContaining(['authorization', 'if-match', 'content-type']));
    });
  });

  describe('from an origin not listed', () => {
    it('answers 204 for reads only: *, GET, HEAD and POST, without the token header it asked for', async () => {
      const response = await preflight('/datasets/test-cors', STRANGER, 'PUT', 'authorization,content-type');
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST');
      expect(response.headers.get('access-control-allow-headers')).toBe('content-type');
      expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
    });

    it('gives a POST with a token (validate, rollback) no token header, so the browser never sends it', async () => {
      const response = await preflight('/datasets/test-cors/validate', STRANGER, 'POST', 'authorization');
      expect(response.headers.get('access-control-allow-headers')?.split(', ')).not.toContain('authorization');
    });
  });
});

describe('a write that carries an Origin header', () => {
  it('from an unlisted origin is refused with 403 naming the origin, and nothing changes', async () => {
    const response = await put('test-stranger', { origin: STRANGER });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: string; code: string };
    expect(body.code).toBe('FORBIDDEN_ORIGIN');
    expect(body.error).toContain(`"${STRANGER}"`);
    expect(body.error).toContain('CORS_WRITE_ORIGINS');
    expect((await fetch(`${running.server.url}/datasets/test-stranger`)).status).toBe(404);
  });

  it.each([
    ['DELETE', '/datasets/test-stranger'],
    ['POST', '/datasets/test-stranger/validate'],
    ['POST', '/datasets/test-stranger/rollback'],
    ['PUT', '/graph-store?graph=https://w3id.org/kulturskola/dataset/test-stranger'],
  ])('from an unlisted origin is refused with 403 for %s %s too', async (method, path) => {
    const response = await fetch(`${running.server.url}${path}`, { method, headers: { origin: STRANGER, authorization: `Bearer ${running.token}`, 'content-type': TURTLE }, body: '' });
    expect(response.status).toBe(403);
  });

  it('from the literal origin "null" (a sandboxed page) is refused with 403', async () => {
    expect((await put('test-stranger', { origin: 'null' })).status).toBe(403);
  });

  it('from a listed origin is accepted (201)', async () => {
    const response = await put('test-listed', { origin: EDITOR });
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it("from the server's own origin is accepted, as a page it serves would send it", async () => {
    expect((await put('test-same-origin', { origin: running.server.url })).status).toBe(201);
  });

  it('without an Origin header (curl, scripts) is accepted', async () => {
    expect((await put('test-no-origin', {})).status).toBe(201);
  });

  it('is refused before the token is looked at: a listed origin without a token still gets 401', async () => {
    const response = await fetch(`${running.server.url}/datasets/test-listed`, { method: 'DELETE', headers: { origin: EDITOR } });
    expect(response.status).toBe(401);
  });
});

describe('a read from an unlisted origin', () => {
  it('is answered with Access-Control-Allow-Origin: *', async () => {
    const response = await fetch(`${running.server.url}/datasets/test-listed`, { headers: { origin: STRANGER } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});

// ---------------------------------------------------------------- helpers

/** A browser's preflight from `origin` for `method`, asking for `headers` when given. */
function preflight(path: string, origin: string, method: string, headers?: string): Promise<Response> {
  return fetch(`${running.server.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, ...(headers !== undefined && { 'access-control-request-headers': headers }) },
  });
}

/** PUT of a small conforming dataset as `slug`, with the token and `headers`. */
function put(slug: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${running.server.url}/datasets/${slug}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${running.token}`, 'content-type': TURTLE, ...headers },
    body: collaboration(slug, ['1880']),
  });
}
