import type { NamedNode, Term } from 'n3';
import type { Graph, Resource } from './Graph.js';
import { homeDatasetOf } from './homeDatasetOf.js';

/**
 * Of `candidates`, values of (subject, predicate, ?), those a single-valued
 * field answers from: the ones its answering dataset states. That is the
 * subject's home dataset (see homeDatasetOf) when it states any of them;
 * otherwise the dataset, first by IRI, that states one. The other
 * datasets' values are claims (see claimsAbout), not answers.
 *
 * Returns `candidates` itself when there are fewer than two or one dataset
 * states them all: where datasets do not disagree, nothing changes and no
 * dataset is looked up.
 */
export function answeringDataset<T extends Term>(graph: Graph, subject: Resource, predicate: NamedNode, candidates: T[]): T[] {
  if (candidates.length < 2) return candidates;
  const datasetsOf = candidates.map((candidate) => {
    const datasets = new Set<string>();
    for (const quad of graph.match(subject, predicate, candidate, null)) datasets.add(quad.graph.value);
    return datasets;
  });
  const [first] = datasetsOf[0]!;
  if (datasetsOf[0]!.size === 1 && datasetsOf.every((datasets) => datasets.size === 1 && datasets.has(first!))) return candidates;
  const home = homeDatasetOf(graph, subject)?.value;
  let answering: string | undefined;
  if (home !== undefined && datasetsOf.some((datasets) => datasets.has(home))) answering = home;
  else for (const datasets of datasetsOf) for (const dataset of datasets) if (answering === undefined || dataset < answering) answering = dataset;
  return candidates.filter((_candidate, index) => datasetsOf[index]!.has(answering!));
}
