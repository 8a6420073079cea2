import type { Quad } from '@rdfjs/types';
import type { BlankNode, Literal, NamedNode, Term } from 'n3';

/** A subject in the graph: an IRI, or a blank node reached from one. */
export type Resource = NamedNode | BlankNode;

/**
 * The one way the API reads the knowledge graph. Resolvers use only this
 * interface, never a store, so another backend (a remote SPARQL endpoint
 * behind a per-request cache, say) can stand beside the in-memory one.
 *
 * Reads see the union of all named graphs; a triple stated in two graphs is
 * seen once. Lists come back in a stable order for the same data.
 *
 * A Graph's contents never change: new data means a new Graph. So a view
 * derived from a Graph (an index, a sorted list) may be cached with it.
 */
export interface Graph {
  /** Objects of the triples (subject, predicate, ?), each once. */
  objects(subject: Term, predicate: NamedNode): Term[];
  /** Subjects of the triples (?, predicate, object), each once. */
  subjects(predicate: NamedNode, object: Term): Resource[];
  /** Whether the triple (subject, predicate, object) is stated in any graph. */
  has(subject: Term, predicate: NamedNode, object: Term): boolean;
  /** Resources stated to have the type, each once. */
  instancesOf(type: NamedNode): Resource[];
  /** Literal objects of (subject, predicate, ?). */
  literals(subject: Term, predicate: NamedNode): Literal[];
  /** Whether any triple has this IRI as its subject. */
  describes(iri: string): boolean;
  /** Quads matching the pattern (null matches anything), named graphs included. */
  match(subject: Term | null, predicate: Term | null, object: Term | null, graph: Term | null): Iterable<Quad>;
  /** Every quad, named graphs included, for dumps. */
  quads(): Iterable<Quad>;
  /** Number of quads. */
  readonly size: number;
  /**
   * The named graphs (datasets) that hold quads, each with its number of
   * quads, by graph IRI. Optional: without it, graphSizesOf counts them from
   * `quads()`.
   */
  graphSizes?(): ReadonlyMap<string, number>;
  /**
   * How many quads have `subject` as their subject, named graphs included
   * (a triple two datasets state counts twice). Optional: without it,
   * quadCountOf counts them from `match`.
   */
  quadCount?(subject: Term): number;
}
