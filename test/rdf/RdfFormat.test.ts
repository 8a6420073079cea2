import { describe, expect, it } from 'vitest';
import { rdfFormatOfFile } from '../../src/rdf/RdfFormat.js';

describe('rdfFormatOfFile', () => {
  it('reads the format from the last extension, in any case', () => {
    expect(rdfFormatOfFile('orebro-lan.ttl')).toBe('turtle');
    expect(rdfFormatOfFile('kommuner.2024.JSONLD')).toBe('jsonld');
    expect(rdfFormatOfFile('katalog.json')).toBe('jsonld');
    expect(rdfFormatOfFile('graphs.trig')).toBe('trig');
    expect(rdfFormatOfFile('dump.nt')).toBe('ntriples');
    expect(rdfFormatOfFile('dump.nq')).toBe('nquads');
  });

  it('reads a name that is nothing but an extension as that format', () => {
    expect(rdfFormatOfFile('.ttl')).toBe('turtle');
    expect(rdfFormatOfFile('.nq')).toBe('nquads');
  });

  it('answers null for a name without an extension or with one it does not read', () => {
    expect(rdfFormatOfFile('README')).toBeNull();
    expect(rdfFormatOfFile('ttl')).toBeNull();
    expect(rdfFormatOfFile('notes.txt')).toBeNull();
    expect(rdfFormatOfFile('archive.ttl.gz')).toBeNull();
  });
});
