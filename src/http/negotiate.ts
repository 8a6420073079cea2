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
  const byMediaType = new Map<string, Offer<Format>>();
  for (const offer of offers) {
    for (const mediaType of [offer.mediaType, ...(offer.aliases ?? [])]) if (!byMediaType.has(mediaType)) byMediaType.set(mediaType, offer);
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
