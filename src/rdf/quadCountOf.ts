import type { Term } from 'n3';
import type { Graph } from './Graph.js';

/** How many quads of `graph` have `subject` as their subject, named graphs included: the graph's own count (see Graph.quadCount), or else counted from `match`. */
export function quadCountOf(graph: Graph, subject: Term): number {
  if (graph.quadCount !== undefined) return graph.quadCount(subject);
  let count = 0;
  for (const _ of graph.match(subject, null, null, null)) count++;
  return count;
}
