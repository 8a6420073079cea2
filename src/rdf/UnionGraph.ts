import type { Quad } from '@rdfjs/types';
import type { Literal, NamedNode, Term } from 'n3';
import type { Graph, Resource } from './Graph.js';
import { quadCountOf } from './quadCountOf.js';

/**
 * One Graph made of one Graph per dataset, each holding that dataset's named
 * graph: reads see the union, a triple stated by two datasets once. Like
 * every Graph it never changes; `with` gives the next one, in which one
 * dataset is replaced or gone and every other part is shared, not copied. So
 * a publish builds only its own dataset's store, never the whole graph.
 *
 * Lists keep the order of the parts (sorted by graph IRI) and, within a
 * part, that part's own order: stable for the same data.
 */
export class UnionGraph implements Graph {
  private readonly parts: ReadonlyArray<readonly [string, Graph]>;
  private readonly byName: ReadonlyMap<string, Graph>;
  readonly size: number;

  constructor(parts: Iterable<readonly [graphIri: string, part: Graph]>) {
    this.parts = [...parts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.byName = new Map(this.parts);
    if (this.byName.size !== this.parts.length) throw new Error('UnionGraph: two parts share a graph IRI');
    this.size = this.parts.reduce((sum, [, part]) => sum + part.size, 0);
  }

  /** The next graph: `part` in place of the named graph `graphIri` (added if new), or without it when `part` is null. */
  with(graphIri: string, part: Graph | null): UnionGraph {
    const next = new Map(this.byName);
    if (part === null) next.delete(graphIri);
    else next.set(graphIri, part);
    return new UnionGraph(next);
  }

  /** The part holding the named graph, if any. */
  part(graphIri: string): Graph | undefined {
    return this.byName.get(graphIri);
  }

  objects(subject: Term, predicate: NamedNode): Term[] {
    return this.union((part) => part.objects(subject, predicate));
  }

  subjects(predicate: NamedNode, object: Term): Resource[] {
    return this.union((part) => part.subjects(predicate, object));
  }

  has(subject: Term, predicate: NamedNode, object: Term): boolean {
    return this.parts.some(([, part]) => part.has(subject, predicate, object));
  }

  instancesOf(type: NamedNode): Resource[] {
    return this.union((part) => part.instancesOf(type));
  }

  literals(subject: Term, predicate: NamedNode): Literal[] {
    return this.union((part) => part.literals(subject, predicate));
  }

  describes(iri: string): boolean {
    return this.parts.some(([, part]) => part.describes(iri));
  }

  match(subject: Term | null, predicate: Term | null, object: Term | null, graph: Term | null): Iterable<Quad> {
    if (graph !== null) {
      const part = graph.termType === 'NamedNode' ? this.byName.get(graph.value) : undefined;
      return part === undefined ? [] : part.match(subject, predicate, object, graph);
    }
    return this.chain((part) => part.match(subject, predicate, object, null));
  }

  quads(): Iterable<Quad> {
    return this.chain((part) => part.quads());
  }

  /** Summed over the parts, as `match` chains them: a triple two datasets state counts twice. */
  quadCount(subject: Term): number {
    return this.parts.reduce((sum, [, part]) => sum + quadCountOf(part, subject), 0);
  }

  /** Each part's size under its graph IRI (a part holds its dataset's named graph only), parts without quads left out. */
  graphSizes(): ReadonlyMap<string, number> {
    return new Map(this.parts.filter(([, part]) => part.size > 0).map(([graphIri, part]) => [graphIri, part.size]));
  }

  /** The answers of every part, each term once (by its id), in part order; a single answering part's own array as it is. */
  private union<T extends Term>(answer: (part: Graph) => T[]): T[] {
    let first: T[] | undefined;
    let merged: T[] | undefined;
    let seen: Set<string> | undefined;
    for (const [, part] of this.parts) {
      const terms = answer(part);
      if (terms.length === 0) continue;
      if (first === undefined) {
        first = terms;
        continue;
      }
      if (merged === undefined) {
        merged = [...first];
        seen = new Set(first.map((term) => term.id));
      }
      for (const term of terms) {
        if (seen!.has(term.id)) continue;
        seen!.add(term.id);
        merged.push(term);
      }
    }
    return merged ?? first ?? [];
  }

  private *chain(answer: (part: Graph) => Iterable<Quad>): Generator<Quad> {
    for (const [, part] of this.parts) yield* answer(part);
  }
}
