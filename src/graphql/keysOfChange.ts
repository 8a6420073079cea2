import type { NamedNode, Term } from 'n3';
import type { Graph } from '../rdf/Graph.js';
import { EventLoopTurns } from '../EventLoopTurns.js';
import { keysOfTriple } from './RecordingGraph.js';

/**
 * The read keys (see RecordingGraph) that replacing one dataset's graph
 * `before` with `after` reaches: those of every triple in one and not the
 * other. Either may be missing (a new dataset, a withdrawn one). Takes
 * `turns` with requests (see EventLoopTurns), so a server finding them keeps
 * answering.
 */
export async function keysOfChange(before: Graph | undefined, after: Graph | undefined, turns = new EventLoopTurns()): Promise<Set<string>> {
  const keys = new Set<string>();
  const addOnlyIn = async (graph: Graph | undefined, other: Graph | undefined) => {
    let seen = 0;
    // The graph's own terms are n3 terms, whose id is their N-Triples form.
    for (const { subject, predicate, object } of graph?.quads() ?? []) {
      if (++seen % TRIPLES_PER_TURN === 0) await turns.turn();
      if (other?.has(subject as Term, predicate as NamedNode, object as Term) === true) continue;
      for (const key of keysOfTriple((subject as Term).id, (predicate as Term).id, (object as Term).id)) keys.add(key);
    }
  };
  await addOnlyIn(before, after);
  await addOnlyIn(after, before);
  return keys;
}

/** Triples looked at between two looks at the time (see EventLoopTurns). */
const TRIPLES_PER_TURN = 100;
