import { DataFactory, type Literal } from 'n3';
import { describe, expect, it } from 'vitest';
import { pickLanguage } from '../../src/rdf/pickLanguage.js';

const { literal } = DataFactory;

describe('pickLanguage', () => {
  it('gives null when there are no literals', () => {
    expect(pickLanguage([], 'sv')).toBeNull();
  });

  it('gives the one literal tagged exactly as asked, wherever it is in the list', () => {
    expect(picked([text('Musik', 'sv'), text('Music', 'en'), text('Musiikki', 'fi')], 'en')).toBe('"Music"@en');
    expect(picked([text('Music', 'en'), text('Musik', 'sv')], 'sv')).toBe('"Musik"@sv');
  });

  it('matches the tag case-insensitively', () => {
    expect(picked([text('Music', 'en'), text('Colour', 'en-GB')], 'EN-gb')).toBe('"Colour"@en-gb');
    expect(picked([text('Colour', 'en-gb'), text('Color', 'en')], 'EN')).toBe('"Color"@en');
  });

  it('gives the first in value order of several literals tagged as asked, whatever their order in the list', () => {
    expect(picked([text('b', 'sv'), text('a', 'sv'), text('c', 'sv')], 'sv')).toBe('"a"@sv');
    expect(picked([text('a', 'sv'), text('b', 'sv')], 'sv')).toBe('"a"@sv');
  });

  describe('when no literal has the tag asked for', () => {
    it('prefers the same primary language over Swedish and English, in both directions', () => {
      expect(picked([text('Musik', 'sv'), text('Music', 'en')], 'en-US')).toBe('"Music"@en');
      expect(picked([text('Musik', 'sv'), text('Colour', 'en-gb')], 'en')).toBe('"Colour"@en-gb');
    });

    it('falls back to Swedish before English', () => {
      expect(picked([text('Music', 'en'), text('Musik', 'sv')], 'fi')).toBe('"Musik"@sv');
      expect(picked([text('Musik', 'sv'), text('Music', 'en')], 'fi')).toBe('"Musik"@sv');
    });

    it('falls back to English before a literal without language', () => {
      expect(picked([literal('Musik'), text('Music', 'en')], 'fi')).toBe('"Music"@en');
      expect(picked([text('Music', 'en'), literal('Musik')], 'fi')).toBe('"Music"@en');
    });

    it('falls back to a literal without language before other languages', () => {
      expect(picked([text('Musik', 'de'), literal('Musiikki')], 'fi')).toBe('"Musiikki"');
      expect(picked([literal('Musiikki'), text('Musik', 'de')], 'fi')).toBe('"Musiikki"');
      expect(picked([text('a', 'de'), literal('z')], 'fi')).toBe('"z"');
    });

    it('takes English before any other language when there is neither Swedish nor an untagged literal', () => {
      expect(picked([text('Musik', 'de'), text('Music', 'en')], 'fi')).toBe('"Music"@en');
      expect(picked([text('Music', 'en'), text('Musik', 'de')], 'fi')).toBe('"Music"@en');
    });

    it('ranks before it orders: a later-ranked literal never wins by its tag or value', () => {
      expect(picked([text('z', 'sv'), text('a', 'de')], 'fi')).toBe('"z"@sv');
      expect(picked([text('a', 'de'), text('z', 'sv')], 'fi')).toBe('"z"@sv');
    });

    it('among other languages, takes the first in tag order, then value order', () => {
      expect(picked([text('Musique', 'fr'), text('Musik', 'de'), text('Musica', 'it')], 'fi')).toBe('"Musik"@de');
      expect(picked([text('b', 'de'), text('a', 'de')], 'fi')).toBe('"a"@de');
      expect(picked([text('a', 'de'), text('b', 'de')], 'fi')).toBe('"a"@de');
    });

    it('takes the first in tag order also when two literals’ tags and values, run together, read the same', () => {
      // "de" + "-atx" and "de-at" + "x": equal as one string, and "de" is first in tag order.
      expect(picked([text('-atx', 'de'), text('x', 'de-at')], 'fi')).toBe('"-atx"@de');
    });

    it('takes the first in tag order before the first in value order', () => {
      expect(picked([text('z', 'de'), text('x', 'de-at')], 'fi')).toBe('"z"@de');
      expect(picked([text('x', 'de-at'), text('z', 'de')], 'fi')).toBe('"z"@de');
      expect(picked([text('z', 'de-at'), text('x', 'de-de')], 'de-ch')).toBe('"z"@de-at');
    });
  });
});

function text(value: string, language: string): Literal {
  return literal(value, language);
}

/** The picked literal in N-Triples form, so a failure shows its tag and value. */
function picked(literals: Literal[], language: string): string | undefined {
  return pickLanguage(literals, language)?.id;
}
