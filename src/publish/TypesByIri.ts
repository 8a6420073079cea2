import type { Quad } from 'n3';
import type { TypesElsewhere } from './prepareDataset.js';

/**
 * What each dataset states of the types of its IRIs (its rdf:type triples),
 * by IRI, so that a body's links into other datasets find their types
 * without going through every dataset's triples: replacing one dataset's
 * statements touches only its own IRIs, and a lookup only the IRI asked for.
 */
export class TypesByIri {
  /** By IRI, then by dataset: the type triples that dataset states of it. */
  readonly #byIri = new Map<string, Map<string, Quad[]>>();
  /** By dataset: the IRIs it states types of. */
  readonly #irisOf = new Map<string, string[]>();

  /** Makes `quads` (null: none) the type triples that dataset `slug` states. */
  set(slug: string, quads: readonly Quad[] | null): void {
    for (const iri of this.#irisOf.get(slug) ?? []) {
      const bySlug = this.#byIri.get(iri)!;
      bySlug.delete(slug);
      if (bySlug.size === 0) this.#byIri.delete(iri);
    }
    this.#irisOf.delete(slug);
    if (quads === null) return;
    const iris: string[] = [];
    for (const quad of quads) {
      const iri = quad.subject.value;
      let bySlug = this.#byIri.get(iri);
      if (bySlug === undefined) this.#byIri.set(iri, (bySlug = new Map()));
      let stated = bySlug.get(slug);
      if (stated === undefined) {
        bySlug.set(slug, (stated = []));
        iris.push(iri);
      }
      stated.push(quad);
    }
    this.#irisOf.set(slug, iris);
  }

  /** The type triples of an IRI stated by every dataset but those in `except`. */
  elsewhere(except: ReadonlySet<string>): TypesElsewhere {
    return (iri) => {
      const bySlug = this.#byIri.get(iri);
      if (bySlug === undefined) return [];
      const quads: Quad[] = [];
      for (const [slug, stated] of bySlug) if (!except.has(slug)) quads.push(...stated);
      return quads;
    };
  }
}
