import type { Quad } from '@rdfjs/types';
import type { Literal, NamedNode, Term } from 'n3';
import type { Graph, Resource } from '../src/rdf/Graph.js';

/**
 * A Graph that forwards every read to another one and counts the reads by
 * method, to show how many store lookups a query costs.
 */
export class CountingGraph implements Graph {
  /** Reads so far, by Graph method. */
  readonly reads = new Map<string, number>();

  constructor(private readonly inner: Graph) {}

  /** All reads so far. */
  get total(): number {
    let sum = 0;
    for (const count of this.reads.values()) sum += count;
    return sum;
  }

  /** Forgets the reads so far. */
  reset(): void {
    this.reads.clear();
  }

  private count(method: string): void {
    this.reads.set(method, (this.reads.get(method) ?? 0) + 1);
  }

  objects(subject: Term, predicate: NamedNode): Term[] {
    this.count('objects');
    return this.inner.objects(subject, predicate);
  }

  subjects(predicate: NamedNode, object: Term): Resource[] {
    this.count('subjects');
    return this.inner.subjects(predicate, object);
  }

  has(subject: Term, predicate: NamedNode, object: Term): boolean {
    this.count('has');
    return this.inner.has(subject, predicate, object);
  }

  instancesOf(type: NamedNode): Resource[] {
    this.count('instancesOf');
    return this.inner.instancesOf(type);
  }

  literals(subject: Term, predicate: NamedNode): Literal[] {
    this.count('literals');
    return this.inner.literals(subject, predicate);
  }

  describes(iri: string): boolean {
    this.count('describes');
    return this.inner.describes(iri);
  }

  match(subject: Term | null, predicate: Term | null, object: Term | null, graph: Term | null): Iterable<Quad> {
    this.count('match');
    return this.inner.match(subject, predicate, object, graph);
  }

  quads(): Iterable<Quad> {
    this.count('quads');
    return this.inner.quads();
  }

  get size(): number {
    return this.inner.size;
  }
}
