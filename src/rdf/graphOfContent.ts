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

/**
 * The same version as N-Quads text for the SPARQL workers, written from the
 * canonical lines rather than from quads: each line gains the dataset's
 * graph, and blank node labels the same slug prefix as graphOfContent gives
 * them. Lines with a blank node apart (the workers load those one by one,
 * which keeps their labels).
 */
export function nquadsOfContent(slug: string, content: string): { plain: string; withBlankNodes: string } {
  const graph = ` <${kg.dataset(slug).value}> .\n`;
  const plain: string[] = [];
  const withBlankNodes: string[] = [];
  for (const line of content.split('\n')) {
    if (line === '') continue;
    // Canonical N-Triples: a blank node can only be the subject (at the start) or the object (just before the final " .").
    const subjectBlank = line.startsWith('_:');
    const objectBlank = / _:[^\s"]+ \.$/.test(line);
    const triple = line.slice(0, -2);
    if (!subjectBlank && !objectBlank) {
      plain.push(triple + graph);
      continue;
    }
    let relabelled = subjectBlank ? `_:${slug}_${triple.slice(2)}` : triple;
    if (objectBlank) {
      const at = relabelled.lastIndexOf(' _:');
      relabelled = `${relabelled.slice(0, at)} _:${slug}_${relabelled.slice(at + 3)}`;
    }
    withBlankNodes.push(relabelled + graph);
  }
  return { plain: plain.join(''), withBlankNodes: withBlankNodes.join('') };
}
