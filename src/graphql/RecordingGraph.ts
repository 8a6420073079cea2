import type { Quad } from '@rdfjs/types';
import type { Literal, NamedNode, Term } from 'n3';
import type { Graph, Resource } from '../rdf/Graph.js';
import { graphSizesOf } from '../rdf/graphSizesOf.js';
import { quadCountOf } from '../rdf/quadCountOf.js';
import { rdf } from '../rdf/vocabulary.js';

/** The key a read with no term (every quad) is recorded under: any change reaches it. */
export const EVERY_TERM = '*';

/** The key of reads of the triples (subject, predicate, ?): objects, literals, has. */
export function subjectKey(subject: string, predicate?: string): string {
  return predicate === undefined ? `s ${subject}` : `s ${subject} ${predicate}`;
}

const subjectsByKeys = new WeakMap<ReadonlySet<string>, readonly string[]>();

/**
 * The subjects (term ids) of the whole-subject keys among `keys`: given a
 * change's keys (see keysOfTriple), every subject it added or removed a
 * triple of. A subject's id (an IRI or a blank node label) has no space.
 * Found once per set of keys.
 */
export function subjectsOfKeys(keys: ReadonlySet<string>): readonly string[] {
  let subjects = subjectsByKeys.get(keys);
  if (subjects === undefined) {
    subjects = [...keys].filter((key) => key.startsWith('s ') && !key.includes(' ', 2)).map((key) => key.slice(2));
    subjectsByKeys.set(keys, subjects);
  }
  return subjects;
}

/** The key of reads of the triples (?, predicate, object): subjects, and instancesOf with rdf:type. */
export function objectKey(predicate: string, object: string): string {
  return `o ${predicate} ${object}`;
}

/**
 * The keys a change reaches when it adds or removes the triple (subject,
 * predicate, object), given as term ids: the reads that could answer
 * differently after it.
 */
export function keysOfTriple(subject: string, predicate: string, object: string): string[] {
  return [subjectKey(subject), subjectKey(subject, predicate), objectKey(predicate, object)];
}

/**
 * A Graph that notes each read it answers as a key (see subjectKey,
 * objectKey) into `keys`: the subject and predicate of `objects`, the
 * predicate and object of `subjects`, rdf:type and the class of
 * `instancesOf`, and so on. A read can answer differently after a change
 * only if the change adds or removes a triple matching it, and such a
 * triple has that key among keysOfTriple; so what a computation noted tells
 * which changes can alter its result. Views cached per Graph would hide
 * reads, so cachedPerGraph does not cache for a RecordingGraph.
 */
export class RecordingGraph implements Graph {
  /** The keys of the reads since the caller last replaced it. */
  keys = new Set<string>();

  constructor(private readonly graph: Graph) {}

  objects(subject: Term, predicate: NamedNode): Term[] {
    this.keys.add(subjectKey(subject.id, predicate.id));
    return this.graph.objects(subject, predicate);
  }

  subjects(predicate: NamedNode, object: Term): Resource[] {
    this.keys.add(objectKey(predicate.id, object.id));
    return this.graph.subjects(predicate, object);
  }

  has(subject: Term, predicate: NamedNode, object: Term): boolean {
    this.keys.add(subjectKey(subject.id, predicate.id));
    return this.graph.has(subject, predicate, object);
  }

  instancesOf(type: NamedNode): Resource[] {
    this.keys.add(objectKey(rdf.type.id, type.id));
    return this.graph.instancesOf(type);
  }

  literals(subject: Term, predicate: NamedNode): Literal[] {
    this.keys.add(subjectKey(subject.id, predicate.id));
    return this.graph.literals(subject, predicate);
  }

  describes(iri: string): boolean {
    this.keys.add(subjectKey(iri));
    return this.graph.describes(iri);
  }

  match(subject: Term | null, predicate: Term | null, object: Term | null, graph: Term | null): Iterable<Quad> {
    if (subject !== null) this.keys.add(subjectKey(subject.id, predicate?.id));
    else if (predicate !== null && object !== null) this.keys.add(objectKey(predicate.id, object.id));
    else this.keys.add(EVERY_TERM);
    return this.graph.match(subject, predicate, object, graph);
  }

  quads(): Iterable<Quad> {
    this.keys.add(EVERY_TERM);
    return this.graph.quads();
  }

  quadCount(subject: Term): number {
    this.keys.add(subjectKey(subject.id));
    return quadCountOf(this.graph, subject);
  }

  /** Noted as no read: which datasets state something about a resource is read through `match`, which notes it. */
  graphSizes(): ReadonlyMap<string, number> {
    return graphSizesOf(this.graph);
  }

  get size(): number {
    return this.graph.size;
  }
}
