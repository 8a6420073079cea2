import type { WritableFormat } from '../../rdf/writeRdf.js';
import type { Offer } from '../negotiate.js';

/** The `?format=` names of the representations a resource has. */
export type LinkedDataFormat = 'ttl' | 'nt' | 'nq' | 'jsonld' | 'rdf' | 'trig' | 'html';

/** One representation of a resource: how it is negotiated, labelled and written. */
export interface LinkedDataOffer extends Offer<LinkedDataFormat> {
  /** What writeRdf writes for it; null for the HTML page. */
  writableFormat: WritableFormat | null;
  /** Content-Type parameters after the media type, e.g. `; charset=utf-8`. */
  parameters: string;
  /** A short name for people, in links to the alternates. */
  title: string;
}

/**
 * What a resource can be answered as, in the order of preference when the
 * client has none (so Turtle is the default, and wins `*\/*`). Aliases are
 * older or looser names that clients still send: rdflib and browsers ask for
 * `application/xml`, N3 readers take Turtle, JSON readers take JSON-LD.
 */
export const linkedDataOffers: readonly LinkedDataOffer[] = [
  { format: 'ttl', mediaType: 'text/turtle', aliases: ['application/x-turtle', 'text/n3'], writableFormat: 'turtle', parameters: '; charset=utf-8', title: 'Turtle' },
  { format: 'nt', mediaType: 'application/n-triples', writableFormat: 'ntriples', parameters: '; charset=utf-8', title: 'N-Triples' },
  { format: 'nq', mediaType: 'application/n-quads', writableFormat: 'nquads', parameters: '; charset=utf-8', title: 'N-Quads' },
  { format: 'jsonld', mediaType: 'application/ld+json', aliases: ['application/json'], writableFormat: 'jsonld', parameters: '', title: 'JSON-LD' },
  { format: 'rdf', mediaType: 'application/rdf+xml', aliases: ['application/xml'], writableFormat: 'rdfxml', parameters: '; charset=utf-8', title: 'RDF/XML' },
  { format: 'trig', mediaType: 'application/trig', writableFormat: 'trig', parameters: '; charset=utf-8', title: 'TriG' },
  { format: 'html', mediaType: 'text/html', writableFormat: null, parameters: '; charset=utf-8', title: 'HTML' },
];

/** Other spellings `?format=` takes, by the offer they name. */
const formatSynonyms: Readonly<Record<string, LinkedDataFormat>> = { xml: 'rdf' };

/** The offer's format a `?format=` value names (`xml` is `rdf`); other values pass through for negotiate() to refuse. */
export function formatOfParameter(value: string): string {
  return formatSynonyms[value] ?? value;
}
