import type { Quad, Term } from '@rdfjs/types';
import { termToId } from 'n3';
import type { NamedNode, Term as N3Term } from 'n3';
import type { Graph } from '../../rdf/Graph.js';

/** What describeResource includes besides the resource's own triples. */
export interface DescribeOptions {
  /** The triples whose object is the resource (default true). */
  incoming?: boolean;
}

/**
 * The quads that describe `resource`, each with the named graph it sits in:
 * its own triples (the resource as subject), the triples of every blank node
 * they reach, followed through blank nodes to any depth and each blank node
 * once (so cycles end), and, unless `options.incoming` is false, the triples
 * that point at it (the resource as object). Each quad appears once.
 *
 * Every read binds the subject or the object, so it uses the store's indexes
 * and never scans the graph. Empty when the graph neither describes nor
 * mentions the resource as an object: that is an unknown resource.
 */
export function describeResource(graph: Graph, resource: NamedNode, options: DescribeOptions = {}): Quad[] {
  const description = new QuadSet();
  const pending: Term[] = [resource];
  const visited = new Set<string>([key(resource)]);
  while (pending.length > 0) {
    const subject = pending.pop()!;
    for (const quad of graph.match(subject as N3Term, null, null, null)) {
      description.add(quad);
      if (quad.object.termType === 'BlankNode' && !visited.has(key(quad.object))) {
        visited.add(key(quad.object));
        pending.push(quad.object);
      }
    }
  }
  if (options.incoming ?? true) for (const quad of graph.match(null, null, resource, null)) description.add(quad);
  return description.quads;
}

/** Quads in the order first added, each once. */
class QuadSet {
  readonly quads: Quad[] = [];
  private readonly keys = new Set<string>();

  add(quad: Quad): void {
    const id = [quad.subject, quad.predicate, quad.object, quad.graph].map(key).join(' ');
    if (this.keys.has(id)) return;
    this.keys.add(id);
    this.quads.push(quad);
  }
}

function key(term: Term): string {
  return termToId(term as N3Term);
}
