import type { Quad } from '@rdfjs/types';
import { DataFactory, termFromId, termToId } from 'n3';
import type { Literal, NamedNode, Term } from 'n3';
import type { Graph, Resource } from './Graph.js';
import type { NumberedTriples } from './numberedTriplesOfContent.js';
import { rdf } from './vocabulary.js';

/**
 * The triples in one order: the rows of each first term (by its number)
 * are `starts[term]` up to `starts[term + 1]`, sorted by the second term,
 * then the third.
 */
/** Term numbers, whatever buffer holds them. */
type Numbers = Int32Array<ArrayBufferLike>;

interface Permutation {
  readonly starts: Numbers;
  readonly second: Numbers;
  readonly third: Numbers;
}

/**
 * The Graph of one named graph, held as numbers: each term once, in a
 * table, and the triples as three sorted tables of term numbers (subject
 * first, predicate first, object first), about 24 bytes a triple. Built
 * once, never changed, and with no per-triple objects to build or to trace,
 * so a server reading a published dataset into a graph does a few passes
 * over arrays instead of filling a store's nested maps.
 *
 * It answers as an n3 Store holding the same triples would, in the same
 * order: terms are numbered in the order they first appear (subject,
 * predicate, object, triple by triple), as the store numbers them, and each
 * question is answered from the table the store would use.
 */
export class IndexedGraph implements Graph {
  readonly size: number;
  private readonly spo: Permutation;
  private readonly pos: Permutation;
  private readonly osp: Permutation;
  /** Each term, made from its id when first answered. */
  private readonly made: Array<Term | undefined>;

  /** The graph of `numbered`'s triples in the named graph `graph`. */
  static of(graph: NamedNode, { terms, triples, numbers }: NumberedTriples): IndexedGraph {
    return new IndexedGraph(graph, terms, numbers ?? new Map(terms.map((id, number) => [id, number])), triples);
  }

  /**
   * @param graph the named graph every triple is in
   * @param terms each term's id (n3's termToId), by number
   * @param numbers the number of each id in `terms`
   * @param triples subject, predicate and object numbers, three a triple; a triple given twice is held once
   */
  constructor(
    readonly graph: NamedNode,
    private readonly terms: readonly string[],
    private readonly numbers: ReadonlyMap<string, number>,
    triples: Numbers,
  ) {
    const [subjects, predicates, objects] = columnsOf(triples);
    const termCount = terms.length;
    const unique = distinct(ordered(subjects, predicates, objects, termCount), subjects, predicates, objects);
    this.size = unique[0].length;
    this.spo = permutation(unique[0], unique[1], unique[2], termCount);
    this.pos = permutation(unique[1], unique[2], unique[0], termCount);
    this.osp = permutation(unique[2], unique[0], unique[1], termCount);
    this.made = new Array(termCount);
  }

  objects(subject: Term, predicate: NamedNode): Term[] {
    return this.thirds(this.spo, this.numberOf(subject), this.numberOf(predicate));
  }

  subjects(predicate: NamedNode, object: Term): Resource[] {
    return this.thirds(this.pos, this.numberOf(predicate), this.numberOf(object)) as Resource[];
  }

  has(subject: Term, predicate: NamedNode, object: Term): boolean {
    const [s, p, o] = [this.numberOf(subject), this.numberOf(predicate), this.numberOf(object)];
    if (s === undefined || p === undefined || o === undefined) return false;
    const [from, to] = rowsOf(this.spo, s, p);
    const at = lowerBound(this.spo.third, from, to, o);
    return at < to && this.spo.third[at] === o;
  }

  instancesOf(type: NamedNode): Resource[] {
    return this.subjects(rdf.type, type);
  }

  literals(subject: Term, predicate: NamedNode): Literal[] {
    return this.objects(subject, predicate).filter((term): term is Literal => term.termType === 'Literal');
  }

  describes(iri: string): boolean {
    const s = this.numbers.get(iri);
    return s !== undefined && this.spo.starts[s + 1]! > this.spo.starts[s]!;
  }

  match(subject: Term | null, predicate: Term | null, object: Term | null, graph: Term | null): Iterable<Quad> {
    if (graph !== null && !this.graph.equals(graph)) return [];
    const [s, p, o] = [subject, predicate, object].map((term) => (term === null ? null : this.numberOf(term)));
    if (s === undefined || p === undefined || o === undefined) return [];
    // The table an n3 Store would read, so that the quads come in its order.
    if (s !== null && o !== null) return this.rows(this.osp, o, s, p, (first, second, third) => [second, third, first]);
    if (s !== null) return this.rows(this.spo, s, p, null, (first, second, third) => [first, second, third]);
    if (p !== null) return this.rows(this.pos, p, o, null, (first, second, third) => [third, first, second]);
    if (o !== null) return this.rows(this.osp, o, null, null, (first, second, third) => [second, third, first]);
    return this.quads();
  }

  *quads(): Generator<Quad> {
    for (let s = 0; s < this.terms.length; s++) yield* this.rows(this.spo, s, null, null, (first, second, third) => [first, second, third]);
  }

  quadCount(subject: Term): number {
    const s = this.numberOf(subject);
    return s === undefined ? 0 : this.spo.starts[s + 1]! - this.spo.starts[s]!;
  }

  graphSizes(): ReadonlyMap<string, number> {
    return new Map(this.size > 0 ? [[this.graph.value, this.size]] : []);
  }

  private numberOf(term: Term): number | undefined {
    return this.numbers.get(termToId(term));
  }

  private term(number: number): Term {
    let term = this.made[number];
    if (term === undefined) this.made[number] = term = termFromId(this.terms[number]!) as Term;
    return term;
  }

  /** The third terms of the rows of `first` and `second` in `table`, in order. */
  private thirds(table: Permutation, first: number | undefined, second: number | undefined): Term[] {
    if (first === undefined || second === undefined) return [];
    const [from, to] = rowsOf(table, first, second);
    const terms = new Array<Term>(to - from);
    for (let row = from; row < to; row++) terms[row - from] = this.term(table.third[row]!);
    return terms;
  }

  /** The quads of the rows of `first` in `table` (of `second` and `third` too, unless null), with `place` putting each row's terms in subject, predicate, object order. */
  private *rows(
    table: Permutation,
    first: number,
    second: number | null,
    third: number | null,
    place: (first: Term, second: Term, third: Term) => [Term, Term, Term],
  ): Generator<Quad> {
    let [from, to] = second === null ? [table.starts[first]!, table.starts[first + 1]!] : rowsOf(table, first, second);
    if (third !== null) {
      from = lowerBound(table.third, from, to, third);
      to = from < to && table.third[from] === third ? from + 1 : from;
    }
    if (from === to) return;
    const firstTerm = this.term(first);
    for (let row = from; row < to; row++) {
      const [subject, predicate, object] = place(firstTerm, this.term(table.second[row]!), this.term(table.third[row]!));
      yield DataFactory.quad(subject as Resource, predicate as NamedNode, object as Quad['object'], this.graph);
    }
  }
}

/** The rows of `first` and `second` in `table`. */
function rowsOf(table: Permutation, first: number, second: number): [number, number] {
  const [from, to] = [table.starts[first]!, table.starts[first + 1]!];
  const start = lowerBound(table.second, from, to, second);
  return [start, lowerBound(table.second, start, to, second + 1)];
}

/** The first place in `values[from..to)` (sorted) whose value is not below `value`. */
function lowerBound(values: Numbers, from: number, to: number, value: number): number {
  let [low, high] = [from, to];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function columnsOf(triples: Numbers): [Numbers, Numbers, Numbers] {
  const count = Math.floor(triples.length / 3);
  const columns: [Numbers, Numbers, Numbers] = [new Int32Array(count), new Int32Array(count), new Int32Array(count)];
  const [subjects, predicates, objects] = columns;
  for (let triple = 0; triple < count; triple++) {
    subjects[triple] = triples[triple * 3]!;
    predicates[triple] = triples[triple * 3 + 1]!;
    objects[triple] = triples[triple * 3 + 2]!;
  }
  return columns;
}

/** The places of the triples, sorted by first, second and third term: stable counting sorts, least significant term first. */
function ordered(first: Numbers, second: Numbers, third: Numbers, termCount: number, starts = new Int32Array(termCount + 1)): Numbers {
  let order: Numbers = Int32Array.from({ length: first.length }, (_, index) => index);
  order = sortedBy(order, third, new Int32Array(termCount + 1));
  order = sortedBy(order, second, new Int32Array(termCount + 1));
  return sortedBy(order, first, starts);
}

/** `order` sorted by `key`, keeping the order of equal keys; `starts` is filled with where each key's rows start. */
function sortedBy(order: Numbers, key: Numbers, starts: Numbers): Numbers {
  for (const place of order) starts[key[place]! + 1]!++;
  for (let term = 1; term < starts.length; term++) starts[term]! += starts[term - 1]!;
  const next = starts.slice(0, -1);
  const sorted = new Int32Array(order.length);
  for (const place of order) sorted[next[key[place]!]!++] = place;
  return sorted;
}

/** The columns of the triples at the places of `order`, a triple that repeats the one before left out. */
function distinct(order: Numbers, ...columns: [Numbers, Numbers, Numbers]): [Numbers, Numbers, Numbers] {
  const kept = order.filter((place, index) => index === 0 || columns.some((column) => column[place] !== column[order[index - 1]!]));
  const [subjects, predicates, objects] = columns.map((column) => kept.map((place) => column[place]!));
  return [subjects!, predicates!, objects!];
}

function permutation(first: Numbers, second: Numbers, third: Numbers, termCount: number): Permutation {
  const starts = new Int32Array(termCount + 1);
  const order = ordered(first, second, third, termCount, starts);
  return { starts, second: order.map((place) => second[place]!), third: order.map((place) => third[place]!) };
}
