import { kg } from './vocabulary.js';

/**
 * A stored dataset version (canonical N-Triples) as N-Quads text for the
 * SPARQL workers, written from the lines rather than from quads: each line
 * gains the dataset's graph, and blank node labels the same slug prefix as
 * graphOfContent gives them. Lines with a blank node apart (the workers
 * load those one by one, which keeps their labels).
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
