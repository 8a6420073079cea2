import type { GraphQLSchema } from 'graphql';
import { EventLoopTurns } from '../EventLoopTurns.js';
import type { Graph } from '../rdf/Graph.js';
import { MemoizedGraph } from '../rdf/MemoizedGraph.js';
import type { UnionGraph } from '../rdf/UnionGraph.js';
import { follows } from './cachedPerGraph.js';
import { keysOfChange } from './keysOfChange.js';
import type { ListSizeMeasurement, Remeasurement } from './ListSizeMeasurement.js';

/** The graph after a change to one dataset, the answers GraphQL reads it through, the change's read keys (see keysOfChange), and its list sizes read ahead. */
export interface ViewOfChange {
  graph: UnionGraph;
  answers: MemoizedGraph;
  changed: ReadonlySet<string>;
  /** What the measurement of the served graph's list sizes read of this one: `finish` it to serve this view (see ListSizeMeasurement). */
  remeasured: Remeasurement;
}

/** The list sizes a view of a change is measured from: the served graph's. */
export interface ServedListSizes {
  schema: GraphQLSchema;
  measurement: ListSizeMeasurement;
}

/**
 * The view of `served` with the dataset `dataset` replaced by `part` (null:
 * withdrawn): its answers follow `servedAnswers` (see follows), every whole
 * list is updated from theirs (see everySortedList) and the lists the change
 * reaches are measured again from `sizes` (see ListSizeMeasurement's
 * remeasure), in turns with requests, taking `turns`. Nothing kept changes
 * and nothing is served here: a server builds it while a publish is still
 * being checked, and uses it if the same content is committed while
 * `served` and its list sizes are still what it serves.
 */
export async function viewOfChange(
  served: UnionGraph,
  servedAnswers: MemoizedGraph,
  dataset: string,
  part: Graph | null,
  sizes: ServedListSizes,
  turns = new EventLoopTurns(),
): Promise<ViewOfChange> {
  const graph = served.with(dataset, part);
  const answers = new MemoizedGraph(graph);
  const changed = await keysOfChange(served.part(dataset), part ?? undefined, turns);
  follows(answers, servedAnswers, changed);
  // It builds every whole list first (see ListSizeMeasurement).
  const remeasured = await sizes.measurement.remeasure(sizes.schema, answers, changed, turns);
  return { graph, answers, changed, remeasured };
}
