import type { Quad } from 'n3';
import { dataPath } from '../rdf/dataPath.js';
import { loadFile } from '../rdf/loadDataDirectory.js';
import { ks, rdf } from '../rdf/vocabulary.js';
import { REFERENCE_DATASET, VOCABULARY_DATASET } from './Publisher.js';

export { VOCABULARY_DATASET };

/**
 * What a published body is checked against: the national reference list of
 * municipalities and counties, which every dataset links to and only the
 * reference dataset describes, and the vocabulary that SHACL needs beside it
 * (`ks:Goal rdfs:subClassOf skos:Concept`, the role concepts a membership
 * points at).
 */
export interface ReferenceData {
  /** The municipalities and counties of the list: every subject it types ks:Municipality or ks:County. */
  readonly iris: ReadonlySet<string>;
  /** The reference list's triples. */
  readonly quads: readonly Quad[];
  /** The vocabulary's triples. */
  readonly vocabulary: readonly Quad[];
}

/** Reference data from the reference dataset's quads and the vocabulary's. */
export function referenceDataFromQuads(quads: Iterable<Quad>, vocabulary: Iterable<Quad> = []): ReferenceData {
  const list = [...quads];
  const referenceClasses = new Set([ks.Municipality.value, ks.County.value]);
  const iris = new Set<string>();
  for (const { subject, predicate, object } of list) {
    if (subject.termType === 'NamedNode' && predicate.equals(rdf.type) && referenceClasses.has(object.value)) iris.add(subject.value);
  }
  return { iris, quads: list, vocabulary: [...vocabulary] };
}

/** The reference data shipped in `data/graphs` (`kommuner.jsonld`, `vokabular.jsonld`). */
export async function loadShippedReferenceData(): Promise<ReferenceData> {
  const [reference, vocabulary] = await Promise.all([
    loadFile(dataPath(`graphs/${REFERENCE_DATASET}.jsonld`), 'reference_'),
    loadFile(dataPath(`graphs/${VOCABULARY_DATASET}.jsonld`), 'vocabulary_'),
  ]);
  return referenceDataFromQuads(reference.quads, vocabulary.quads);
}
