import type { ValidationReport, ValidationResult } from '../publish/ValidationReport.js';

/**
 * A validation report for people: one line per result, in the report's
 * order, as `Severity (constraint): <focus node> <path> value: message`
 * (path and value left out when the result has none; the constraint by its
 * local name, which tells apart two results with one message), IRIs in
 * angle brackets as in N-Triples.
 */
export function formatValidationReport(report: ValidationReport): string[] {
  return report.results.map(formatResult);
}

function formatResult(result: ValidationResult): string {
  const parts = [bracketed(result.focusNode)];
  if (result.path !== null) parts.push(bracketed(result.path));
  if (result.value !== null) parts.push(result.value);
  return `${result.severity} (${localName(result.constraint)}): ${parts.join(' ')}: ${result.message}`;
}

/** An IRI in angle brackets; a blank node label or a SHACL path expression as it is. */
function bracketed(term: string): string {
  return /^[a-z][a-z0-9+.-]*:[^\s<>"]*$/i.test(term) && !term.startsWith('_:') ? `<${term}>` : term;
}

/** `http://www.w3.org/ns/shacl#PatternConstraintComponent` → PatternConstraintComponent; a plain name as it is. */
function localName(iri: string): string {
  return iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1) || iri;
}
