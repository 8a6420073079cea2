import { setTimeout as delay } from 'node:timers/promises';
import { PassThrough, Writable } from 'node:stream';
import { DataFactory, Parser, termToId } from 'n3';
import type { Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { isExportFormat, keepsNamedGraphs, writeRdf, type WritableFormat } from '../../src/rdf/writeRdf.js';

/** A quad's canonical N3.js term ids, graph included. */
function quadKey(quad: Quad): string {
  return [quad.subject, quad.predicate, quad.object, quad.graph].map((term) => termToId(term)).join(' ');
}

/** Örebro's Swedish name, in the named graph of the municipalities' dataset. */
function orebroName(): Quad {
  const { namedNode, literal, quad } = DataFactory;
  return quad(
    namedNode('https://w3id.org/kulturskola/kommun/1880'),
    namedNode('http://www.w3.org/2004/02/skos/core#prefLabel'),
    literal('Örebro', 'sv'),
    namedNode('https://w3id.org/kulturskola/dataset/kommuner'),
  );
}

/** What writeRdf writes of `quads` in `format`, as text. */
async function written(quads: Quad[], format: WritableFormat): Promise<string> {
  const output = new PassThrough();
  let text = '';
  output.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  await writeRdf(quads, format, output);
  return text;
}

describe('writeRdf', () => {
  it('writes a triple that sits in two named graphs once in Turtle, and twice in N-Quads', async () => {
    const { namedNode, literal, quad } = DataFactory;
    const triple = [namedNode('https://example.org/s'), namedNode('https://example.org/p'), literal('o')] as const;
    const quads = [quad(...triple, namedNode('https://example.org/g1')), quad(...triple, namedNode('https://example.org/g2'))];
    const parse = (text: string, format: string) => new Parser({ format, blankNodePrefix: '' }).parse(text);
    expect(parse(await written(quads, 'turtle'), 'text/turtle').map(quadKey)).toEqual([quadKey(quad(...triple))]);
    expect(parse(await written(quads, 'nquads'), 'application/n-quads').map(quadKey).sort()).toEqual(quads.map(quadKey).sort());
  });

  it('writes JSON-LD as one document compacted with the bundled context, indented by two spaces, ending in a newline', async () => {
    expect(await written([orebroName()], 'jsonld')).toBe(
      [
        '{',
        '  "@context": "https://w3id.org/kulturskola/context.jsonld",',
        '  "graph": [',
        '    {',
        '      "id": "kg:kommun/1880",',
        '      "name": {',
        '        "sv": "Örebro"',
        '      }',
        '    }',
        '  ],',
        '  "id": "kg:dataset/kommuner"',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('waits for an output that asks it to (its buffer full) to drain, then resolves, having handed it everything', async () => {
    const chunks: string[] = [];
    let drained = false;
    // A slow output with a buffer of 16 bytes: the JSON-LD document (one write of some 200 bytes) fills it.
    const output = new Writable({
      highWaterMark: 16,
      decodeStrings: false,
      write(chunk: string, _encoding, done) {
        chunks.push(chunk);
        setImmediate(done);
      },
    });
    output.on('drain', () => (drained = true));
    const outcome = await Promise.race([writeRdf([orebroName()], 'jsonld', output).then(() => 'written'), delay(5_000, 'still waiting', { ref: false })]);
    expect(outcome).toBe('written');
    expect(drained).toBe(true);
    expect(chunks.join('')).toMatch(/^\{\n {2}"@context": "https:\/\/w3id\.org\/kulturskola\/context\.jsonld",\n[^]*\n\}\n$/);
  });
});

describe('isExportFormat', () => {
  it('accepts the four formats the exporter writes, and nothing else', () => {
    for (const format of ['nquads', 'trig', 'turtle', 'jsonld']) expect(isExportFormat(format), format).toBe(true);
    // N-Triples and RDF/XML are written for linked-data answers, but are not offered for dumps.
    for (const format of ['ntriples', 'rdfxml', 'json', 'ttl', 'NQUADS', '']) expect(isExportFormat(format), format).toBe(false);
  });
});

describe('keepsNamedGraphs', () => {
  it('is true of N-Quads, TriG and JSON-LD, and false of Turtle, N-Triples and RDF/XML, which drop the graph', () => {
    const kept: Record<WritableFormat, boolean> = { nquads: true, trig: true, jsonld: true, turtle: false, ntriples: false, rdfxml: false };
    for (const [format, keeps] of Object.entries(kept)) expect(keepsNamedGraphs(format as WritableFormat), format).toBe(keeps);
  });
});
