import { BASE_IRI } from '../../rdf/vocabulary.js';

/** Where a link to an IRI goes, and whether that is another site. */
export interface Href {
  /** A URI reference: only ASCII, with no space, quote, angle bracket or control character. */
  href: string;
  external: boolean;
}

/**
 * The link for an IRI on a page of this server: our own IRIs (under
 * `BASE_IRI`) as root-relative paths, so they resolve on whichever server
 * serves the page (`https://w3id.org/kulturskola/def#county` → `/def#county`);
 * other http(s) IRIs as they are. Null for any other scheme (`urn:`, and never
 * a `javascript:` link). Characters a URI cannot hold are percent-encoded as
 * UTF-8, so the result is also safe in a `Link` header.
 */
export function hrefOfIri(iri: string): Href | null {
  if (iri.startsWith(BASE_IRI)) return { href: uriOf(`/${iri.slice(BASE_IRI.length)}`), external: false };
  if (/^https?:\/\//i.test(iri)) return { href: uriOf(iri), external: true };
  return null;
}

/** Percent-encodes every character outside the URI grammar's (RFC 3986), leaving existing escapes alone. */
function uriOf(iri: string): string {
  return iri.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu, (character) => encodeURIComponent(character));
}
