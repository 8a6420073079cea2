/**
 * The orders of the peer's lists, over plain objects and keys read once: the
 * orders our API documents in schema/*.graphql (and src/graphql/order.ts
 * implements over a Graph). Every order ends on the IRI, so ties are never
 * left to chance. Used while building; no request sorts anything.
 */

/** Something with an IRI and a (Swedish) name. */
export interface Named {
  id: string;
  name: string | null;
}

export type Compare<T> = (a: T, b: T) => number;

const swedish = new Intl.Collator('sv', { sensitivity: 'variant', numeric: true });

/** By IRI, as strings. */
export function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** By Swedish name in Swedish alphabetical order (a missing name as the empty text), then IRI. */
export function byName(a: Named, b: Named): number {
  return swedish.compare(a.name ?? '', b.name ?? '') || byId(a, b);
}

/** By official code when both have one (one with a code first), then by name. */
export function byCode<T extends Named>(codeOf: (item: T) => string | null | undefined): Compare<T> {
  return (a, b) => {
    const codeA = codeOf(a) ?? null;
    const codeB = codeOf(b) ?? null;
    if (codeA !== null && codeB !== null && codeA !== codeB) return codeA < codeB ? -1 : 1;
    if ((codeA === null) !== (codeB === null)) return codeA === null ? 1 : -1;
    return byName(a, b);
  };
}

/** By position in the source's list (none last), then by name. */
export function byPosition<T extends Named>(positionOf: (item: T) => number | null): Compare<T> {
  const key = (item: T) => positionOf(item) ?? Number.MAX_SAFE_INTEGER;
  return (a, b) => key(a) - key(b) || byName(a, b);
}

/** By what each links to, in that order; items that link to nothing last. */
export function through<T, Linked>(linkOf: (item: T) => Linked | null, order: Compare<Linked>): Compare<T> {
  return (a, b) => {
    const linkA = linkOf(a);
    const linkB = linkOf(b);
    if (linkA === null || linkB === null) return linkA === linkB ? 0 : linkA === null ? 1 : -1;
    return order(linkA, linkB);
  };
}

/** The first order that tells two items apart, then the IRI. */
export function thenBy<T extends { id: string }>(...orders: Compare<T>[]): Compare<T> {
  return (a, b) => {
    for (const order of orders) {
      const difference = order(a, b);
      if (difference !== 0) return difference;
    }
    return byId(a, b);
  };
}

/** The items, each once, sorted. */
export function sortedOnce<T>(items: Iterable<T>, order: Compare<T>): T[] {
  return [...new Set(items)].sort(order);
}
