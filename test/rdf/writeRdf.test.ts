import { PassThrough } from 'node:stream';
import { DataFactory, Parser, termToId } from 'n3';
import type { Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { writeRdf } from '../../src/rdf/writeRdf.js';

/** A quad's canonical N3.js term ids, graph included. */
function quadKey(quad: Quad): string {
  return [quad.subject, quad.predicate, quad.object, quad.graph].map((term) => termToId(term)).join(' ');
}

describe('writeRdf', () => {
  it('writes a triple that sits in two named graphs once in Turtle, and twice in N-Quads', async () => {
    const { namedNode, literal, quad } = DataFactory;
    const triple = [namedNode('https://example.org/s'), namedNode('https://example.org/p'), literal('o')] as const;
    const quads = [quad(...triple, namedNode('https://example.org/g1')), quad(...triple, namedNode('https://example.org/g2'))];
    const written = async (format: 'turtle' | 'nquads') => {
      const output = new PassThrough();
      let text = '';
      output.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      await writeRdf(quads, format, output);
      return text;
    };
    const parse = (text: string, format: string) => new Parser({ format, blankNodePrefix: '' }).parse(text);
    expect(parse(await written('turtle'), 'text/turtle').map(quadKey)).toEqual([quadKey(quad(...triple))]);
    expect(parse(await written('nquads'), 'application/n-quads').map(quadKey).sort()).toEqual(quads.map(quadKey).sort());
  });
});
