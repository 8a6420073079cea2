import type { Store } from 'n3';
import { StoreGraph } from '../src/rdf/StoreGraph.js';
import { benchmarkQueries } from './benchmarkQueries.js';
import { CountingGraph } from './countingGraph.js';
import { createOurExecutor } from './executeOurQuery.js';
import type { Probes } from './generateNationalDataset.js';

/** How many Graph reads one query costs. */
export interface GraphReadsRow {
  dataset: string;
  query: string;
  reads: number;
  /** Reads by Graph method, e.g. { objects: 120, has: 80 }. */
  byMethod: Record<string, number>;
}

/** Runs each benchmark query once over a counting Graph and reports its store lookups. */
export async function countGraphReads(label: string, store: Store, probes: Probes): Promise<GraphReadsRow[]> {
  const execute = createOurExecutor();
  const rows: GraphReadsRow[] = [];
  for (const { key, query } of benchmarkQueries(probes)) {
    const graph = new CountingGraph(new StoreGraph(store));
    // The first operation on a Graph measures its list sizes for the result-size limit, once per
    // Graph and through a scratch Graph of its own; those reads are not the query's.
    await execute('{ __typename }', graph);
    graph.reset();
    await execute(query, graph);
    rows.push({ dataset: label, query: key, reads: graph.total, byMethod: Object.fromEntries(graph.reads) });
  }
  return rows;
}
