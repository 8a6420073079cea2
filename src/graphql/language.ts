import type { Context } from './context.js';
import { badUserInput } from './errors.js';

const languageTag = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;

/**
 * The language a field should answer in: its `lang` argument when given
 * (which must be a BCP 47 tag such as "sv", "en" or "en-GB"), otherwise the
 * request's preferred language.
 */
export function languageFor(lang: string | null | undefined, context: Context): string {
  if (lang === null || lang === undefined) return context.language;
  if (!languageTag.test(lang)) throw badUserInput('lang', 'a BCP 47 language tag such as "sv" or "en"', lang);
  return lang;
}
