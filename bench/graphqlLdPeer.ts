/**
 * Against a peer: questions (a)–(c) answered in-process by GraphQL-LD
 * (graphql-ld, Comunica 5 over the same n3 Store) and by our schema through
 * Apollo's executeOperation (no HTTP on either side), one request at a time.
 */
import { Client } from 'graphql-ld';
import type { Store } from 'n3';
import { StoreGraph } from '../src/rdf/StoreGraph.js';
import { benchmarkQueries } from './benchmarkQueries.js';
import { comunicaQueryEngine } from './comunicaQueryEngine.js';
import { createOurExecutor } from './executeOurQuery.js';
import type { Probes } from './generateNationalDataset.js';
import { graphqlLdContext, graphqlLdQuestions } from './graphqlLdQueries.js';
import { measureInProcess, type RepeatOptions } from './measureInProcess.js';

/** One question on one dataset, both ways. */
export interface PeerRow {
  dataset: string;
  query: string;
  title: string;
  oursPerSecond: number;
  oursMedianMs: number;
  graphqlLdPerSecond: number;
  graphqlLdMedianMs: number;
  /** oursPerSecond ÷ graphqlLdPerSecond. */
  ratio: number;
  /** GraphQL-LD queries per question (one per list of a page). */
  graphqlLdQueries: number;
}

/**
 * Measures questions (a)–(c) on the dataset `label` (loaded in `store`) both
 * ways, after checking that GraphQL-LD's answer holds every text and value of
 * ours (throws when not, or when ours has errors).
 */
export async function benchmarkGraphqlLdPeer(label: string, store: Store, probes: Probes, options: RepeatOptions): Promise<PeerRow[]> {
  const graph = new StoreGraph(store);
  const execute = createOurExecutor();
  const ours = (query: string) => execute(query, graph);

  const ourQueries = benchmarkQueries(probes).filter(({ key }) => key !== 'd');
  const page = (await ours(ourQueries.find(({ key }) => key === 'c')!.query)) as { organisations: { nodes: Array<{ id: string }> } };
  const pageIris = page.organisations.nodes.map(({ id }) => id);
  const client = new Client({ context: graphqlLdContext(probes, pageIris), queryEngine: comunicaQueryEngine(store) });
  const questions = new Map(graphqlLdQuestions(pageIris.length).map((question) => [question.key, question]));
  const graphqlLd = (queries: string[]) => Promise.all(queries.map(async (query) => (await client.query({ query })).data));

  const rows: PeerRow[] = [];
  for (const { key, title, query } of ourQueries) {
    const { queries } = questions.get(key)!;
    const expected = leaves(await ours(query));
    const answered = leaves(await graphqlLd(queries));
    const roots = new Set([probes.collaboration, ...pageIris]);
    const missing = [...expected].filter((value) => !answered.has(value) && !roots.has(value));
    if (missing.length > 0) throw new Error(`GraphQL-LD's answer to (${key}) lacks ${missing.length} values of ours, e.g. ${missing.slice(0, 5).join(' | ')}`);
    const oursMeasured = await measureInProcess(() => ours(query), options);
    const peerMeasured = await measureInProcess(() => graphqlLd(queries), options);
    rows.push({
      dataset: label,
      query: key,
      title,
      oursPerSecond: oursMeasured.perSecond,
      oursMedianMs: oursMeasured.medianMs,
      graphqlLdPerSecond: peerMeasured.perSecond,
      graphqlLdMedianMs: peerMeasured.medianMs,
      ratio: oursMeasured.perSecond / peerMeasured.perSecond,
      graphqlLdQueries: queries.length,
    });
  }
  return rows;
}

/** Every scalar in a response, as a string; GraphQL-LD turns xsd:gYear values into Dates, which count as their year. */
function leaves(value: unknown, into = new Set<string>()): Set<string> {
  if (value instanceof Date) into.add(String(value.getUTCFullYear()));
  else if (Array.isArray(value)) for (const item of value) leaves(item, into);
  else if (value !== null && typeof value === 'object') for (const child of Object.values(value)) leaves(child, into);
  else if (value !== null && value !== undefined) into.add(String(value));
  return into;
}
