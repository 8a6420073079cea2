import { PassThrough } from 'node:stream';
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { streamJsonLd } from '../../src/rdf/streamJsonLd.js';

// JSON-LD 1.1 compaction uses a term as a prefix only when it is a simple term whose IRI ends in a
// gen-delim character, or when it declares "@prefix": true; any other compact IRI would be read back
// as an IRI of its own scheme. The shipped context has only safe prefixes, so these contexts are the
// test's own.

const { namedNode, quad } = DataFactory;
const E = 'https://example.org/';

/** The document streamJsonLd writes for one triple under `context`, parsed, without its inline @context. */
async function written(context: Record<string, unknown>, predicate: string, object: string): Promise<Record<string, unknown>> {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  await streamJsonLd([quad(namedNode(`${E}thing`), namedNode(predicate), namedNode(object))], context, output);
  const { '@context': inline, ...document } = JSON.parse(chunks.join('')) as Record<string, unknown>;
  expect(inline).toEqual(context);
  return document;
}

/** Every key and string value in a document, however deep. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => [key, ...strings(inner)]);
  return [];
}

describe('streamJsonLd writes a compact IRI only with a prefix a JSON-LD 1.1 reader takes as one', () => {
  it('a simple term whose IRI ends in "/" or "#" is a prefix', async () => {
    const document = await written({ ex: `${E}vocab/`, h: `${E}hash#` }, `${E}vocab/name`, `${E}hash#value`);
    expect(strings(document)).toContain('ex:name');
    expect(strings(document)).toContain('h:value');
  });

  it('a simple term whose IRI ends otherwise is not: the IRI is written in full', async () => {
    const document = await written({ member: `${E}member` }, `${E}memberOf`, `${E}memberX`);
    const found = strings(document);
    expect(found).toContain(`${E}memberOf`);
    expect(found.some((text) => text.startsWith('member:'))).toBe(false);
  });

  it('an expanded term definition is a prefix only when it says "@prefix": true', async () => {
    const declared = await written({ ex: { '@id': `${E}v`, '@prefix': true } }, `${E}vname`, `${E}vvalue`);
    expect(strings(declared)).toContain('ex:name');
    const undeclared = await written({ ex: { '@id': `${E}v/` } }, `${E}v/name`, `${E}v/value`);
    expect(strings(undeclared)).toContain(`${E}v/name`);
    expect(strings(undeclared).some((text) => text.startsWith('ex:'))).toBe(false);
  });

  it('an IRI a term stands for is written as the term', async () => {
    const document = await written({ name: `${E}vocab/name`, kind: { '@id': `${E}vocab/kind`, '@type': '@id' } }, `${E}vocab/name`, `${E}vocab/kind`);
    expect(strings(document)).toContain('name');
    expect(strings(document)).not.toContain(`${E}vocab/name`);
  });

  it('a name relative to @vocab is written in full when the part before its colon is no prefix', async () => {
    // "a:b" would be read back as an IRI of the scheme "a:"; ":x" is one to a JSON-LD 1.0 reader, which
    // takes anything with a colon in it for an IRI or a compact IRI.
    const inner = await written({ '@vocab': E }, `${E}a:b`, `${E}o`);
    expect(strings(inner)).toContain(`${E}a:b`);
    expect(strings(inner)).not.toContain('a:b');
    const leading = await written({ '@vocab': E }, `${E}:x`, `${E}o`);
    expect(strings(leading)).toContain(`${E}:x`);
    expect(strings(leading)).not.toContain(':x');
  });

  it('a term the context sets to null is no prefix', async () => {
    const document = await written({ '@vocab': E, ex: null }, `${E}ex:name`, `${E}o`);
    expect(strings(document)).toContain(`${E}ex:name`);
    expect(strings(document)).not.toContain('ex:name');
  });

  it('an IRI no term shortens is written in full', async () => {
    const document = await written({ ex: `${E}vocab/` }, 'https://other.example/p', 'https://other.example/o');
    expect(strings(document)).toContain('https://other.example/p');
  });
});

describe('streamJsonLd writes a document people can read', () => {
  it('one key or value a line, indented by two spaces a level', async () => {
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    await streamJsonLd([quad(namedNode(`${E}thing`), namedNode(`${E}vocab/name`), namedNode(`${E}other`))], { ex: `${E}vocab/` }, output);
    expect(chunks.join('')).toBe(
      [
        '{',
        '  "@context":',
        '  {',
        '    "ex": "https://example.org/vocab/"',
        '  },',
        '  "@graph": [',
        '    {',
        '      "@id": "https://example.org/thing",',
        '      "ex:name": [',
        '        {',
        '          "@id": "https://example.org/other"',
        '        }',
        '      ]',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });
});
