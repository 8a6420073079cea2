import type { Quad } from '@rdfjs/types';
import type { Literal, NamedNode, Term } from 'n3';
import type { Graph, Resource } from '../rdf/Graph.js';

/** The key a read with no term (every quad) is recorded under: any change reaches it. */
export const EVERY_TERM = '*';

/**
 * A Graph that notes the term each read is looked up by (the subject of
 * `objects`, the object of `subjects`, the class of `instancesOf`, …) into
 * `keys`. A read can answer differently after a change only if the change
 * adds or removes a triple with that term in it; so what a computation
 * noted tells which changes can alter its result. Views cached per Graph
 * would hide reads, so cachedPerGraph does not cache for a RecordingGraph.
 */
export class RecordingGraph implements Graph {
  /** The term ids read by, since the caller last replaced it. */
  keys = new Set<string>();

  constructor(private readonly graph: Graph) {}

  objects(subject: Term, predicate: NamedNode): Term[] {
    this.keys.add(subject.id);
    return this.graph.objects(subject, predicate);
  }

  subjects(predicate: NamedNode, object: Term): Resource[] {
    this.keys.add(object.id);
    return this.graph.subjects(predicate, object);
  }

  has(subject: Term, predicate: NamedNode, object: Term): boolean {
    this.keys.add(subject.id);
    return this.graph.has(subject, predicate, object);
  }

  instancesOf(type: NamedNode): Resource[] {
    this.keys.add(type.id);
    return this.graph.instancesOf(type);
  }

  literals(subject: Term, predicate: NamedNode): Literal[] {
    this.keys.add(subject.id);
    return this.graph.literals(subject, predicate);
  }

  describes(iri: string): boolean {
    this.keys.add(iri);
    return this.graph.describes(iri);
  }

  match(subject: Term | null, predicate: Term | null, object: Term | null, graph: Term | null): Iterable<Quad> {
    this.keys.add((subject ?? object ?? predicate)?.id ?? EVERY_TERM);
    return this.graph.match(subject, predicate, object, graph);
  }

  quads(): Iterable<Quad> {
    this.keys.add(EVERY_TERM);
    return this.graph.quads();
  }

  get size(): number {
    return this.graph.size;
  }
}
