import { DataFactory } from 'n3';
import type { Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { parseRdf } from '../../src/rdf/parseRdf.js';
import { dataLoadFailure } from '../support/dataLoadFailure.js';

// parseRdf on its own, as a caller that already holds the document's text uses it (the loader and the
// publisher decode bytes with TextDecoder first, which drops a leading byte order mark itself).

const { namedNode } = DataFactory;
const E = 'http://example.org/';
const GRAPH = namedNode(`${E}graph`);

/** The quads parseRdf reads from a JSON-LD `text`. */
function parseJsonLd(text: string, maxJsonDepth?: number): Promise<Quad[]> {
  return parseRdf(text, { file: 'dokument.jsonld', format: 'jsonld', graph: GRAPH, blankNodePrefix: 'p9_', maxJsonDepth });
}

/** Each quad as subject, predicate, object and graph values. */
function valuesOf(quads: Quad[]): string[][] {
  return quads.map((q) => [q.subject.value, q.predicate.value, q.object.value, q.graph.value]);
}

describe('parseRdf reads JSON-LD', () => {
  it('that begins with a byte order mark (as text read with readFile(path, "utf8") does)', async () => {
    const quads = await parseJsonLd(`\uFEFF${JSON.stringify({ '@id': `${E}s`, [`${E}p`]: 'v' })}`);
    expect(valuesOf(quads)).toEqual([[`${E}s`, `${E}p`, 'v', GRAPH.value]]);
  });

  it('keeps a U+FEFF inside a string as part of the literal', async () => {
    const quads = await parseJsonLd(JSON.stringify({ '@id': `${E}s`, [`${E}p`]: 'zero\uFEFFwidth' }));
    expect(valuesOf(quads)).toEqual([[`${E}s`, `${E}p`, 'zero\uFEFFwidth', GRAPH.value]]);
  });

  it('ignores null values, as JSON-LD says, at any depth within the limit', async () => {
    const quads = await parseJsonLd(
      JSON.stringify({ '@context': { name: `${E}name`, unused: null }, '@id': `${E}s`, name: 'v', [`${E}q`]: null, [`${E}r`]: [null] }),
    );
    expect(valuesOf(quads)).toEqual([[`${E}s`, `${E}name`, 'v', GRAPH.value]]);
  });

  it("labels its blank nodes with the prefix and jsonld.js's label, one label per node", async () => {
    const quads = await parseJsonLd(JSON.stringify({ '@id': '_:x', [`${E}p`]: { '@id': '_:y', [`${E}p`]: { '@id': '_:x' } } }));
    expect(quads.map((q) => [q.subject.termType, q.subject.value, q.object.termType, q.object.value])).toEqual([
      ['BlankNode', 'p9_b0', 'BlankNode', 'p9_b1'],
      ['BlankNode', 'p9_b1', 'BlankNode', 'p9_b0'],
    ]);
  });
});

describe('parseRdf names what jsonld.js refused', () => {
  it('a safe-mode refusal with the event that caused it', async () => {
    const error = await dataLoadFailure(parseJsonLd(JSON.stringify({ '@context': { name: `${E}name` }, '@id': `${E}s`, nmae: 'Örebro' })));
    expect(error.code).toBe('INVALID_JSON_LD');
    expect(error.message).toBe(
      'dokument.jsonld: Safe mode validation error. (Dropping property that did not expand into an absolute IRI or keyword.)',
    );
  });

  it('a syntax error with its JSON-LD error code', async () => {
    const error = await dataLoadFailure(parseJsonLd(JSON.stringify({ '@context': 5, '@id': `${E}s`, [`${E}p`]: 'v' })));
    expect(error.code).toBe('INVALID_JSON_LD');
    expect(error.message).toBe('dokument.jsonld: Invalid JSON-LD syntax; @context must be an object. (invalid local context)');
  });

  it('an error of its own (past a raised depth limit) by its message alone', async () => {
    const deep = `{"@id": "${E}s", "${E}p": ${'['.repeat(10_000)}1${']'.repeat(10_000)}}`;
    const error = await dataLoadFailure(parseJsonLd(deep, 1_000_000));
    expect(error.code).toBe('INVALID_JSON_LD');
    expect(error.message).toBe('dokument.jsonld: Maximum call stack size exceeded');
  });
});
