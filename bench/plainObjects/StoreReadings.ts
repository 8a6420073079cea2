/**
 * The few readings of an n3 Store the peer's builder makes, once, while it
 * turns the loaded quads into plain objects (see buildPlainObjects): never
 * while answering. The peer reads the store with n3's own API, not through
 * our Graph, MemoizedGraph or readTerms, so that its answers are worked out
 * apart from ours and the byte check compares two computations, not one.
 *
 * Reads see every named graph at once. A single value is the smallest of
 * those stated; a text is chosen for a language as our API chooses it for
 * the benchmark's data: the exact tag, then the same primary language, then
 * Swedish, English, untagged, any other.
 */
import type { BlankNode, Literal, NamedNode, Store, Term } from 'n3';
import { rdf } from '../../src/rdf/vocabulary.js';

/** An IRI or blank node. */
export type StoreResource = NamedNode | BlankNode;

export class StoreReadings {
  constructor(private readonly store: Store) {}

  /** Resource objects of (subject, predicate, ?), each once. */
  resources(subject: Term, predicate: NamedNode): StoreResource[] {
    return this.store.getObjects(subject, predicate, null).filter(isResource);
  }

  /** The resource object of (subject, predicate, ?) with the smallest IRI, or null. */
  resource(subject: Term, predicate: NamedNode): StoreResource | null {
    return smallest(this.resources(subject, predicate));
  }

  /** Subjects of (?, predicate, object), each once. */
  subjects(predicate: NamedNode, object: Term): StoreResource[] {
    return this.store.getSubjects(predicate, object, null).filter(isResource);
  }

  /** Resources stated to have the type, each once. */
  instancesOf(type: NamedNode): StoreResource[] {
    return this.subjects(rdf.type, type);
  }

  /** Whether the resource is stated to have the type. */
  hasType(resource: Term, type: NamedNode): boolean {
    return this.store.countQuads(resource, rdf.type, type, null) > 0;
  }

  /** The IRIs of the resource's stated types. */
  types(resource: Term): Set<string> {
    return new Set(this.store.getObjects(resource, rdf.type, null).map((type) => type.value));
  }

  /** The smallest lexical value among the literal objects of (subject, predicate, ?), or null. */
  value(subject: Term, predicate: NamedNode): string | null {
    let best: string | null = null;
    for (const literal of this.literals(subject, predicate)) if (best === null || literal.value < best) best = literal.value;
    return best;
  }

  /** The text of (subject, predicate, ?) in `language`, or failing that the closest one (see above), or null. */
  text(subject: Term, predicate: NamedNode, language: string): string | null {
    const wanted = language.toLowerCase();
    const primary = wanted.split('-')[0];
    const rank = (tag: string): number => {
      const lower = tag.toLowerCase();
      if (lower === wanted) return 0;
      if (lower.split('-')[0] === primary) return 1;
      if (lower === 'sv') return 2;
      if (lower === 'en') return 3;
      return lower === '' ? 4 : 5;
    };
    let best: Literal | null = null;
    for (const literal of this.literals(subject, predicate)) {
      if (best === null) best = literal;
      else {
        const difference = rank(literal.language) - rank(best.language);
        if (difference < 0 || (difference === 0 && literal.language + literal.value < best.language + best.value)) best = literal;
      }
    }
    return best?.value ?? null;
  }

  private literals(subject: Term, predicate: NamedNode): Literal[] {
    return this.store.getObjects(subject, predicate, null).filter((term): term is Literal => term.termType === 'Literal');
  }
}

function isResource(term: Term): term is StoreResource {
  return term.termType === 'NamedNode' || term.termType === 'BlankNode';
}

function smallest(resources: StoreResource[]): StoreResource | null {
  let best: StoreResource | null = null;
  for (const resource of resources) if (best === null || resource.value < best.value) best = resource;
  return best;
}
