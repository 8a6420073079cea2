import { DataFactory, Parser, Store } from 'n3';
import { StoreGraph } from './StoreGraph.js';
import { kg } from './vocabulary.js';

/**
 * The Graph of one stored dataset version: its canonical N-Triples (already
 * checked when published) in the dataset's named graph, with blank node
 * labels kept apart from every other dataset's by the slug.
 */
export function graphOfContent(slug: string, content: string): StoreGraph {
  const graph = kg.dataset(slug);
  const store = new Store();
  const parser = new Parser({ format: 'N-Triples', blankNodePrefix: `${slug}_` });
  for (const { subject, predicate, object } of parser.parse(content)) store.addQuad(DataFactory.quad(subject, predicate, object, graph));
  return new StoreGraph(store);
}
