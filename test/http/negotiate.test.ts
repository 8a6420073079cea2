import { describe, expect, it } from 'vitest';
import { negotiate, type Offer } from '../../src/http/negotiate.js';

/** Turtle first, then JSON-LD, each with an older name that clients still send, then HTML. */
const offers: readonly Offer<'ttl' | 'jsonld' | 'html'>[] = [
  { format: 'ttl', mediaType: 'text/turtle', aliases: ['application/x-turtle'] },
  { format: 'jsonld', mediaType: 'application/ld+json', aliases: ['application/json'] },
  { format: 'html', mediaType: 'text/html' },
];
const OFFERED = 'ttl (text/turtle), jsonld (application/ld+json), html (text/html)';

describe('negotiate', () => {
  it('takes the first offer when the client states no preference', () => {
    expect(chosen(undefined)).toBe('ttl');
    expect(chosen('*/*')).toBe('ttl');
  });

  it('takes the offer with the highest q-value, and among equal ones the more specific range, then the first listed', () => {
    expect(chosen('text/turtle;q=0.5, text/html')).toBe('html');
    expect(chosen('text/html, */*')).toBe('html');
    expect(chosen('text/html;q=0.9, application/ld+json;q=0.9')).toBe('html');
    expect(chosen('application/ld+json;q=0.9, text/html;q=0.9')).toBe('jsonld');
  });

  it('takes an alias that the client names as its offer, which answers in its own media type', () => {
    expect(negotiate('application/json', offers)).toEqual({ ok: true, offer: offers[1] });
    expect(chosen('application/x-turtle;q=0.4, application/json;q=0.5')).toBe('jsonld');
    expect(chosen('Application/JSON')).toBe('jsonld');
  });

  describe('with a wildcard range', () => {
    it('chooses among the offers whose own media type it matches', () => {
      expect(chosen('text/*')).toBe('ttl');
      expect(chosen('application/*')).toBe('jsonld');
      expect(chosen('text/turtle;q=0.5, text/*')).toBe('html');
    });

    it('never reaches an offer through an alias, whose offer it may not match', () => {
      expect(negotiate('application/*', [offers[0]!])).toEqual({ ok: false, status: 406, message: 'None of the media types in Accept: "application/*" is offered here; offered: ttl (text/turtle)' });
    });
  });

  describe('never chooses an offer whose own media type the client refuses with q=0', () => {
    it('through a wildcard', () => {
      expect(chosen('text/turtle;q=0, */*')).toBe('jsonld');
      expect(chosen('text/turtle;q=0, text/*')).toBe('html');
      expect(chosen('TEXT/Turtle;q=0.000, */*')).toBe('jsonld');
    });

    it('through an alias', () => {
      expect(chosen('application/ld+json;q=0, application/json, text/html;q=0.1')).toBe('html');
      expect(negotiate('application/ld+json;q=0, application/json', offers)).toEqual({
        ok: false,
        status: 406,
        message: `None of the media types in Accept: "application/ld+json;q=0, application/json" is offered here; offered: ${OFFERED}`,
      });
    });

    it('reading q in any case, with spaces around "=" and empty parameters', () => {
      expect(chosen('application/ld+json; Q = 0, application/json, text/html;q=0.1')).toBe('html');
      expect(chosen('application/ld+json;q=0;, application/json, text/html;q=0.1')).toBe('html');
    });

    it('but a range with another parameter refuses only that parameter’s variant, which no offer is', () => {
      expect(chosen('application/ld+json;charset=utf-8;q=0, application/json')).toBe('jsonld');
      expect(chosen('text/turtle;charset=utf-8, */*')).toBe('ttl');
    });

    it('but refusing an alias refuses only that name, not the media type the offer answers in', () => {
      expect(chosen('application/json;q=0, application/*')).toBe('jsonld');
      expect(chosen('application/x-turtle;q=0, */*')).toBe('ttl');
    });
  });

  it('refuses with 406 an Accept that allows nothing offered, listing the offers', () => {
    for (const accept of ['image/png', '*/*;q=0', '', 'not a media type']) {
      expect(negotiate(accept, offers)).toEqual({ ok: false, status: 406, message: `None of the media types in Accept: ${JSON.stringify(accept)} is offered here; offered: ${OFFERED}` });
    }
  });

  it('follows an override that names a format, whatever Accept says, and refuses an unknown one with 400', () => {
    expect(negotiate('text/turtle', offers, 'html')).toEqual({ ok: true, offer: offers[2] });
    expect(negotiate('text/turtle;q=0', offers, 'ttl')).toEqual({ ok: true, offer: offers[0] });
    expect(negotiate(undefined, offers, 'pdf')).toEqual({ ok: false, status: 400, message: `Unknown format "pdf"; offered: ${OFFERED}` });
  });
});

/** The format negotiate chooses for `accept`. */
function chosen(accept: string | undefined): string {
  const negotiated = negotiate(accept, offers);
  if (!negotiated.ok) throw new Error(`negotiate refused ${JSON.stringify(accept)}: ${negotiated.message}`);
  return negotiated.offer.format;
}
