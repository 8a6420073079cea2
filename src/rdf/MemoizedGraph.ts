import type { Quad } from '@rdfjs/types';
import type { Literal, NamedNode, Term } from 'n3';
import type { Graph, Resource } from './Graph.js';

/** How many answers a MemoizedGraph keeps before it starts afresh. */
export const DEFAULT_MEMO_ENTRIES = 500_000;

/**
 * A Graph that remembers the answers of another: the same question asked
 * twice (the name of a municipality that appears on every page, the members
 * of a collaboration) reads the store once. Graphs never change, so the
 * answers stay true; the memo is bounded and is cleared whole when full.
 * Callers must not modify the arrays it returns.
 */
export class MemoizedGraph implements Graph {
  private readonly answers = new Map<string, unknown>();

  constructor(
    private readonly graph: Graph,
    private readonly maxEntries = DEFAULT_MEMO_ENTRIES,
  ) {}

  objects(subject: Term, predicate: NamedNode): Term[] {
    return this.remember(`o ${key(subject)} ${predicate.value}`, () => this.graph.objects(subject, predicate));
  }

  subjects(predicate: NamedNode, object: Term): Resource[] {
    return this.remember(`s ${predicate.value} ${key(object)}`, () => this.graph.subjects(predicate, object));
  }

  has(subject: Term, predicate: NamedNode, object: Term): boolean {
    return this.remember(`h ${key(subject)} ${predicate.value} ${key(object)}`, () => this.graph.has(subject, predicate, object));
  }

  instancesOf(type: NamedNode): Resource[] {
    return this.remember(`i ${type.value}`, () => this.graph.instancesOf(type));
  }

  literals(subject: Term, predicate: NamedNode): Literal[] {
    return this.remember(`l ${key(subject)} ${predicate.value}`, () => this.graph.literals(subject, predicate));
  }

  describes(iri: string): boolean {
    return this.remember(`d ${iri}`, () => this.graph.describes(iri));
  }

  match(subject: Term | null, predicate: Term | null, object: Term | null, graph: Term | null): Iterable<Quad> {
    return this.graph.match(subject, predicate, object, graph);
  }

  quads(): Iterable<Quad> {
    return this.graph.quads();
  }

  get size(): number {
    return this.graph.size;
  }

  private remember<Answer>(question: string, answer: () => Answer): Answer {
    if (this.answers.has(question)) return this.answers.get(question) as Answer;
    if (this.answers.size >= this.maxEntries) this.answers.clear();
    const value = answer();
    this.answers.set(question, value);
    return value;
  }
}

function key(term: Term): string {
  switch (term.termType) {
    case 'NamedNode':
      return term.value;
    case 'BlankNode':
      return `_:${term.value}`;
    case 'Literal':
      return `"${term.value}"@${term.language}^^${term.datatype.value}`;
    default:
      return term.termType;
  }
}
