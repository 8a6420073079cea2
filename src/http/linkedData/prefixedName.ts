import { contextPrefixes } from '../../rdf/writeRdf.js';

let namespaces: ReadonlyArray<readonly [prefix: string, namespace: string]> | undefined;

/**
 * The IRI as `prefix:local` with the prefixes of the bundled JSON-LD context
 * (the longest namespace wins, so `…/def#county` is `ks:county`, not
 * `kg:def#county`), or null when no prefix fits. For people to read, not to parse.
 */
export function prefixedName(iri: string): string | null {
  namespaces ??= Object.entries(contextPrefixes()).sort(([, a], [, b]) => b.length - a.length);
  for (const [prefix, namespace] of namespaces) if (iri.startsWith(namespace)) return `${prefix}:${iri.slice(namespace.length)}`;
  return null;
}
