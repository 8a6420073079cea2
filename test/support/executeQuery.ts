import type { GraphQLFormattedError } from 'graphql';
import { pino } from 'pino';
import { createApolloServer } from '../../src/http/createApolloServer.js';
import { dataPath } from '../../src/rdf/dataPath.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { loadDataDirectory } from '../../src/rdf/loadDataDirectory.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';

/** What a query answered. */
export interface QueryResult<Data = Record<string, any>> {
  data?: Data | null;
  errors?: readonly GraphQLFormattedError[];
  extensions?: Record<string, any>;
}

let shipped: Promise<Graph> | undefined;

/** The shipped data, loaded once per test file. */
export function shippedGraph(): Promise<Graph> {
  shipped ??= loadDataDirectory(dataPath('graphs')).then(({ store }) => new StoreGraph(store));
  return shipped;
}

const server = createApolloServer({ logger: pino({ level: 'silent' }) });

/**
 * Runs a GraphQL operation through the real schema, resolvers and limits
 * (Apollo's executeOperation, no port) over the shipped data, or `graph`.
 */
export async function executeQuery<Data = Record<string, any>>(
  query: string,
  {
    variables,
    language = 'sv',
    graph,
    extensions,
    datasetVersions,
  }: { variables?: Record<string, unknown>; language?: string; graph?: Graph; extensions?: Record<string, unknown>; datasetVersions?: ReadonlyMap<string, number> } = {},
): Promise<QueryResult<Data>> {
  const response = await server.executeOperation(
    { query, ...(variables && { variables }), ...(extensions && { extensions }) },
    { contextValue: { graph: graph ?? (await shippedGraph()), language, ...(datasetVersions && { datasetVersions }) } },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result, not an incremental one');
  return response.body.singleResult as QueryResult<Data>;
}

/** The data of a query that must succeed; fails the test with the errors otherwise. */
export async function queryData<Data = Record<string, any>>(query: string, options?: Parameters<typeof executeQuery>[1]): Promise<Data> {
  const result = await executeQuery<Data>(query, options);
  if (result.errors) throw new Error(`query failed: ${JSON.stringify(result.errors)}`);
  return result.data as Data;
}

/** The IRI of one of our resources. */
export function iri(path: string): string {
  return `https://w3id.org/kulturskola/${path}`;
}
