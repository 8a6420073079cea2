import { describe, expect, it } from 'vitest';
import { NQUADS_PIECE_BYTES, linesInPieces } from '../../../src/http/sparql/linesInPieces.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** N-Quads lines whose literals hold characters of two, three and four bytes, so that piece ends fall inside them for some sizes. */
const lines = Array.from({ length: 40 }, (_, i) => `<https://w3id.org/kulturskola/kommun/${1000 + i}> <http://www.w3.org/2004/02/skos/core#prefLabel> "Örebro ${'å€𝄞'.repeat(i % 5)}"@sv <https://w3id.org/kulturskola/dataset/orebro-lan> .\n`);
const text = lines.join('');

describe('linesInPieces', () => {
  it('hands Oxigraph at most 16 MB at once', () => {
    expect(NQUADS_PIECE_BYTES).toBe(16 * 1024 * 1024);
  });

  it.each([1, 7, 64, 150, 1000, 100_000])('at %i bytes a piece, gives back every line, each whole, in order', (maxBytes) => {
    const pieces = [...linesInPieces(utf8(text), maxBytes)];
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) expect(piece.endsWith('\n')).toBe(true);
    expect(pieces.flatMap((piece) => piece.split(/(?<=\n)/))).toEqual(lines);
  });

  it('ends a piece at the first line end at or after the size, so a long line is a piece of its own', () => {
    const pieces = [...linesInPieces(utf8(text), 150)];
    const lengths = pieces.map((piece) => utf8(piece).length);
    for (const length of lengths.slice(0, -1)) expect(length).toBeGreaterThanOrEqual(150);
    for (const piece of pieces) expect(piece.split('\n').length - 1).toBeLessThanOrEqual(2);
    expect([...linesInPieces(utf8(text), 1)]).toEqual(lines);
  });

  it('gives one piece when everything fits', () => {
    expect([...linesInPieces(utf8(text))]).toEqual([text]);
  });

  it('keeps a last line without a line end', () => {
    expect([...linesInPieces(utf8('<a:b> <a:c> "d" .\n<a:e> <a:f> "g" .'), 4)]).toEqual(['<a:b> <a:c> "d" .\n', '<a:e> <a:f> "g" .']);
  });

  it('gives nothing for no bytes', () => {
    expect([...linesInPieces(new Uint8Array(0))]).toEqual([]);
  });

  it('reads bytes in shared memory, as the workers get them', () => {
    const bytes = utf8(text);
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    expect([...linesInPieces(shared, 1000)].join('')).toBe(text);
  });

  it('refuses bytes that are not UTF-8 rather than loading replacement characters', () => {
    expect(() => [...linesInPieces(Uint8Array.from([0x3c, 0xff, 0x3e, 0x0a]))]).toThrow(TypeError);
  });
});
