import type { Quad } from 'n3';
import { kg } from '../rdf/vocabulary.js';
import type { ValidationResult } from './ValidationReport.js';
import { nodeText } from './termText.js';

/**
 * One result for every named graph in the body other than the dataset's own
 * (`https://w3id.org/kulturskola/dataset/{slug}`), where its default-graph
 * triples go too: a dataset replaces one graph and writes into no other.
 */
export function checkGraphNames(quads: readonly Quad[], slug: string): ValidationResult[] {
  const own = kg.dataset(slug);
  const others = new Map<string, Quad['graph']>();
  for (const { graph } of quads) if (!graph.equals(own)) others.set(nodeText(graph), graph);
  return [...others.keys()].sort().map((name) => ({
    focusNode: name,
    path: null,
    value: null,
    message: `The body writes into the named graph ${name.startsWith('_:') ? name : `<${name}>`}; the dataset ${slug} may write only into its own graph <${own.value}> (or the default graph, which is the same)`,
    severity: 'Violation',
    constraint: 'graph',
    shape: null,
  }));
}
