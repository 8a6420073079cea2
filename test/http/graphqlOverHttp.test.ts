import { serverAudits, type Audit } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/startServer.js';
import { startShippedServer } from '../support/startShippedServer.js';

let server: RunningServer;

beforeAll(async () => {
  ({ server } = await startShippedServer());
});

afterAll(async () => {
  await server.stop();
});

/** graphql-http's audits of the GraphQL-over-HTTP spec against /graphql, sending requests with `fetchFn`. */
function auditsWith(fetchFn: typeof fetch): Audit[] {
  return serverAudits({ url: () => `${server.url}/graphql`, fetchFn });
}

/** A client that sends `apollo-require-preflight` on every request, as a browser client must on GET for Apollo's CSRF guard. */
const fetchWithPreflightHeader: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), 'apollo-require-preflight': 'true' } });

const required = auditsWith(fetch).filter((audit) => !audit.name.startsWith('MAY '));
const optional = auditsWith(fetchWithPreflightHeader).filter((audit) => audit.name.startsWith('MAY '));

describe('GraphQL over HTTP (graphql-http serverAudits against the running server)', () => {
  it('has MUST and SHOULD audits to pass', () => {
    expect(required.filter((audit) => audit.name.startsWith('MUST ')).length).toBeGreaterThanOrEqual(13);
    expect(required.filter((audit) => audit.name.startsWith('SHOULD ')).length).toBeGreaterThan(0);
  });

  describe('every MUST and SHOULD passes', () => {
    it.each(required.map((audit) => [`${audit.id} ${audit.name}`, audit] as const))('%s', async (_name, audit) => {
      await expectPasses(audit);
    });
  });

  describe('every MAY passes for a client that sends the preflight header (GET without it is refused as a CSRF risk)', () => {
    it.each(optional.map((audit) => [`${audit.id} ${audit.name}`, audit] as const))('%s', async (_name, audit) => {
      await expectPasses(audit);
    });
  });
});

describe('the status of an answer with GraphQL errors', () => {
  const cases = [
    ['a document that does not parse', '{', 'GRAPHQL_PARSE_FAILED'],
    ['a document that does not validate', '{ municipality(code: "1883") { nme } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['an operation over the depth limit', `{ collaboration(id: "x") { ${'memberships { organisation { '.repeat(5)}name${' } }'.repeat(5)} } }`, 'GRAPHQL_VALIDATION_FAILED'],
  ] as const;

  describe.each(cases)('for %s', (_name, query, code) => {
    it('is 200 when the client takes application/json, as the spec has it for a well-formed request', async () => {
      const { status, contentType, body } = await post({ query }, 'application/json');
      expect([status, contentType]).toEqual([200, 'application/json; charset=utf-8']);
      expect(body).not.toHaveProperty('data');
      expect(body.errors[0].extensions.code).toBe(code);
    });

    it('is 200 when the client sends no Accept header (application/json)', async () => {
      const { status, body } = await post({ query }, undefined);
      expect(status).toBe(200);
      expect(body.errors[0].extensions.code).toBe(code);
    });

    it('is 400 when the client takes application/graphql-response+json', async () => {
      const { status, contentType, body } = await post({ query }, 'application/graphql-response+json');
      expect([status, contentType]).toEqual([400, 'application/graphql-response+json; charset=utf-8']);
      expect(body.errors[0].extensions.code).toBe(code);
    });

    it('is 400 for a client that prefers application/graphql-response+json over application/json (as Apollo Client asks)', async () => {
      const { status } = await post({ query }, 'application/graphql-response+json,application/json;q=0.9');
      expect(status).toBe(400);
    });
  });

  describe('for variables that do not coerce', () => {
    const request = { query: 'query M($code: String!) { municipality(code: $code) { name } }', variables: { code: 42 } };

    it('is 200 with application/json and 400 with application/graphql-response+json, naming the variable', async () => {
      const asJson = await post(request, 'application/json');
      const asGraphqlResponse = await post(request, 'application/graphql-response+json');
      expect([asJson.status, asGraphqlResponse.status]).toEqual([200, 400]);
      expect(asJson.body.errors[0].message).toContain('$code');
      expect(asGraphqlResponse.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('for a bad argument found while executing (a field error: data is there, null)', () => {
    it.each(['application/json', 'application/graphql-response+json'])('is 200 with data: null as %s', async (accept) => {
      const { status, body } = await post({ query: '{ organisations(first: 1000) { totalCount } }' }, accept);
      expect(status).toBe(200);
      expect(body.data).toBeNull();
      expect(body.errors[0]).toMatchObject({ message: expect.stringContaining('"first"'), extensions: { code: 'BAD_USER_INPUT' } });
    });
  });

  describe('for a request that is no well-formed GraphQL-over-HTTP request', () => {
    it.each(['application/json', 'application/graphql-response+json'])('is 400 as %s when the query is not a string', async (accept) => {
      const { status, body } = await post({ query: 42 }, accept);
      expect(status).toBe(400);
      expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    });

    it('is 400 when the body is not JSON', async () => {
      const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: '{"query":' });
      expect(response.status).toBe(400);
    });
  });
});

// ---------------------------------------------------------------- helpers

async function expectPasses(audit: Audit): Promise<void> {
  const result = await audit.fn();
  if (result.status !== 'ok') {
    const body = await result.response.text().catch(() => '(no body)');
    expect.fail(`${result.status}: ${result.reason}; answered ${result.response.status}: ${body.slice(0, 300)}`);
  }
}

async function post(request: Record<string, unknown>, accept: string | undefined): Promise<{ status: number; contentType: string | null; body: any }> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accept !== undefined && { accept }) },
    body: JSON.stringify(request),
  });
  return { status: response.status, contentType: response.headers.get('content-type'), body: await response.json() };
}
