import { DataFactory, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { defaultTermLimits, findTermProblem, isAcceptableIri } from '../../src/rdf/checkTerms.js';
import { xsd } from '../../src/rdf/vocabulary.js';

const { blankNode, defaultGraph, literal, namedNode, quad } = DataFactory;
const s = namedNode('https://example.org/s');
const p = namedNode('https://example.org/p');

describe('isAcceptableIri', () => {
  it.each(['http://example.org/', 'HTTPS://example.org/%C3%B6', 'urn:isbn:9789100000000', 'mailto:info@example.org'])('accepts %s', (iri) => {
    expect(isAcceptableIri(iri)).toBe(true);
  });

  it.each(['ftp://example.org/', 'javascript:alert(1)', 'kommun/1880', 'http://example.org/%zz', 'http://example.org/%2', 'http://example.org/a b', 'http://example.org/<'])(
    'refuses %s',
    (iri) => {
      expect(isAcceptableIri(iri)).toBe(false);
    },
  );
});

describe('findTermProblem', () => {
  it('finds nothing wrong with a quad of acceptable terms, blank nodes and the default graph included', () => {
    expect(findTermProblem(quad(blankNode('b'), p, literal('1', xsd.integer), defaultGraph()))).toBeNull();
    expect(findTermProblem(quad(s, p, blankNode('b'), namedNode('https://example.org/dataset')))).toBeNull();
  });

  describe('names a bad IRI in any position', () => {
    const bad = namedNode('javascript:alert(1)');
    it.each<[string, Quad]>([
      ['subject', quad(bad, p, literal('v'))],
      ['predicate', quad(s, bad, literal('v'))],
      ['object', quad(s, p, bad)],
      ['graph', quad(s, p, literal('v'), bad)],
      ['datatype', quad(s, p, literal('v', bad))],
    ])('as the %s', (_position, problem) => {
      expect(findTermProblem(problem)).toEqual({ code: 'INVALID_IRI', message: 'IRI <javascript:alert(1)> is not an absolute http, https, urn or mailto IRI' });
    });
  });

  describe('checks a literal’s length', () => {
    it('accepts a literal as long as the limit and refuses a longer one, giving both lengths', () => {
      const limits = { maxLiteralLength: 5 };
      expect(findTermProblem(quad(s, p, literal('12345')), limits)).toBeNull();
      expect(findTermProblem(quad(s, p, literal('123456')), limits)).toEqual({
        code: 'INVALID_LITERAL',
        message: 'a literal of 6 characters exceeds the limit of 5',
      });
    });

    it('allows a million characters by default', () => {
      expect(defaultTermLimits.maxLiteralLength).toBe(1_000_000);
      expect(findTermProblem(quad(s, p, literal('x'.repeat(1_000_000))))).toBeNull();
      expect(findTermProblem(quad(s, p, literal('x'.repeat(1_000_001))))?.code).toBe('INVALID_LITERAL');
    });
  });

  describe('checks the lexical form of common XSD datatypes', () => {
    it.each<[string, string[], string[]]>([
      ['integer', ['0', '-42', '+7'], ['4.2', 'abc', '']],
      ['decimal', ['1.5', '-.5', '3.', '+2'], ['1,5', '.', '1e3']],
      ['boolean', ['true', 'false', '0', '1'], ['yes', 'TRUE']],
      ['gYear', ['2024', '-0044', '12024', '2024Z', '2024+01:00'], ['20x2', '24', '2024-01']],
      ['date', ['2024-02-29', '2024-12-31Z', '2023-01-01-05:00'], ['2022-13-01', '2022-00-10', '2022-01-32', '2022-1-01']],
    ])('xsd:%s accepts its forms and refuses others, naming value and datatype', (name, valid, invalid) => {
      const datatype = xsd[name as 'integer'];
      for (const value of valid) expect(findTermProblem(quad(s, p, literal(value, datatype))), value).toBeNull();
      for (const value of invalid) {
        expect(findTermProblem(quad(s, p, literal(value, datatype))), value).toEqual({
          code: 'INVALID_LITERAL',
          message: `"${value}" is not a valid lexical form of <${datatype.value}>`,
        });
      }
    });

    it('leaves other datatypes’ forms alone', () => {
      expect(findTermProblem(quad(s, p, literal('anything at all', namedNode('https://example.org/datatype'))))).toBeNull();
      expect(findTermProblem(quad(s, p, literal('anything at all', 'sv')))).toBeNull();
    });
  });

  describe('refuses an xsd:date the calendar lacks', () => {
    it.each([
      ['2024-02-29', 'a leap year divisible by 4', true],
      ['2000-02-29', 'a leap year divisible by 400', true],
      ['2023-02-29', 'a common year', false],
      ['1900-02-29', 'a common year divisible by 100', false],
      ['2023-02-28', 'the last day of February', true],
      ['2022-02-30', 'a day February never has', false],
      ['2023-04-30', 'the last day of April', true],
      ['2023-04-31', 'a day April lacks', false],
      ['2023-01-31', 'the last day of January', true],
      ['2023-12-31', 'the last day of December', true],
      ['2023-11-31', 'a day November lacks', false],
    ])('%s (%s): %s', (value, _why, acceptable) => {
      const problem = findTermProblem(quad(s, p, literal(value, xsd.date)));
      if (acceptable) expect(problem).toBeNull();
      else expect(problem?.code).toBe('INVALID_LITERAL');
    });
  });
});
