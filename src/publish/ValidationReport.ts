/** Which check found a problem, in the order they run; the first that finds any wins. */
export type ValidationCheck = 'graph' | 'shacl' | 'reference' | 'authority';

/** One problem, shaped like a SHACL validation result so every check reads the same. */
export interface ValidationResult {
  /** The resource the problem is about (an IRI, or `_:label` for a blank node). */
  focusNode: string;
  /** The property, when there is one. */
  path: string | null;
  /** The offending value, as N-Triples would write it, when there is one. */
  value: string | null;
  message: string;
  /** The SHACL severity IRI's local name. */
  severity: 'Violation' | 'Warning' | 'Info';
  /** For SHACL: the constraint component IRI; for our own checks: the check's name. */
  constraint: string;
  /** For SHACL: the shape IRI (or blank node label); null otherwise. */
  shape: string | null;
}

/** What a validation found: `conforms` is true exactly when `results` holds no Violation. */
export interface ValidationReport {
  conforms: boolean;
  /** The check that stopped the write; absent when it conforms. */
  check?: ValidationCheck;
  results: ValidationResult[];
}
