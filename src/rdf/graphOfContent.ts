import { DataFactory, Parser, Store } from 'n3';
import { EventLoopTurns } from '../EventLoopTurns.js';
import { StoreGraph } from './StoreGraph.js';
import { kg } from './vocabulary.js';

/** Lines parsed between two looks at the time (see EventLoopTurns). */
const LINES_PER_TURN = 100;

/**
 * The Graph of one stored dataset version: its canonical N-Triples (already
 * checked when published) in the dataset's named graph, with blank node
 * labels kept apart from every other dataset's by the slug. Parsed a few
 * lines at a time, taking turns with requests (see EventLoopTurns), so that
 * a server building the next version keeps answering; `turns` says how.
 */
export async function graphOfContent(slug: string, content: string, turns = new EventLoopTurns()): Promise<StoreGraph> {
  const graph = kg.dataset(slug);
  const store = new Store();
  const lines = content.split('\n');
  for (let start = 0; start < lines.length; start += LINES_PER_TURN) {
    await turns.turn();
    // The same prefix in every slice: a blank node keeps one label across slices.
    const parser = new Parser({ format: 'N-Triples', blankNodePrefix: `${slug}_` });
    for (const { subject, predicate, object } of parser.parse(lines.slice(start, start + LINES_PER_TURN).join('\n'))) {
      store.addQuad(DataFactory.quad(subject, predicate, object, graph));
    }
  }
  return new StoreGraph(store);
}
