import type { Literal } from 'n3';

/** Languages tried, in order, when a text lacks the requested one. */
export const FALLBACK_LANGUAGES: readonly string[] = ['sv', 'en'];

/**
 * The literal that best fits `language`: the exact tag (case-insensitive),
 * then the same primary language ("en" for "en-GB" and the reverse), then
 * Swedish, then English, then a literal without language, then any other in
 * tag order. Null only when there are no literals.
 */
export function pickLanguage(literals: readonly Literal[], language: string): Literal | null {
  if (literals.length === 0) return null;
  // The usual case: one literal tagged exactly as asked.
  let exact: Literal | null = null;
  let exactCount = 0;
  for (const literal of literals) if (literal.language === language) (exact = literal), exactCount++;
  if (exactCount === 1) return exact;
  const wanted = language.toLowerCase();
  const primary = wanted.split('-')[0]!;
  const rank = (literal: Literal): number => {
    const tag = literal.language.toLowerCase();
    if (tag === wanted) return 0;
    if (tag.split('-')[0] === primary) return 1;
    const fallback = FALLBACK_LANGUAGES.indexOf(tag);
    if (fallback >= 0) return 2 + fallback;
    return tag === '' ? 2 + FALLBACK_LANGUAGES.length : 3 + FALLBACK_LANGUAGES.length;
  };
  let best = literals[0]!;
  for (const literal of literals.slice(1)) {
    const difference = rank(literal) - rank(best);
    if (difference < 0 || (difference === 0 && comesBefore(literal, best))) best = literal;
  }
  return best;
}

/** Whether `a` comes before `b` among literals of the same rank: in tag order, then value order. */
function comesBefore(a: Literal, b: Literal): boolean {
  return a.language === b.language ? a.value < b.value : a.language < b.language;
}
