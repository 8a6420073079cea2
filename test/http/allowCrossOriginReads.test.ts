import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowCrossOriginReads, answerPreflight, DEFAULT_ALLOWED_HEADERS, EXPOSED_HEADERS } from '../../src/http/allowCrossOriginReads.js';

const EDITOR = 'https://editor.example.org';
const OTHER_EDITOR = 'http://127.0.0.1:4300';
const STRANGER = 'https://elsewhere.example';

const READ_METHODS = 'GET, HEAD, POST';
const WRITE_METHODS = 'GET, HEAD, POST, PUT, DELETE';

let server: Server;
let base: string;

beforeAll(async () => {
  // OPTIONS on /listed: EDITOR and OTHER_EDITOR may write; on /unlisted none may; elsewhere the default (none).
  // Other methods: a read answered with allowCrossOriginReads, /own-expose with the handler's own list after it.
  // A handler that throws answers 500 at once, rather than leaving the request to time out.
  server = createServer((request, response) => {
    try {
      if (request.method === 'OPTIONS') {
        if (request.url === '/listed') return answerPreflight(request, response, [EDITOR, OTHER_EDITOR]);
        if (request.url === '/unlisted') return answerPreflight(request, response, []);
        return answerPreflight(request, response);
      }
      allowCrossOriginReads(response);
      if (request.url === '/own-expose') response.setHeader('Access-Control-Expose-Headers', 'X-Own');
      response.end('read');
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** A preflight to `path` from `origin`, asking for `headers` when given. */
function preflight(path: string, origin: string | undefined, headers?: string): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'OPTIONS',
    headers: { 'access-control-request-method': 'PUT', ...(origin !== undefined && { origin }), ...(headers !== undefined && { 'access-control-request-headers': headers }) },
  });
}

/** The CORS headers of an answer, and its status and body. */
async function corsOf(response: Response) {
  const header = (name: string) => response.headers.get(name);
  return {
    status: response.status,
    body: await response.text(),
    origin: header('access-control-allow-origin'),
    methods: header('access-control-allow-methods'),
    headers: header('access-control-allow-headers'),
    maxAge: header('access-control-max-age'),
    allow: header('allow'),
    vary: header('vary'),
    credentials: header('access-control-allow-credentials'),
  };
}

describe('allowCrossOriginReads', () => {
  it('lets a script on any origin read the answer and the headers it needs, without credentials', async () => {
    const response = await fetch(`${base}/kommun/1880`, { headers: { origin: STRANGER } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toBe(
      'ETag, X-Request-Id, X-SPARQL-Truncated, X-SPARQL-MaxRows, X-SPARQL-MaxBytes, Content-Disposition, Content-Range, Accept-Ranges, Link, Retry-After, Data-Version, Location',
    );
    expect(EXPOSED_HEADERS).toBe(response.headers.get('access-control-expose-headers'));
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toBeNull();
  });

  it("lets a handler's own Access-Control-Expose-Headers replace the list", async () => {
    const response = await fetch(`${base}/own-expose`);
    expect(response.headers.get('access-control-expose-headers')).toBe('X-Own');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('answerPreflight', () => {
  const readsOnly = {
    status: 204,
    body: '',
    origin: '*',
    methods: READ_METHODS,
    headers: DEFAULT_ALLOWED_HEADERS,
    maxAge: '86400',
    allow: 'GET, HEAD, POST, OPTIONS',
    vary: 'Origin, Access-Control-Request-Headers',
    credentials: null,
  };

  it('allows the default request headers, which GraphQL and conditional reads need', () => {
    expect(DEFAULT_ALLOWED_HEADERS).toBe('content-type, accept, accept-language, apollo-require-preflight, x-apollo-operation-name, if-none-match, x-request-id');
  });

  it('answers a preflight from any origin with 204, for reads only, cacheable for a day and varying by origin', async () => {
    expect(await corsOf(await preflight('/graphql', STRANGER))).toEqual(readsOnly);
    expect(await corsOf(await preflight('/unlisted', STRANGER))).toEqual(readsOnly);
    expect(await corsOf(await preflight('/listed', STRANGER))).toEqual(readsOnly);
  });

  it('answers a plain OPTIONS, without an Origin, the same way', async () => {
    expect(await corsOf(await fetch(`${base}/graphql`, { method: 'OPTIONS' }))).toEqual(readsOnly);
    expect(await corsOf(await preflight('/listed', undefined))).toEqual(readsOnly);
  });

  it('echoes the request headers a preflight asks for, in lower case, but never authorization', async () => {
    expect((await corsOf(await preflight('/graphql', STRANGER, 'Content-Type,X-Custom'))).headers).toBe('content-type,x-custom');
    expect((await corsOf(await preflight('/graphql', STRANGER, 'Authorization,Content-Type'))).headers).toBe('content-type');
    expect((await corsOf(await preflight('/graphql', STRANGER, 'content-type, Authorization , accept'))).headers).toBe('content-type, accept');
    expect((await corsOf(await preflight('/listed', STRANGER, 'authorization, if-match'))).headers).toBe('if-match');
  });

  it('takes the asked-for list without the white space around it, such as a no-break space (obs-text) that the HTTP parser keeps', async () => {
    // Node's parser strips spaces and tabs around a header value (RFC 9110 OWS), but not U+00A0, which a value may hold as obs-text.
    expect((await corsOf(await preflight('/graphql', STRANGER, '\u00a0Content-Type,X-Custom\u00a0'))).headers).toBe('content-type,x-custom');
    expect((await corsOf(await preflight('/listed', EDITOR, '\u00a0Authorization,Content-Type\u00a0'))).headers).toBe('authorization,content-type');
  });

  it('allows the default headers when the preflight asks for authorization alone', async () => {
    expect((await corsOf(await preflight('/graphql', STRANGER, 'Authorization'))).headers).toBe(DEFAULT_ALLOWED_HEADERS);
  });

  it('accepts every character of a header name, and spaces or tabs around the commas', async () => {
    const names = "x-A1_b.c!#$%&'*+^`|~, x-two\t,\tx-three ,x-four";
    expect((await corsOf(await preflight('/graphql', STRANGER, names))).headers).toBe(names.toLowerCase());
  });

  it.each([
    ['a space inside a name', 'content type'],
    ['an empty name', 'content-type,,accept'],
    ['a trailing comma', 'content-type,'],
    ['a leading comma', ',content-type'],
    ['a separator that is no comma', 'content-type;accept'],
    ['a character outside a token at the start', '"x-a'],
    ['a character outside a token at the end', 'x-a"'],
    ['a character outside a token inside', 'x(a)'],
  ])('allows the default headers when the preflight asks with %s', async (_name, headers) => {
    expect((await corsOf(await preflight('/graphql', STRANGER, headers))).headers).toBe(DEFAULT_ALLOWED_HEADERS);
    expect((await corsOf(await preflight('/listed', EDITOR, headers))).headers).toBe(`${DEFAULT_ALLOWED_HEADERS}, authorization, if-match`);
  });

  it('echoes a list of 1024 characters, and allows the default headers for a longer one', async () => {
    const longest = `x-${'a'.repeat(1022)}`;
    expect((await corsOf(await preflight('/graphql', STRANGER, longest))).headers).toBe(longest);
    expect((await corsOf(await preflight('/listed', EDITOR, longest))).headers).toBe(longest);
    expect((await corsOf(await preflight('/graphql', STRANGER, `${longest}a`))).headers).toBe(DEFAULT_ALLOWED_HEADERS);
    expect((await corsOf(await preflight('/listed', EDITOR, `${longest}a`))).headers).toBe(`${DEFAULT_ALLOWED_HEADERS}, authorization, if-match`);
  });

  describe('from an origin listed for writes', () => {
    it.each([EDITOR, OTHER_EDITOR])('names %s, allows the write methods and the headers asked for, token included', async (origin) => {
      expect(await corsOf(await preflight('/listed', origin, 'Authorization,Content-Type'))).toEqual({
        status: 204,
        body: '',
        origin,
        methods: WRITE_METHODS,
        headers: 'authorization,content-type',
        maxAge: '86400',
        allow: 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
        vary: 'Origin, Access-Control-Request-Headers',
        credentials: null,
      });
    });

    it('allows the token and If-Match beside the default headers when the preflight asks for none', async () => {
      expect((await corsOf(await preflight('/listed', EDITOR))).headers).toBe(`${DEFAULT_ALLOWED_HEADERS}, authorization, if-match`);
    });

    it('is matched exactly: another scheme, port or case of the origin is not listed', async () => {
      for (const origin of ['http://editor.example.org', 'https://editor.example.org:8443', 'https://EDITOR.example.org', `${EDITOR}/`]) {
        expect(await corsOf(await preflight('/listed', origin))).toEqual(readsOnly);
      }
    });
  });
});
