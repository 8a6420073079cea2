/** The part of rdf-canonize (which ships no types) that canonicalNTriples uses. */
declare module 'rdf-canonize' {
  import type { Quad } from '@rdfjs/types';

  export function canonize(
    dataset: readonly Quad[],
    options: { algorithm: 'RDFC-1.0'; maxWorkFactor?: number; signal?: AbortSignal },
  ): Promise<string>;
}
