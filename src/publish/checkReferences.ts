import type { Quad, Term } from 'n3';
import { kg } from '../rdf/vocabulary.js';
import type { ValidationResult } from './ValidationReport.js';
import { nodeText, nTriplesText } from './termText.js';

const municipalities = kg.municipality('').value;
const counties = kg.county('').value;

/**
 * The municipality or county an IRI stands for or lies under: `kommun/1880`
 * and `kommun/1880/kulturskola` both belong to `kommun/1880`, `lan/18#x` to
 * `lan/18`. Null for IRIs outside `kommun/` and `lan/`.
 */
export function referencedResource(iri: string): string | null {
  const base = iri.startsWith(municipalities) ? municipalities : iri.startsWith(counties) ? counties : null;
  if (base === null) return null;
  const code = /^[^/#?]*/.exec(iri.slice(base.length))![0];
  return base + code;
}

/** Whether the IRI is or lies under a `kommun/{code}` or `lan/{code}` that the reference list does not hold. */
export function isUnknownReference(iri: string, references: ReadonlySet<string>): boolean {
  const resource = referencedResource(iri);
  return resource !== null && !references.has(resource);
}

/**
 * One result for every IRI in the body (subject, predicate or object) that
 * is or lies under a `kommun/{code}` or `lan/{code}` the reference list does
 * not hold, reported where it first occurs. A dataset may describe a
 * municipality's culture school (`kommun/1880/kulturskola`), but only of a
 * municipality that exists.
 */
export function checkReferences(quads: readonly Quad[], references: ReadonlySet<string>): ValidationResult[] {
  const unknown = new Map<string, ValidationResult>();
  for (const { subject, predicate, object } of quads) {
    for (const term of [subject, predicate, object] as Term[]) {
      if (term.termType !== 'NamedNode' || unknown.has(term.value) || !isUnknownReference(term.value, references)) continue;
      const resource = referencedResource(term.value)!;
      const kind = resource.startsWith(municipalities) ? 'municipality' : 'county';
      const what = resource === term.value ? `<${term.value}> is no ${kind}` : `<${term.value}> lies under <${resource}>, which is no ${kind}`;
      const asSubject = term === subject;
      unknown.set(term.value, {
        focusNode: asSubject ? term.value : nodeText(subject),
        path: asSubject ? null : predicate.value,
        value: nTriplesText(term),
        message: `${what} in the national reference list of municipalities and counties`,
        severity: 'Violation',
        constraint: 'reference',
        shape: null,
      });
    }
  }
  return [...unknown.keys()].sort().map((iri) => unknown.get(iri)!);
}
