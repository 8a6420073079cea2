import { negotiate, type Offer } from '../negotiate.js';
import { SparqlHttpError } from './SparqlHttpError.js';

/** What a query form answers with: solutions (SELECT), a boolean (ASK) or a graph (CONSTRUCT, DESCRIBE). */
export type ResultKind = 'solutions' | 'boolean' | 'graph';

/** A representation of results; the names are also Oxigraph's `results_format` names. */
export type ResultFormat = 'json' | 'xml' | 'csv' | 'tsv' | 'ttl' | 'nt' | 'jsonld' | 'rdf';

interface ResultOffer extends Offer<ResultFormat> {
  /**
   * Other spellings of this format that clients send in `format=`, besides
   * the name and the media types: those of SPARQLWrapper (`xml`, `n3`,
   * `rdf+xml`, `json-ld`, …), which sends its return format's name there.
   */
  names: readonly string[];
}

/** SELECT and ASK results; the first is the default. */
const tableOffers: readonly ResultOffer[] = [
  { format: 'json', mediaType: 'application/sparql-results+json', aliases: ['application/json'], names: [] },
  { format: 'xml', mediaType: 'application/sparql-results+xml', aliases: ['application/xml', 'text/xml'], names: [] },
  { format: 'csv', mediaType: 'text/csv', names: [] },
  { format: 'tsv', mediaType: 'text/tab-separated-values', names: [] },
];

/**
 * CONSTRUCT and DESCRIBE results; the first is the default. Turtle is also
 * valid N3, so N3 clients get it. For a graph, `xml` means RDF/XML and `json`
 * JSON-LD, as SPARQLWrapper and Fuseki read them.
 */
const graphOffers: readonly ResultOffer[] = [
  {
    format: 'ttl',
    mediaType: 'text/turtle',
    aliases: ['application/turtle', 'application/x-turtle', 'text/n3', 'text/rdf+n3', 'application/n3'],
    names: ['turtle', 'n3'],
  },
  { format: 'nt', mediaType: 'application/n-triples', names: ['ntriples', 'n-triples'] },
  { format: 'jsonld', mediaType: 'application/ld+json', aliases: ['application/json', 'application/x-json+ld'], names: ['json-ld', 'json'] },
  { format: 'rdf', mediaType: 'application/rdf+xml', aliases: ['application/xml', 'text/xml'], names: ['rdf+xml', 'rdfxml', 'xml'] },
];

/**
 * Chooses how to send the results of a query of `kind` from the Accept
 * header (with its q-values) and the `format` parameter (a format name such
 * as `csv`, a SPARQLWrapper name such as `rdf+xml`, or a media type).
 *
 * Accept wins when the two disagree: `format` is followed when Accept allows
 * it (a missing Accept or `*\/*` allows anything) or when Accept allows
 * nothing this kind offers; otherwise Accept chooses. A `format` this kind
 * does not know is a 400 unless a specific Accept chooses instead; an
 * Accept header that allows nothing, without a `format`, is a 406. Both
 * messages list what is offered.
 */
export function chooseResultFormat(kind: ResultKind, accept: string | undefined, format: string | undefined): Offer<ResultFormat> {
  const offers = kind === 'graph' ? graphOffers : tableOffers;
  const named = format === undefined ? undefined : offerNamed(format, offers);
  if (named !== undefined && allows(accept, named)) return named;
  const negotiated = negotiate(accept, offers);
  if (format === undefined || (negotiated.ok && !onlyWildcards(accept))) {
    if (!negotiated.ok) throw new SparqlHttpError(negotiated.status, negotiated.message);
    return negotiated.offer;
  }
  if (named !== undefined) return named;
  const refused = negotiate(accept, offers, format);
  if (!refused.ok) throw new SparqlHttpError(refused.status, refused.message);
  return refused.offer;
}

/** The offer that `format` spells, if any. */
function offerNamed(format: string, offers: readonly ResultOffer[]): ResultOffer | undefined {
  const spelling = format.trim().toLowerCase();
  return offers.find(
    (candidate) =>
      candidate.format === spelling ||
      candidate.mediaType === spelling ||
      candidate.aliases?.includes(spelling) === true ||
      candidate.names.includes(spelling),
  );
}

/** Whether `accept` (absent: anything) allows the offer, by the rules negotiate() chooses by: a wildcard allows its own media type, not an alias. */
function allows(accept: string | undefined, offer: ResultOffer): boolean {
  return accept === undefined || negotiate(accept, [offer]).ok;
}

/** Whether `accept` names no media type, only `*\/*` (which fetch and many clients send by default). */
function onlyWildcards(accept: string | undefined): boolean {
  return (accept ?? '').split(',').every((range) => ['', '*/*', '*'].includes(range.split(';')[0]!.trim()));
}
