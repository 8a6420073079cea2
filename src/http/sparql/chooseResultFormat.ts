import { negotiate, type Offer } from '../negotiate.js';
import { SparqlHttpError } from './SparqlHttpError.js';

/** What a query form answers with: solutions (SELECT), a boolean (ASK) or a graph (CONSTRUCT, DESCRIBE). */
export type ResultKind = 'solutions' | 'boolean' | 'graph';

/** A representation of results; the names are also Oxigraph's `results_format` names. */
export type ResultFormat = 'json' | 'xml' | 'csv' | 'tsv' | 'ttl' | 'nt' | 'jsonld';

interface ResultOffer extends Offer<ResultFormat> {
  /** Other spellings of this format that clients send in `format=`, besides the name and the media types. */
  names: readonly string[];
}

/** SELECT and ASK results; the first is the default. */
const tableOffers: readonly ResultOffer[] = [
  { format: 'json', mediaType: 'application/sparql-results+json', aliases: ['application/json'], names: [] },
  { format: 'xml', mediaType: 'application/sparql-results+xml', aliases: ['application/xml', 'text/xml'], names: [] },
  { format: 'csv', mediaType: 'text/csv', names: [] },
  { format: 'tsv', mediaType: 'text/tab-separated-values', names: [] },
];

/** CONSTRUCT and DESCRIBE results; the first is the default. Turtle is also valid N3, so N3 clients get it. */
const graphOffers: readonly ResultOffer[] = [
  {
    format: 'ttl',
    mediaType: 'text/turtle',
    aliases: ['application/turtle', 'application/x-turtle', 'text/n3', 'text/rdf+n3'],
    names: ['turtle'],
  },
  { format: 'nt', mediaType: 'application/n-triples', names: ['ntriples', 'n-triples'] },
  { format: 'jsonld', mediaType: 'application/ld+json', aliases: ['application/json'], names: ['json-ld'] },
];

/**
 * Chooses how to send the results of a query of `kind`: by the `format`
 * parameter when there is one (a format name such as `csv`, or one of its
 * media types), else by the Accept header with its q-values. A format the
 * kind does not offer is a 400, an Accept header that allows none a 406;
 * both messages list what is offered.
 */
export function chooseResultFormat(kind: ResultKind, accept: string | undefined, format: string | undefined): Offer<ResultFormat> {
  const offers = kind === 'graph' ? graphOffers : tableOffers;
  const override = format === undefined ? undefined : canonicalFormat(format, offers);
  const negotiated = negotiate(accept, offers, override);
  if (!negotiated.ok) throw new SparqlHttpError(negotiated.status, negotiated.message);
  return negotiated.offer;
}

/** The format name that `format` spells, or `format` unchanged for `negotiate` to refuse. */
function canonicalFormat(format: string, offers: readonly ResultOffer[]): string {
  const spelling = format.trim().toLowerCase();
  const offer = offers.find(
    (candidate) =>
      candidate.format === spelling ||
      candidate.mediaType === spelling ||
      candidate.aliases?.includes(spelling) === true ||
      candidate.names.includes(spelling),
  );
  return offer?.format ?? format;
}
