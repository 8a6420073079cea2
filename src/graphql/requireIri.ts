import { isAcceptableIri } from '../rdf/checkTerms.js';
import { badUserInput } from './errors.js';

/**
 * Returns `value` when it is a well-formed IRI (absolute http, https, urn or
 * mailto, as the graph holds them); otherwise throws a BAD_USER_INPUT error
 * naming `argument`. An IRI the graph does not know is well-formed: callers
 * answer it with null.
 */
export function requireIri(argument: string, value: string): string {
  if (!isAcceptableIri(value)) throw badUserInput(argument, 'an absolute IRI such as "https://w3id.org/kulturskola/kommun/1883"', value);
  return value;
}
