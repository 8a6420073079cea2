import { Writable } from 'node:stream';
import type { GraphQLFormattedError } from 'graphql';
import { pino } from 'pino';
import { createApolloServer } from '../../src/http/createApolloServer.js';
import type { Graph } from '../../src/rdf/Graph.js';

/**
 * Answers `query` over `graph` with the server's Apollo setup, and collects the messages of
 * the unexpected errors it logs: what a client sees of a fault in the data (an
 * INTERNAL_SERVER_ERROR at a path) beside what the log tells the operator.
 */
export async function executeLogged(query: string, graph: Graph): Promise<{ data: unknown; errors: readonly GraphQLFormattedError[]; logged: string[] }> {
  const logged: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      const line = JSON.parse(String(chunk)) as { msg: string; err?: { message: string } };
      if (line.msg === 'unexpected error while answering a query') logged.push(line.err?.message ?? '');
      done();
    },
  });
  const server = createApolloServer({ logger: pino({ level: 'error' }, destination) });
  const response = await server.executeOperation({ query }, { contextValue: { graph, language: 'sv' } });
  if (response.body.kind !== 'single') throw new Error('expected a single result, not an incremental one');
  const { data, errors = [] } = response.body.singleResult;
  return { data, errors, logged };
}
