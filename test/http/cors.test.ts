import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/startServer.js';
import { startShippedServer } from '../support/startShippedServer.js';

const ORIGIN = 'https://frontend.example.org';
const KARLSKOGA = '{ municipality(code: "1883") { name } }';
/** The README's headers a preflight is allowed when it asks for no well-formed ones. */
const DEFAULT_ALLOWED_HEADERS = 'content-type, accept, accept-language, apollo-require-preflight, x-apollo-operation-name, if-none-match, x-request-id';
const EXPOSED = ['ETag', 'X-Request-Id', 'X-SPARQL-Truncated', 'X-SPARQL-MaxRows', 'X-SPARQL-MaxBytes', 'Content-Disposition', 'Content-Range', 'Accept-Ranges', 'Link', 'Retry-After', 'Data-Version', 'Location'];

let server: RunningServer;

beforeAll(async () => {
  ({ server } = await startShippedServer());
});

afterAll(async () => {
  await server.stop();
});

describe('a CORS preflight (OPTIONS)', () => {
  it.each(['/graphql', '/sparql', '/kommun/1883', '/dump.nq', '/catalog'])('to %s from any origin answers 204 allowing GET, HEAD and POST with the asked headers', async (path) => {
    const response = await preflight(path, { 'access-control-request-headers': 'content-type,apollo-require-preflight,x-request-id' });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type,apollo-require-preflight,x-request-id');
    expect(response.headers.get('access-control-max-age')).toBe('86400');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(await response.text()).toBe('');
  });

  it('allows the default headers when the asked ones are not a list of header names', async () => {
    const response = await preflight('/graphql', { 'access-control-request-headers': 'content-type, x(evil)' });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')).toBe(DEFAULT_ALLOWED_HEADERS);
  });

  it('allows the default headers when none are asked for', async () => {
    const response = await preflight('/graphql', {});
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')).toBe(DEFAULT_ALLOWED_HEADERS);
  });
});

describe('answers to another origin', () => {
  it('POST /graphql carries Access-Control-Allow-Origin: * and exposes its headers', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ query: KARLSKOGA }),
    });
    expect(response.status).toBe(200);
    expectReadable(response);
    expect(await response.json()).toEqual({ data: { municipality: { name: 'Karlskoga' } } });
  });

  it.each([
    ['GET /graphql', `/graphql?query=${encodeURIComponent(KARLSKOGA)}`, { 'apollo-require-preflight': 'true' }],
    ['GET /sparql', `/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`, {}],
    ['GET a resource', '/kommun/1883', {}],
    ['GET a dump', '/dump.nq', {}],
    ['GET the catalogue', '/catalog', {}],
    ['GET /health', '/health', {}],
  ])('%s carries Access-Control-Allow-Origin: * and exposes its headers', async (_name, path, headers) => {
    const response = await fetch(`${server.url}${path}`, { headers: { origin: ORIGIN, ...headers } });
    expect(response.status).toBe(200);
    expectReadable(response);
    await response.arrayBuffer();
  });

  it('HEAD of a resource carries them too', async () => {
    const response = await fetch(`${server.url}/kommun/1883`, { method: 'HEAD', headers: { origin: ORIGIN } });
    expect(response.status).toBe(200);
    expectReadable(response);
  });

  it('a client error carries them too, so a page can read why', async () => {
    const response = await fetch(`${server.url}/kommun/0000`, { headers: { origin: ORIGIN } });
    expect(response.status).toBe(404);
    expectReadable(response);
  });
});

describe("GraphQL's CSRF protection", () => {
  it('still refuses a simple cross-origin POST with a text/plain body, with 400', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'text/plain' },
      body: JSON.stringify({ query: KARLSKOGA }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Cross-Site Request Forgery');
  });

  it('still refuses a simple GET without a preflight header, with 400', async () => {
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent(KARLSKOGA)}`, { headers: { origin: ORIGIN } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Cross-Site Request Forgery');
  });
});

// ---------------------------------------------------------------- helpers

/** A browser's preflight from ORIGIN for a POST, with `headers` on top. */
function preflight(path: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST', ...headers } });
}

function expectReadable(response: Response): void {
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
  expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  expect(response.headers.get('access-control-expose-headers')?.split(', ')).toEqual(EXPOSED);
}
