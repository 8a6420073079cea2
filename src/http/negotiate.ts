import Negotiator from 'negotiator';

/** One representation a route can send. */
export interface Offer<Format extends string = string> {
  format: Format;
  /** The media type sent in Content-Type (without charset). */
  mediaType: string;
  /** Extra media types that ask for the same representation, e.g. application/xml for SPARQL XML results. */
  aliases?: readonly string[];
}

/** The outcome of content negotiation. */
export type Negotiated<Format extends string> =
  | { ok: true; offer: Offer<Format> }
  | { ok: false; status: 400 | 406; message: string };

/**
 * Picks the offer that best fits `accept` (q-values honoured; the first offer
 * wins ties and a missing header or `*\/*`), or the one whose format is
 * `override` (a `?format=` parameter). Nothing acceptable is a 406, and an
 * unknown override a 400; both messages list what is offered.
 *
 * An offer is reached through its own media type, which a wildcard range
 * (`text/*`, `*\/*`) may match, or through an alias that the client names
 * itself: a wildcard never reaches an alias, since the answer is sent as the
 * offer's own media type, which the wildcard may not cover (`text/*` must not
 * get SPARQL XML through `text/xml`). An offer whose own media type the
 * client names with q=0 is never chosen, not even through an alias or a
 * wildcard (RFC 9110, section 12.5.1).
 */
export function negotiate<Format extends string>(
  accept: string | undefined,
  offers: readonly Offer<Format>[],
  override?: string | undefined,
): Negotiated<Format> {
  const offered = offers.map((offer) => `${offer.format} (${offer.mediaType})`).join(', ');
  if (override !== undefined) {
    const chosen = offers.find((offer) => offer.format === override);
    return chosen
      ? { ok: true, offer: chosen }
      : { ok: false, status: 400, message: `Unknown format "${override}"; offered: ${offered}` };
  }
  const named = namedMediaTypes(accept ?? '*/*');
  const byMediaType = new Map<string, Offer<Format>>();
  for (const offer of offers) {
    if (named.get(offer.mediaType) === 0) continue;
    const aliases = (offer.aliases ?? []).filter((alias) => (named.get(alias) ?? 0) > 0);
    for (const mediaType of [offer.mediaType, ...aliases]) if (!byMediaType.has(mediaType)) byMediaType.set(mediaType, offer);
  }
  let best: string | undefined;
  try {
    best = new Negotiator({ headers: { accept: accept ?? '*/*' } }).mediaType([...byMediaType.keys()]);
  } catch {
    best = undefined;
  }
  const chosen = best === undefined ? undefined : byMediaType.get(best);
  return chosen
    ? { ok: true, offer: chosen }
    : { ok: false, status: 406, message: `None of the media types in Accept: ${JSON.stringify(accept ?? '')} is offered here; offered: ${offered}` };
}

/**
 * The media types that `accept` names exactly (no wildcard, no parameter
 * but q), lower-cased, each with its q-value; a type named twice keeps the
 * higher. A q-value that is not a number counts as 0, as Negotiator reads it.
 */
function namedMediaTypes(accept: string): Map<string, number> {
  const named = new Map<string, number>();
  for (const range of accept.split(',')) {
    const [name = '', ...parameters] = range.split(';').map((part) => part.trim());
    const type = name.toLowerCase();
    if (!/^[^\s/*]+\/[^\s/*]+$/.test(type)) continue;
    let q = 1;
    let other = false;
    for (const parameter of parameters) {
      const equals = parameter.indexOf('=');
      if (equals !== -1 && parameter.slice(0, equals).trim().toLowerCase() === 'q') q = Number.parseFloat(parameter.slice(equals + 1).trim()) || 0;
      else if (parameter !== '') other = true;
    }
    // Negotiator matches a range with other parameters (`text/csv;header=present`) to no offer, which has none.
    if (!other) named.set(type, Math.max(named.get(type) ?? 0, q));
  }
  return named;
}
