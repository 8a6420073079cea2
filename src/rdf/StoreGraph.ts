import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import type { Literal, NamedNode, Store, Term } from 'n3';
import type { Graph, Resource } from './Graph.js';
import { rdf } from './vocabulary.js';

/** The Graph over an in-memory n3 Store. */
export class StoreGraph implements Graph {
  private sizesOfGraphs: ReadonlyMap<string, number> | undefined;

  constructor(private readonly store: Store) {}

  objects(subject: Term, predicate: NamedNode): Term[] {
    return this.store.getObjects(subject, predicate, null) as Term[];
  }

  subjects(predicate: NamedNode, object: Term): Resource[] {
    return this.store.getSubjects(predicate, object, null) as Resource[];
  }

  has(subject: Term, predicate: NamedNode, object: Term): boolean {
    return this.store.countQuads(subject, predicate, object, null) > 0;
  }

  instancesOf(type: NamedNode): Resource[] {
    return this.subjects(rdf.type, type);
  }

  literals(subject: Term, predicate: NamedNode): Literal[] {
    return this.objects(subject, predicate).filter((term): term is Literal => term.termType === 'Literal');
  }

  describes(iri: string): boolean {
    return this.store.countQuads(DataFactory.namedNode(iri), null, null, null) > 0;
  }

  match(subject: Term | null, predicate: Term | null, object: Term | null, graph: Term | null): Iterable<Quad> {
    return this.store.readQuads(subject, predicate, object, graph);
  }

  quads(): Iterable<Quad> {
    return this.store.readQuads(null, null, null, null);
  }

  quadCount(subject: Term): number {
    return this.store.countQuads(subject, null, null, null);
  }

  get size(): number {
    return this.store.size;
  }

  graphSizes(): ReadonlyMap<string, number> {
    this.sizesOfGraphs ??= new Map(
      (this.store.getGraphs(null, null, null) as Term[])
        .filter((graph) => graph.termType === 'NamedNode')
        .map((graph) => [graph.value, this.store.countQuads(null, null, null, graph)] as const)
        .filter(([, size]) => size > 0),
    );
    return this.sizesOfGraphs;
  }
}
