import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/startServer.js';
import { sendRequest } from '../support/sendRaw.js';
import { startShippedServer } from '../support/startShippedServer.js';

/** Every log line the server writes, parsed. */
const logLines: Array<{ level: number; msg?: string }> = [];
const logger = pino(
  { level: 'debug' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as { level: number; msg?: string });
      done();
    },
  }),
);
const ERROR_LEVEL = 50;

let server: RunningServer;
let small: RunningServer;

beforeAll(async () => {
  [{ server }, { server: small }] = await Promise.all([
    startShippedServer({ logger }),
    // A byte cap that the list of all 290 municipalities' names and codes passes over.
    startShippedServer({ limits: { maxResponseBytes: 8_000 } }),
  ]);
});

afterAll(async () => {
  await Promise.all([server.stop(), small.stop()]);
});

describe('client errors on /graphql', () => {
  it('answers OPERATION_RESOLUTION_FAILURE to an operation name the document lacks (400 as application/graphql-response+json, 200 as application/json), and logs no error', async () => {
    const before = errorLines();
    const request = JSON.stringify({ query: 'query A { counties { code } }', operationName: 'B' });
    const { status, body } = await post(request, { accept: 'application/graphql-response+json' });
    expect(status).toBe(400);
    expect((await post(request)).status).toBe(200);
    expect(body).toEqual({ errors: [{ message: 'Unknown operation named "B".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }] });
    expect(errorLines()).toBe(before);
  });

  it('answers 400 BAD_REQUEST to a persisted-query hash that does not match the query, and logs no error', async () => {
    const before = errorLines();
    const extensions = { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } };
    const { status, body } = await post(JSON.stringify({ query: '{ counties { code } }', extensions }));
    expect(status).toBe(400);
    expect(body).toEqual({ errors: [{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }] });
    expect(errorLines()).toBe(before);
  });

  it('answers 400 to an unsupported persisted-query version', async () => {
    const { status, body } = await post(JSON.stringify({ query: '{ counties { code } }', extensions: { persistedQuery: { version: 2, sha256Hash: 'x' } } }));
    expect(status).toBe(400);
    expect(body).toEqual({ errors: [{ message: 'Unsupported persisted query version', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('runs a persisted query by its hash once registered', async () => {
    const query = '{ county(code: "18") { name } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const unknown = await post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }));
    // The protocol's own answer to an unknown hash, which Apollo clients read as "send the query": 200, not an error status.
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
    expect((await post(JSON.stringify({ query, extensions }))).body).toEqual({ data: { county: { name: 'Örebro län' } } });
    expect((await post(JSON.stringify({ extensions }))).body).toEqual({ data: { county: { name: 'Örebro län' } } });
  });

  it('answers 400 to a body that is not UTF-8, rather than reading it as replacement characters', async () => {
    const bytes = Buffer.concat([Buffer.from('{"query":"{ county(code: \\"'), Buffer.from([0xff, 0xfe]), Buffer.from('\\") { name } }"}')]);
    const { status, body } = await post(bytes);
    expect(status).toBe(400);
    expect(body).toEqual({ errors: [{ message: 'The request body is not valid UTF-8', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it.each([
    ['bytes that are no UTF-8', '%7B%20county(code:%20%22%FF%22)%20%7B%20name%20%7D%20%7D'],
    ['a broken %-escape', '%7B%20county(code:%20%22%zz%22)%20%7B%20name%20%7D%20%7D'],
  ])('answers 400 to a GET whose query string holds %s', async (_case, query) => {
    const response = await fetch(`${server.url}/graphql?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: "The URL's query string is not valid UTF-8: a %-escape is malformed or encodes bytes that are no UTF-8", extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('answers 413 at once to a Content-Length over the limit, without waiting for the body', async () => {
    const answer = await sendRequest(`${server.url}/graphql`, {
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', 'content-length': '1000000000000', connection: 'keep-alive' },
      contentLength: false,
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.text)).toEqual({
      errors: [{ message: 'The request body is 1000000000000 bytes long, larger than the limit of 102400 bytes', extensions: { code: 'BAD_REQUEST' } }],
    });
  });
});

describe('the response byte cap', () => {
  it('replaces an answer over the cap with a RESPONSE_TOO_LARGE error, not a cut body (400 as application/graphql-response+json, 200 as application/json)', async () => {
    const request = { method: 'POST', body: JSON.stringify({ query: '{ municipalities { name code } }' }) };
    const asJson = await fetch(`${small.url}/graphql`, { ...request, headers: { 'content-type': 'application/json' } });
    expect(asJson.status).toBe(200);
    expect(((await asJson.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('RESPONSE_TOO_LARGE');
    const response = await fetch(`${small.url}/graphql`, { ...request, headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string; limit: number; bytes: number } }> };
    expect(body.errors).toHaveLength(1);
    const [error] = body.errors;
    expect(error!.extensions.code).toBe('RESPONSE_TOO_LARGE');
    expect(error!.extensions.limit).toBe(8_000);
    expect(error!.extensions.bytes).toBeGreaterThan(8_000);
    expect(error!.message).toBe(
      `The answer is ${error!.extensions.bytes.toLocaleString('en')} bytes long, over the limit of 8,000 bytes; ask for fewer fields, or page with "first" and "after"`,
    );
  });

  it('sends an answer under the cap whole', async () => {
    const response = await fetch(`${small.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ counties { code } }' }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { counties: unknown[] } }).data.counties).toHaveLength(21);
  });
});

function errorLines(): number {
  return logLines.filter((line) => line.level >= ERROR_LEVEL).length;
}

async function post(body: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, body: await response.json() };
}
