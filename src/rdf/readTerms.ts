/**
 * Small readings over a Graph that every resolver needs: resources and
 * literal values of a property, and the text in a chosen language.
 *
 * A reading of one value (resourceOf, valueOf, textOf) answers from one
 * dataset when datasets disagree: the resource's home dataset, the one that
 * states its type (see answeringDataset). The others' values stay visible as
 * claims (see claimsAbout).
 */
import type { NamedNode, Term } from 'n3';
import type { Graph, Resource } from './Graph.js';
import { answeringDataset } from './answeringDataset.js';
import { pickLanguage } from './pickLanguage.js';
import { rdf } from './vocabulary.js';

/** Objects of (subject, predicate, ?) that are resources (not literals). */
export function resourcesOf(graph: Graph, subject: Term, predicate: NamedNode): Resource[] {
  return graph.objects(subject, predicate).filter(isResource);
}

/** The resource object of (subject, predicate, ?), or null. With several, the answering dataset's (see answeringDataset) with the smallest IRI, so the choice is stable. */
export function resourceOf(graph: Graph, subject: Term, predicate: NamedNode): Resource | null {
  let best: Resource | null = null;
  for (const object of answeringDataset(graph, subject as Resource, predicate, resourcesOf(graph, subject, predicate))) {
    if (best === null || object.value < best.value) best = object;
  }
  return best;
}

/** Resource objects of (subject, predicate, ?) that have the type. */
export function resourcesOfType(graph: Graph, subject: Term, predicate: NamedNode, type: NamedNode): Resource[] {
  return resourcesOf(graph, subject, predicate).filter((object) => graph.has(object, rdf.type, type));
}

/** Subjects of (?, predicate, object) that have the type. */
export function subjectsOfType(graph: Graph, predicate: NamedNode, object: Term, type: NamedNode): Resource[] {
  return graph.subjects(predicate, object).filter((subject) => graph.has(subject, rdf.type, type));
}

/** The lexical value of a literal object of (subject, predicate, ?), or null. With several, the smallest of the answering dataset's (see answeringDataset). */
export function valueOf(graph: Graph, subject: Term, predicate: NamedNode): string | null {
  let best: string | null = null;
  for (const { value } of answeringDataset(graph, subject as Resource, predicate, graph.literals(subject, predicate))) if (best === null || value < best) best = value;
  return best;
}

/**
 * The text of (subject, predicate, ?) that best fits `language` (see
 * pickLanguage), or null. When several texts have the chosen text's
 * language, the answering dataset's (see answeringDataset).
 */
export function textOf(graph: Graph, subject: Term, predicate: NamedNode, language: string): string | null {
  const literals = graph.literals(subject, predicate);
  const best = pickLanguage(literals, language);
  if (best === null) return null;
  if (literals.length === 1) return best.value;
  const tag = best.language.toLowerCase();
  const sameLanguage = literals.filter((literal) => literal.language.toLowerCase() === tag);
  if (sameLanguage.length === 1) return best.value;
  return pickLanguage(answeringDataset(graph, subject as Resource, predicate, sameLanguage), language)!.value;
}

function isResource(term: Term): term is Resource {
  return term.termType === 'NamedNode' || term.termType === 'BlankNode';
}
