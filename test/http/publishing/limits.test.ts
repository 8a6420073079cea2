import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WriteRateLimits } from '../../../src/http/publishing/WriteRateLimits.js';
import { collaboration, startPublishingServer, type PublishingServer } from './publishingServer.js';

/** A JSON answer, read as far as a specification needs. */
type Json = Record<string, any>;

describe('a server without TOKENS_FILE', () => {
  let server: PublishingServer;

  beforeAll(async () => {
    server = await startPublishingServer({ publishing: false });
  });

  afterAll(async () => {
    await server?.close();
  });

  it.each([
    ['PUT', '/datasets/orebro-lan'],
    ['DELETE', '/datasets/orebro-lan'],
    ['POST', '/datasets/orebro-lan/validate'],
    ['PUT', '/graph-store?graph=https%3A%2F%2Fw3id.org%2Fkulturskola%2Fdataset%2Forebro-lan'],
  ])('refuses %s %s with 403 and says how to enable publishing, whatever the token', async (method, path) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'Content-Type': 'text/turtle', Authorization: `Bearer ${server.token.orebro}` },
      ...(method !== 'DELETE' && { body: collaboration('orebro-lan', ['1880']) }),
    });
    expect(response.status).toBe(403);
    const body = (await response.json()) as Json;
    expect(body.code).toBe('PUBLISHING_DISABLED');
    expect(body.error).toContain('TOKENS_FILE');
    expect(body.error).toContain('npm run token -- add');
  });

  it('still answers reads', async () => {
    const response = await fetch(`${server.url}/datasets/orebro-lan`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ slug: 'orebro-lan', version: 1, withdrawn: false });
  });
});

describe('write rate limits that are not whole numbers of at least 1', () => {
  it.each([
    [{ perPublisher: { points: 0, durationSeconds: 60 } }, 'publisher', '{"points":0,"durationSeconds":60}'],
    [{ perClient: { points: 10, durationSeconds: 0.5 } }, 'client', '{"points":10,"durationSeconds":0.5}'],
  ])('are refused when the server is set up, naming the limit and the values: %j', (options, name, values) => {
    expect(() => new WriteRateLimits(options)).toThrow(`WriteRateLimits: the ${name} limit needs whole numbers of points and seconds, at least 1, but got ${values}`);
  });
});

describe('the write rate limits', () => {
  let server: PublishingServer;

  beforeAll(async () => {
    server = await startPublishingServer({ seeded: false, rateLimit: { perPublisher: { points: 2, durationSeconds: 600 }, perClient: { points: 5, durationSeconds: 600 } } });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('answer a publisher\'s third write in the window with 429, Retry-After and a JSON message', async () => {
    const statuses = [];
    for (let attempt = 0; attempt < 2; attempt++) statuses.push((await validate(server.token.orebro)).status);
    expect(statuses).not.toContain(429);
    const response = await validate(server.token.orebro);
    expect(response.status).toBe(429);
    // The window of 600 s opened with the first write, a moment ago: about that long to wait, in whole seconds.
    const retryAfter = response.headers.get('retry-after') ?? '';
    expect(retryAfter).toMatch(/^[0-9]+$/);
    expect(Number(retryAfter)).toBeGreaterThan(590);
    expect(Number(retryAfter)).toBeLessThanOrEqual(600);
    const body = (await response.json()) as Json;
    expect(body).toMatchObject({ code: 'RATE_LIMITED', error: expect.stringContaining('Too many writes with this token: at most 2 every 600 s') });
    expect(body.error).toContain(`try again in ${retryAfter} s`);
  });

  it('count every write from one address, unknown tokens too, so guessing tokens is limited', async () => {
    // Three writes came from this address above; two more fill its five.
    for (let attempt = 0; attempt < 2; attempt++) expect((await validate('ksg_guess')).status).toBe(401);
    const response = await validate('ksg_guess');
    expect(response.status).toBe(429);
    expect(await response.json()).toMatchObject({ code: 'RATE_LIMITED', error: expect.stringContaining('Too many writes from this address: at most 5 every 600 s') });
  });

  function validate(token: string): Promise<Response> {
    return fetch(`${server.url}/datasets/test-limits/validate`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/turtle', Authorization: `Bearer ${token}` },
      body: collaboration('test-limits', ['1880']),
    });
  }
});
