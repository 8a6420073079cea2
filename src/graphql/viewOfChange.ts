import { EventLoopTurns, inTurns } from '../EventLoopTurns.js';
import type { Graph } from '../rdf/Graph.js';
import { MemoizedGraph } from '../rdf/MemoizedGraph.js';
import type { UnionGraph } from '../rdf/UnionGraph.js';
import { follows } from './cachedPerGraph.js';
import { keysOfChange } from './keysOfChange.js';
import { everySortedList } from './sortedPerGraph.js';

/** The graph after a change to one dataset, the answers GraphQL reads it through, and the change's read keys (see keysOfChange). */
export interface ViewOfChange {
  graph: UnionGraph;
  answers: MemoizedGraph;
  changed: ReadonlySet<string>;
}

/**
 * The view of `served` with the dataset `dataset` replaced by `part` (null:
 * withdrawn): its answers follow `servedAnswers` (see follows), and every
 * whole list is updated from theirs, in turns with requests (see
 * everySortedList), taking `turns`. Nothing is measured or served here: a
 * server builds it while a publish is still being checked, and uses it if
 * the same content is committed while `served` is still what it serves.
 */
export async function viewOfChange(served: UnionGraph, servedAnswers: MemoizedGraph, dataset: string, part: Graph | null, turns = new EventLoopTurns()): Promise<ViewOfChange> {
  const graph = served.with(dataset, part);
  const answers = new MemoizedGraph(graph);
  const changed = await keysOfChange(served.part(dataset), part ?? undefined, turns);
  follows(answers, servedAnswers, changed);
  await inTurns(everySortedList(answers), turns);
  return { graph, answers, changed };
}
