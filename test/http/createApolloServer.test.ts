import { HeaderMap, type ApolloServer, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../src/graphql/context.js';
import { createApolloServer } from '../../src/http/createApolloServer.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { graphOfTriG } from '../support/graphOfTriG.js';
import { recordingLogger } from '../support/recordingLogger.js';

// The server is built inside each test (Stryker credits no test with what runs in a beforeAll),
// over a graph of one municipality that the data gives no county: asking for its county is an
// error the client did not cause.

interface LogLine {
  level: number;
  msg?: string;
  reference?: string;
  path?: Array<string | number>;
  err?: { message: string };
}

const ERROR = 50;
const UNEXPECTED = 'unexpected error while answering a query';
const MISSING_COUNTY = 'The data gives no <https://w3id.org/kulturskola/def#county> for <https://w3id.org/kulturskola/kommun/9999>';

let lines: LogLine[];
let logger: Logger;
let graph: Graph;

beforeEach(() => {
  lines = [];
  logger = recordingLogger(lines);
  graph = graphOfTriG('<kommun/9999> a ks:Municipality ; dcterms:identifier "9999" ; skos:prefLabel "Ingenstans"@sv .');
});

/** The log lines at error level and above. */
const errorLines = () => lines.filter(({ level }) => level >= ERROR);

async function execute(server: ApolloServer<Context>, query: string): Promise<{ data?: unknown; errors?: readonly GraphQLFormattedError[]; status: number | undefined }> {
  const response: GraphQLResponse = await server.executeOperation({ query }, { contextValue: { graph, language: 'sv' } });
  if (response.body.kind !== 'single') throw new Error('expected a single result, not an incremental one');
  const { data, errors } = response.body.singleResult;
  return { ...(data !== undefined && { data }), ...(errors !== undefined && { errors }), status: response.http.status };
}

/** A plugin that throws `error` once the operation is resolved, before execution: an error at no field. */
function throwingBeforeExecution(error: Error): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation() {
          throw error;
        },
      };
    },
  };
}

describe('createApolloServer', () => {
  describe('executes operations', () => {
    it('with graphql-jit by default, with no plugins of the caller', async () => {
      const { data, errors } = await execute(createApolloServer({ logger }), '{ municipality(code: "9999") { name code } }');
      expect(data).toEqual({ municipality: { name: 'Ingenstans', code: '9999' } });
      expect(errors).toBeUndefined();
    });

    it("with graphql-js's own executor when asked for interpreted execution", async () => {
      const { data, errors } = await execute(createApolloServer({ logger, execution: 'interpreted' }), '{ municipality(code: "9999") { name code } }');
      expect(data).toEqual({ municipality: { name: 'Ingenstans', code: '9999' } });
      expect(errors).toBeUndefined();
    });
  });

  describe('an unexpected error in a field', () => {
    it("is answered as INTERNAL_SERVER_ERROR at the field's path and locations, with only a reference, in either executor", async () => {
      for (const execution of ['compiled', 'interpreted'] as const) {
        const { data, errors } = await execute(createApolloServer({ logger, execution }), '{ municipality(code: "9999") {\n  name\n  county { code } } }');
        expect(data).toEqual({ municipality: null });
        const reference = errors?.[0]?.extensions?.reference as string;
        expect(errors).toStrictEqual([
          {
            message: `Internal server error (reference ${reference})`,
            extensions: { code: 'INTERNAL_SERVER_ERROR', reference },
            path: ['municipality', 'county'],
            locations: [{ line: 3, column: 3 }],
          },
        ]);
        expect(reference).toMatch(/^[\w-]+$/);
      }
    });

    it('is logged once, as an unexpected error with the real error, the reference the client got and the path', async () => {
      const { errors } = await execute(createApolloServer({ logger }), '{ municipality(code: "9999") { county { code } } }');
      const reference = errors?.[0]?.extensions?.reference;
      expect(errorLines()).toEqual([expect.objectContaining({ msg: UNEXPECTED, reference, path: ['municipality', 'county'], err: expect.objectContaining({ message: MISSING_COUNTY }) })]);
    });

    it('gets a reference of its own, also beside another in the same answer', async () => {
      const server = createApolloServer({ logger });
      const first = await execute(server, '{ a: municipality(code: "9999") { county { code } } b: municipality(code: "9999") { county { code } } }');
      const second = await execute(server, '{ municipality(code: "9999") { county { code } } }');
      const references = [...(first.errors ?? []), ...(second.errors ?? [])].map(({ extensions }) => extensions?.reference);
      expect(references).toHaveLength(3);
      expect(new Set(references).size).toBe(3);
      expect(errorLines().map(({ reference }) => reference)).toEqual(references);
    });
  });

  describe('an unexpected error at no field', () => {
    it('is answered with only a reference, and no path or locations', async () => {
      const server = createApolloServer({ logger, plugins: [throwingBeforeExecution(new Error('the plugin broke'))] });
      const { data, errors } = await execute(server, '{ municipality(code: "9999") { name } }');
      expect(data).toBeUndefined();
      const reference = errors?.[0]?.extensions?.reference as string;
      expect(errors).toStrictEqual([{ message: `Internal server error (reference ${reference})`, extensions: { code: 'INTERNAL_SERVER_ERROR', reference } }]);
      expect(errorLines()).toEqual([expect.objectContaining({ msg: UNEXPECTED, reference, err: expect.objectContaining({ message: 'the plugin broke' }) })]);
    });

    it('that Apollo masks itself (a plugin failing as the request starts) still gets a reference that the log carries, over HTTP', async () => {
      const failing: ApolloServerPlugin<Context> = {
        async requestDidStart() {
          throw new Error('the plugin broke as the request started');
        },
      };
      const server = createApolloServer({ logger, plugins: [failing] });
      await server.start();
      try {
        const response = await server.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body: { query: '{ municipality(code: "9999") { name } }' } },
          context: async () => ({ graph, language: 'sv' }),
        });
        expect(response.status).toBe(500);
        if (response.body.kind !== 'complete') throw new Error('expected a complete body');
        const body = JSON.parse(response.body.string) as { errors: GraphQLFormattedError[] };
        const reference = body.errors[0]?.extensions?.reference as string;
        expect(body).toEqual({ errors: [{ message: `Internal server error (reference ${reference})`, extensions: { code: 'INTERNAL_SERVER_ERROR', reference } }] });
        expect(reference).toMatch(/^[\w-]+$/);
        // Apollo logs the plugin's error on a line of its own; the line with the reference carries only Apollo's
        // mask, "Internal server error" (see reports/mutation-equivalents.md), so only the reference is checked here.
        expect(errorLines().filter(({ msg }) => msg === UNEXPECTED)).toEqual([expect.objectContaining({ reference })]);
      } finally {
        await server.stop();
      }
    });
  });

  describe('an error without a code that states an HTTP status', () => {
    it.each([400, 403, 499])("is the client's fault when the status is %i, a number from 400 to 499: answered as BAD_REQUEST with its own message, and not logged", async (status) => {
      const server = createApolloServer({ logger, plugins: [throwingBeforeExecution(new GraphQLError('Refused before execution', { extensions: { http: { status } } }))] });
      const answer = await execute(server, '{ municipality(code: "9999") { name } }');
      expect(answer).toEqual({ errors: [{ message: 'Refused before execution', extensions: { code: 'BAD_REQUEST' } }], status });
      expect(errorLines()).toEqual([]);
    });

    it.each([200, 302, 500, 503, '404'])('is unexpected when the status is %j, no number from 400 to 499: masked with a reference, and logged', async (status) => {
      const server = createApolloServer({ logger, plugins: [throwingBeforeExecution(new GraphQLError('Failed before execution', { extensions: { http: { status } } }))] });
      const { errors } = await execute(server, '{ municipality(code: "9999") { name } }');
      const reference = errors?.[0]?.extensions?.reference as string;
      expect(errors).toEqual([{ message: `Internal server error (reference ${reference})`, extensions: { code: 'INTERNAL_SERVER_ERROR', reference } }]);
      expect(errorLines()).toEqual([expect.objectContaining({ msg: UNEXPECTED, reference, err: expect.objectContaining({ message: 'Failed before execution' }) })]);
    });
  });
});
