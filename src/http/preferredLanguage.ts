import Negotiator from 'negotiator';

/** Languages the data is written in, most complete first; the first is the default. */
export const SERVED_LANGUAGES = ['sv', 'en'] as const;

/** One of SERVED_LANGUAGES. */
export type ServedLanguage = (typeof SERVED_LANGUAGES)[number];

/**
 * The served language an Accept-Language header prefers (q-values weighed,
 * `en-GB` counting as `en`); the default for no header, a header naming none
 * of them, or one that cannot be read.
 */
export function preferredLanguage(acceptLanguage: string | undefined): ServedLanguage {
  if (acceptLanguage === undefined) return SERVED_LANGUAGES[0];
  try {
    const preferred = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language([...SERVED_LANGUAGES]);
    return SERVED_LANGUAGES.find((language) => language === preferred) ?? SERVED_LANGUAGES[0];
  } catch {
    return SERVED_LANGUAGES[0];
  }
}
