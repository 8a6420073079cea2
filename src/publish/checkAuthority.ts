import type { Quad } from 'n3';
import { dcterms, foaf, ks, rdf, rdfs, schema, skos } from '../rdf/vocabulary.js';
import type { ValidationResult } from './ValidationReport.js';
import { nTriplesText } from './termText.js';

/** What only the reference dataset states of a municipality or county: its types, names, codes and county. */
const authoritative: ReadonlyMap<string, string> = new Map([
  [rdf.type.value, 'type'],
  [skos.prefLabel.value, 'name'],
  [skos.altLabel.value, 'name'],
  [skos.hiddenLabel.value, 'name'],
  [rdfs.label.value, 'name'],
  [schema.name.value, 'name'],
  [schema.alternateName.value, 'name'],
  [foaf.name.value, 'name'],
  [dcterms.title.value, 'name'],
  [dcterms.identifier.value, 'code'],
  [schema.identifier.value, 'code'],
  [skos.notation.value, 'code'],
  [ks.isoCode.value, 'code'],
  [ks.county.value, 'county'],
]);

/**
 * Whether the triple states the type, a name, a code or the county of a
 * municipality or county of the reference list: those come from the
 * reference dataset alone. Anything else about them (a membership, an
 * `org:memberOf`) is any dataset's to say.
 */
export function statesWhatOnlyTheReferenceMay({ subject, predicate }: Quad, references: ReadonlySet<string>): boolean {
  return subject.termType === 'NamedNode' && authoritative.has(predicate.value) && references.has(subject.value);
}

/** One result for every triple that states what only the reference dataset may (see statesWhatOnlyTheReferenceMay). */
export function checkAuthority(quads: readonly Quad[], references: ReadonlySet<string>, referenceDataset: string): ValidationResult[] {
  const results: ValidationResult[] = [];
  for (const quad of quads) {
    if (!statesWhatOnlyTheReferenceMay(quad, references)) continue;
    const { subject, predicate, object } = quad;
    const what = authoritative.get(predicate.value)!;
    results.push({
      focusNode: subject.value,
      path: predicate.value,
      value: nTriplesText(object),
      message: `Only the reference dataset ${referenceDataset} states the ${what} of <${subject.value}>; link to it instead of describing it`,
      severity: 'Violation',
      constraint: 'authority',
      shape: null,
    });
  }
  return results.sort((a, b) => compare(a.focusNode, b.focusNode) || compare(a.path!, b.path!) || compare(a.value!, b.value!));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
