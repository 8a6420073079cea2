import { readFile } from 'node:fs/promises';
import { Parser, Writer } from 'n3';
import { describe, expect, it } from 'vitest';
import { canonicalNTriples } from '../../src/publish/canonicalNTriples.js';
import { parseBody } from '../../src/publish/parseBody.js';
import { dataPath } from '../../src/rdf/dataPath.js';
import { graphOfContent } from '../../src/rdf/graphOfContent.js';
import { nquadsOfContent } from '../../src/rdf/nquadsOfContent.js';
import { kg } from '../../src/rdf/vocabulary.js';

// The shipped Örebro dataset in the form the store keeps it; it has blank nodes.
const { content } = await canonicalNTriples(await parseBody(await readFile(dataPath('graphs/orebro-lan.jsonld')), 'jsonld', 'orebro-lan'));
const lines = content.split('\n').filter((line) => line !== '');

describe('a stored version, served', () => {
  it('holds every line of the content once, in the dataset’s graph, its blank nodes labelled after the slug', async () => {
    const graph = await graphOfContent('orebro-lan', content);
    const quads = [...graph.quads()];
    expect(quads).toHaveLength(lines.length);
    expect(new Set(quads.map(({ graph: name }) => name.value))).toEqual(new Set([kg.dataset('orebro-lan').value]));
    const blankNodes = quads.flatMap(({ subject, object }) => [subject, object]).filter((term) => term.termType === 'BlankNode');
    expect(blankNodes.length).toBeGreaterThan(0);
    for (const node of blankNodes) expect(node.value).toMatch(/^orebro-lan_c14n\d+$/);
  });

  it('gives the SPARQL workers exactly the quads the graph holds, blank node labels included', async () => {
    const graph = await graphOfContent('orebro-lan', content);
    const { plain, withBlankNodes } = nquadsOfContent('orebro-lan', content);
    const writer = new Writer({ format: 'N-Quads' });
    const asLines = (quads: Iterable<{ subject: any; predicate: any; object: any; graph: any }>) =>
      [...quads].map((quad) => writer.quadToString(quad.subject, quad.predicate, quad.object, quad.graph)).sort();
    const parsed = new Parser({ format: 'N-Quads', blankNodePrefix: '' }).parse(plain + withBlankNodes);
    expect(asLines(parsed)).toEqual(asLines(graph.quads()));
    expect(withBlankNodes.split('\n').filter((line) => line !== '').every((line) => line.includes('_:orebro-lan_'))).toBe(true);
    expect(plain).not.toContain('_:');
  });
});
