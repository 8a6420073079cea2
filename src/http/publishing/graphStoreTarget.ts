import type { Request } from 'express';
import { BASE_IRI, kg } from '../../rdf/vocabulary.js';
import { isDatasetSlug } from '../../store/isDatasetSlug.js';

/** The dataset a Graph Store Protocol request names by `?graph=`, or why it names none (a 400). */
export type GraphStoreTarget = { ok: true; slug: string } | { ok: false; message: string };

const DATASET_IRI_PREFIX = kg.dataset('').value;
const EXPECTED = `?graph=${DATASET_IRI_PREFIX}{slug}, where {slug} is 2–64 lowercase letters, digits and hyphens, starting and ending with a letter or digit`;

/**
 * Reads the SPARQL 1.1 Graph Store HTTP Protocol's graph selection: exactly
 * one `graph` parameter holding a dataset's IRI. `?default` is refused: the
 * default graph here is the union of every dataset, read-only.
 */
export function graphStoreTarget(request: Request): GraphStoreTarget {
  const { graph } = request.query;
  const hasDefault = request.query.default !== undefined;
  if (hasDefault) {
    return {
      ok: false,
      message: `The default graph is the union of every dataset and cannot be written or read here; name one dataset's graph with ${EXPECTED}. The union is queried at /sparql.`,
    };
  }
  if (graph === undefined) return { ok: false, message: `Name the graph: ${EXPECTED}.` };
  if (typeof graph !== 'string') return { ok: false, message: `Give the graph parameter once: ${EXPECTED}.` };
  const slug = graph.startsWith(DATASET_IRI_PREFIX) ? graph.slice(DATASET_IRI_PREFIX.length) : null;
  if (slug === null || !isDatasetSlug(slug)) {
    const shown = graph.length > 200 ? `${graph.slice(0, 200)}…` : graph;
    return { ok: false, message: `The graph <${shown}> is not a dataset of ${BASE_IRI}; expected ${EXPECTED}.` };
  }
  return { ok: true, slug };
}
