import { pino } from 'pino';
import { createApolloServer } from '../src/http/createApolloServer.js';
import type { Graph } from '../src/rdf/Graph.js';

/** Runs a query through our schema, resolvers and limits; resolves to its data. */
export type OurExecutor = (query: string, graph: Graph) => Promise<Record<string, unknown>>;

/**
 * Our GraphQL API in-process: Apollo's executeOperation on
 * createApolloServer, with no HTTP, in Swedish. The executor throws when a
 * query answers with errors.
 */
export function createOurExecutor(): OurExecutor {
  const apollo = createApolloServer({ logger: pino({ level: 'silent' }) });
  return async (query, graph) => {
    const response = await apollo.executeOperation({ query }, { contextValue: { graph, language: 'sv' } });
    if (response.body.kind !== 'single') throw new Error('expected a single result, not an incremental one');
    const { data, errors } = response.body.singleResult;
    if (errors || !data) throw new Error(`Our API answered ${query.slice(0, 80)}… with errors: ${JSON.stringify(errors)}`);
    return data;
  };
}
