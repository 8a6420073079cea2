import type { Term } from 'n3';
import type { Graph } from './Graph.js';

/** The id of every subject, predicate and object in a graph (its terms are n3's): what adding or removing that graph changes. */
export function termIdsOf(graph: Graph | undefined): string[] {
  const ids: string[] = [];
  for (const { subject, predicate, object } of graph?.quads() ?? []) ids.push((subject as Term).id, (predicate as Term).id, (object as Term).id);
  return ids;
}
