import type { Quad } from '@rdfjs/types';
import type { Literal, NamedNode, Term } from 'n3';
import type { Graph, Resource } from './Graph.js';
import { graphSizesOf } from './graphSizesOf.js';
import { quadCountOf } from './quadCountOf.js';

/** How many answers a MemoizedGraph keeps before it starts afresh. */
export const DEFAULT_MEMO_ENTRIES = 500_000;

/**
 * A Graph that remembers the answers of another: the same question asked
 * twice (the name of a municipality that appears on every page, the members
 * of a collaboration) reads the store once. Graphs never change, so the
 * answers stay true; the memo is bounded and is cleared whole when full.
 * Callers must not modify the arrays it returns.
 *
 * Answers are filed by the terms' own `id` strings, first by one term and
 * then by the other, so a lookup builds no key: it hashes strings that
 * already exist (and whose hashes the engine keeps).
 */
export class MemoizedGraph implements Graph {
  private entries = 0;
  private readonly objectsOf = new Map<string, Map<string, Term[]>>();
  private readonly subjectsOf = new Map<string, Map<string, Resource[]>>();
  private readonly literalsOf = new Map<string, Map<string, Literal[]>>();
  /** By predicate, then subject, then object. */
  private readonly stated = new Map<string, Map<string, Map<string, boolean>>>();
  private readonly instances = new Map<string, Resource[]>();
  private readonly described = new Map<string, boolean>();

  constructor(
    private readonly graph: Graph,
    private readonly maxEntries = DEFAULT_MEMO_ENTRIES,
  ) {}

  objects(subject: Term, predicate: NamedNode): Term[] {
    return this.remember(this.filed(this.objectsOf, subject.id), predicate.id, () => this.graph.objects(subject, predicate));
  }

  subjects(predicate: NamedNode, object: Term): Resource[] {
    return this.remember(this.filed(this.subjectsOf, object.id), predicate.id, () => this.graph.subjects(predicate, object));
  }

  has(subject: Term, predicate: NamedNode, object: Term): boolean {
    const bySubject = this.filed(this.stated, predicate.id);
    return this.remember(this.filed(bySubject, subject.id), object.id, () => this.graph.has(subject, predicate, object));
  }

  instancesOf(type: NamedNode): Resource[] {
    return this.remember(this.instances, type.id, () => this.graph.instancesOf(type));
  }

  literals(subject: Term, predicate: NamedNode): Literal[] {
    return this.remember(this.filed(this.literalsOf, subject.id), predicate.id, () => this.graph.literals(subject, predicate));
  }

  describes(iri: string): boolean {
    return this.remember(this.described, iri, () => this.graph.describes(iri));
  }

  match(subject: Term | null, predicate: Term | null, object: Term | null, graph: Term | null): Iterable<Quad> {
    return this.graph.match(subject, predicate, object, graph);
  }

  quads(): Iterable<Quad> {
    return this.graph.quads();
  }

  graphSizes(): ReadonlyMap<string, number> {
    return graphSizesOf(this.graph);
  }

  quadCount(subject: Term): number {
    return quadCountOf(this.graph, subject);
  }

  get size(): number {
    return this.graph.size;
  }

  /** The map filed under `key` in `maps`, made when missing. */
  private filed<Inner extends Map<string, unknown>>(maps: Map<string, Inner>, key: string): Inner {
    let inner = maps.get(key);
    if (inner === undefined) {
      inner = new Map() as Inner;
      maps.set(key, inner);
    }
    return inner;
  }

  private remember<Answer>(answers: Map<string, Answer>, key: string, answer: () => Answer): Answer {
    const known = answers.get(key);
    if (known !== undefined) return known;
    // `answers` may hang in a map that forgetAll empties: answer this once, and file from the next question on.
    if (this.entries >= this.maxEntries) {
      this.forgetAll();
      return answer();
    }
    const value = answer();
    answers.set(key, value);
    this.entries++;
    return value;
  }

  private forgetAll(): void {
    for (const memo of [this.objectsOf, this.subjectsOf, this.literalsOf, this.stated, this.instances, this.described]) memo.clear();
    this.entries = 0;
  }
}
