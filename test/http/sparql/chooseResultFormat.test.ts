import { describe, expect, it } from 'vitest';
import { chooseResultFormat, type ResultKind } from '../../../src/http/sparql/chooseResultFormat.js';
import { SparqlHttpError } from '../../../src/http/sparql/SparqlHttpError.js';

const TABLE_OFFERS = 'json (application/sparql-results+json), xml (application/sparql-results+xml), csv (text/csv), tsv (text/tab-separated-values)';
const GRAPH_OFFERS = 'ttl (text/turtle), nt (application/n-triples), jsonld (application/ld+json), rdf (application/rdf+xml)';

describe('chooseResultFormat', () => {
  it('answers SELECT and ASK in SPARQL JSON, CONSTRUCT and DESCRIBE in Turtle, when the client states no preference', () => {
    expect(chosen('solutions')).toBe('json application/sparql-results+json');
    expect(chosen('boolean')).toBe('json application/sparql-results+json');
    expect(chosen('graph')).toBe('ttl text/turtle');
  });

  describe('follows Accept', () => {
    it.each([
      ['application/sparql-results+json', 'json application/sparql-results+json'],
      ['application/json', 'json application/sparql-results+json'],
      ['application/sparql-results+xml', 'xml application/sparql-results+xml'],
      ['application/xml', 'xml application/sparql-results+xml'],
      ['text/xml', 'xml application/sparql-results+xml'],
      ['text/csv', 'csv text/csv'],
      ['text/tab-separated-values', 'tsv text/tab-separated-values'],
    ])('for solutions, taking %s as %s', (accept, expected) => {
      expect(chosen('solutions', accept)).toBe(expected);
      expect(chosen('boolean', accept)).toBe(expected);
    });

    it.each([
      ['text/turtle', 'ttl text/turtle'],
      ['application/turtle', 'ttl text/turtle'],
      ['application/x-turtle', 'ttl text/turtle'],
      ['text/n3', 'ttl text/turtle'],
      ['text/rdf+n3', 'ttl text/turtle'],
      ['application/n3', 'ttl text/turtle'],
      ['application/n-triples', 'nt application/n-triples'],
      ['application/ld+json', 'jsonld application/ld+json'],
      ['application/json', 'jsonld application/ld+json'],
      ['application/x-json+ld', 'jsonld application/ld+json'],
      ['application/rdf+xml', 'rdf application/rdf+xml'],
      ['application/xml', 'rdf application/rdf+xml'],
      ['text/xml', 'rdf application/rdf+xml'],
    ])('for a graph, taking %s as %s', (accept, expected) => {
      expect(chosen('graph', accept)).toBe(expected);
    });

    it('by its q-values, and among equal ones in the order the client lists them', () => {
      expect(chosen('solutions', 'text/csv;q=0.5, text/tab-separated-values')).toBe('tsv text/tab-separated-values');
      expect(chosen('solutions', 'application/xml;q=0.5, text/csv;q=0.4')).toBe('xml application/sparql-results+xml');
      expect(chosen('solutions', 'text/csv;q=0.9, text/tab-separated-values;q=0.9')).toBe('csv text/csv');
      expect(chosen('solutions', 'text/tab-separated-values;q=0.9, text/csv;q=0.9')).toBe('tsv text/tab-separated-values');
    });

    it('with the first offer that a wildcard allows', () => {
      expect(chosen('solutions', '*/*')).toBe('json application/sparql-results+json');
      expect(chosen('solutions', 'application/*')).toBe('json application/sparql-results+json');
      expect(chosen('graph', '*/*')).toBe('ttl text/turtle');
      expect(chosen('graph', 'text/*')).toBe('ttl text/turtle');
      expect(chosen('graph', 'image/png, */*;q=0.1')).toBe('ttl text/turtle');
    });

    it('with a wildcard choosing among the formats whose own media type it matches, never through an alias', () => {
      expect(chosen('solutions', 'text/*')).toBe('csv text/csv');
      expect(chosen('boolean', 'text/*')).toBe('csv text/csv');
      expect(chosen('solutions', 'text/*;q=0.5, text/tab-separated-values')).toBe('tsv text/tab-separated-values');
      expect(chosen('graph', 'application/*')).toBe('nt application/n-triples');
      expect(chosen('solutions', 'image/*, text/*;q=0.1')).toBe('csv text/csv');
      expect(refusal('graph', 'text/turtle;q=0, text/*')).toEqual([406, `None of the media types in Accept: "text/turtle;q=0, text/*" is offered here; offered: ${GRAPH_OFFERS}`]);
    });

    it('never with a format whose own media type the client refuses with q=0, through a wildcard or an alias', () => {
      expect(chosen('solutions', 'application/sparql-results+json;q=0, */*')).toBe('xml application/sparql-results+xml');
      expect(chosen('boolean', 'application/sparql-results+json;q=0, */*')).toBe('xml application/sparql-results+xml');
      expect(chosen('solutions', 'application/sparql-results+json;q=0, application/json, text/csv;q=0.1')).toBe('csv text/csv');
      expect(chosen('solutions', 'Application/SPARQL-Results+XML;q=0.0, application/*')).toBe('json application/sparql-results+json');
      expect(chosen('graph', 'text/turtle;q=0, */*')).toBe('nt application/n-triples');
      expect(chosen('graph', 'text/turtle;q=0, text/n3, application/ld+json;q=0.5')).toBe('jsonld application/ld+json');
      expect(chosen('graph', 'application/rdf+xml;q=0, application/xml, */*;q=0.1')).toBe('ttl text/turtle');
      expect(refusal('solutions', 'application/sparql-results+json;q=0, application/json')).toEqual([
        406,
        `None of the media types in Accept: "application/sparql-results+json;q=0, application/json" is offered here; offered: ${TABLE_OFFERS}`,
      ]);
    });

    it('refusing with 406 an Accept that allows nothing offered, listing the offers', () => {
      expect(refusal('solutions', 'image/png')).toEqual([406, `None of the media types in Accept: "image/png" is offered here; offered: ${TABLE_OFFERS}`]);
      expect(refusal('solutions', 'text/csv;q=0')).toEqual([406, `None of the media types in Accept: "text/csv;q=0" is offered here; offered: ${TABLE_OFFERS}`]);
      expect(refusal('solutions', '')).toEqual([406, `None of the media types in Accept: "" is offered here; offered: ${TABLE_OFFERS}`]);
      expect(refusal('graph', 'text/csv')).toEqual([406, `None of the media types in Accept: "text/csv" is offered here; offered: ${GRAPH_OFFERS}`]);
      expect(refusal('boolean', 'text/turtle')).toEqual([406, `None of the media types in Accept: "text/turtle" is offered here; offered: ${TABLE_OFFERS}`]);
    });
  });

  describe('follows the format parameter', () => {
    it.each([
      ['json', 'json application/sparql-results+json'],
      ['xml', 'xml application/sparql-results+xml'],
      ['csv', 'csv text/csv'],
      ['tsv', 'tsv text/tab-separated-values'],
      ['application/sparql-results+xml', 'xml application/sparql-results+xml'],
      ['application/json', 'json application/sparql-results+json'],
      ['text/xml', 'xml application/sparql-results+xml'],
      [' CSV ', 'csv text/csv'],
      ['Text/Tab-Separated-Values', 'tsv text/tab-separated-values'],
    ])('for solutions, taking %j as %s', (format, expected) => {
      expect(chosen('solutions', undefined, format)).toBe(expected);
    });

    it.each([
      ['ttl', 'ttl text/turtle'],
      ['turtle', 'ttl text/turtle'],
      ['n3', 'ttl text/turtle'],
      ['text/n3', 'ttl text/turtle'],
      ['nt', 'nt application/n-triples'],
      ['ntriples', 'nt application/n-triples'],
      ['n-triples', 'nt application/n-triples'],
      ['application/n-triples', 'nt application/n-triples'],
      ['jsonld', 'jsonld application/ld+json'],
      ['json-ld', 'jsonld application/ld+json'],
      ['json', 'jsonld application/ld+json'],
      ['application/x-json+ld', 'jsonld application/ld+json'],
      ['rdf', 'rdf application/rdf+xml'],
      ['rdf+xml', 'rdf application/rdf+xml'],
      ['rdfxml', 'rdf application/rdf+xml'],
      ['xml', 'rdf application/rdf+xml'],
      ['RDF+XML', 'rdf application/rdf+xml'],
    ])('for a graph, taking %j as %s', (format, expected) => {
      expect(chosen('graph', undefined, format)).toBe(expected);
    });

    it('when Accept allows it, by a media type or an alias', () => {
      expect(chosen('solutions', 'text/csv, text/tab-separated-values;q=0.5', 'tsv')).toBe('tsv text/tab-separated-values');
      expect(chosen('solutions', 'text/csv, application/json;q=0.5', 'json')).toBe('json application/sparql-results+json');
      expect(chosen('graph', 'text/turtle, application/xml;q=0.1', 'rdf')).toBe('rdf application/rdf+xml');
    });

    it('when Accept is only wildcards', () => {
      expect(chosen('solutions', '*/*', 'tsv')).toBe('tsv text/tab-separated-values');
      expect(chosen('solutions', 'text/csv;q=0.5, */*;q=0.1', 'tsv')).toBe('tsv text/tab-separated-values');
    });

    it('when Accept allows nothing this kind offers', () => {
      expect(chosen('solutions', 'image/png', 'tsv')).toBe('tsv text/tab-separated-values');
      expect(chosen('solutions', 'text/csv;q=0', 'csv')).toBe('csv text/csv');
      expect(chosen('solutions', '', 'csv')).toBe('csv text/csv');
      expect(chosen('solutions', 'image/png', ' CSV ')).toBe('csv text/csv');
      expect(chosen('graph', 'image/png', 'turtle')).toBe('ttl text/turtle');
      expect(chosen('graph', 'text/csv', 'application/ld+json')).toBe('jsonld application/ld+json');
    });

    it('but not when Accept allows it only through a wildcard that matches an alias, or refuses it with q=0', () => {
      expect(chosen('solutions', 'text/*', 'xml')).toBe('csv text/csv');
      expect(chosen('solutions', 'application/sparql-results+json;q=0, */*', 'json')).toBe('xml application/sparql-results+xml');
      expect(chosen('graph', 'text/turtle;q=0, */*', 'turtle')).toBe('nt application/n-triples');
    });

    it('but not against a specific Accept that allows something else', () => {
      expect(chosen('solutions', 'text/csv', 'tsv')).toBe('csv text/csv');
      expect(chosen('graph', 'application/n-triples', 'turtle')).toBe('nt application/n-triples');
    });
  });

  describe('with a format the query form does not offer', () => {
    it('refuses with 400 naming it and listing the offers', () => {
      expect(refusal('solutions', undefined, 'bogus')).toEqual([400, `Unknown format "bogus"; offered: ${TABLE_OFFERS}`]);
      expect(refusal('solutions', undefined, 'turtle')).toEqual([400, `Unknown format "turtle"; offered: ${TABLE_OFFERS}`]);
      expect(refusal('graph', undefined, 'csv')).toEqual([400, `Unknown format "csv"; offered: ${GRAPH_OFFERS}`]);
    });

    it('refuses with 400 when Accept is only wildcards or allows nothing offered', () => {
      for (const accept of ['*/*', '*', '*/*;q=0.8', '*/*, *', '', 'image/png']) {
        expect(refusal('solutions', accept, 'bogus')).toEqual([400, `Unknown format "bogus"; offered: ${TABLE_OFFERS}`]);
      }
    });

    it('follows a specific Accept instead', () => {
      expect(chosen('solutions', 'text/csv', 'bogus')).toBe('csv text/csv');
      expect(chosen('solutions', 'text/csv, */*', 'bogus')).toBe('csv text/csv');
      expect(chosen('graph', 'application/n-triples', 'csv')).toBe('nt application/n-triples');
    });
  });
});

/** The chosen format and media type, as "csv text/csv". */
function chosen(kind: ResultKind, accept?: string, format?: string): string {
  const offer = chooseResultFormat(kind, accept, format);
  return `${offer.format} ${offer.mediaType}`;
}

/** The status and message of the refusal. */
function refusal(kind: ResultKind, accept?: string, format?: string): [number, string] {
  try {
    chooseResultFormat(kind, accept, format);
  } catch (error) {
    if (error instanceof SparqlHttpError) return [error.status, error.message];
    throw error;
  }
  throw new Error('chooseResultFormat chose a format');
}
