import { performance } from 'node:perf_hooks';
import { DataFactory, Writer } from 'n3';
import type { Quad } from 'n3';
import { EventLoopTurns } from '../EventLoopTurns.js';
import { viewOfChange, type ServedListSizes } from '../graphql/viewOfChange.js';
import { graphOfContent } from '../rdf/graphOfContent.js';
import type { MemoizedGraph } from '../rdf/MemoizedGraph.js';
import type { UnionGraph } from '../rdf/UnionGraph.js';
import { kg } from '../rdf/vocabulary.js';
import { REFERENCE_DATASET } from '../publish/Publisher.js';

/** The dataset the warm-up pretends to publish; never served. */
const WARM_UP_SLUG = 'warm-up';

/**
 * Runs once, and throws away, what a publish runs on a server's main thread
 * before it is served: a canonical form read into a graph, the change viewed
 * (its read keys, every whole list updated, the list sizes it reaches read
 * ahead; see viewOfChange), for a copy of the reference list published as a
 * dataset of its own. Otherwise the first publish after a start compiles
 * that code while it runs: V8's compiler threads then take CPU from the
 * requests and from the checks. Nothing kept changes (viewOfChange builds a
 * view and serves nothing). Resolves with the milliseconds it took, or
 * undefined when `served` has no reference list.
 */
export async function warmUpWritePath(served: UnionGraph, answers: MemoizedGraph, sizes: ServedListSizes, turns = new EventLoopTurns()): Promise<number | undefined> {
  const start = performance.now();
  const reference = served.part(kg.dataset(REFERENCE_DATASET).value);
  if (reference === undefined) return undefined;
  const triples = [...reference.quads()].map(({ subject, predicate, object }) => DataFactory.quad(subject as Quad['subject'], predicate as Quad['predicate'], object as Quad['object']));
  const content = new Writer({ format: 'N-Triples' }).quadsToString(triples);
  const part = await graphOfContent(WARM_UP_SLUG, content, turns);
  await viewOfChange(served, answers, kg.dataset(WARM_UP_SLUG).value, part, sizes, turns);
  return performance.now() - start;
}
