import type { NamedNode } from 'n3';
import { DataFactory } from 'n3';
import { bundledContexts } from '../rdf/bundledContexts.js';
import { isAcceptableIri } from '../rdf/checkTerms.js';
import { CONTEXT_IRI } from '../rdf/vocabulary.js';
import { badUserInput } from './errors.js';

/** The prefixes of the data's JSON-LD context ("dcterms" → "http://purl.org/dc/terms/"): its terms whose IRI ends a namespace. */
const prefixes: ReadonlyMap<string, string> = new Map(
  Object.entries((bundledContexts.get(CONTEXT_IRI) as { '@context': Record<string, unknown> })['@context']).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && /[/#]$/.test(entry[1]),
  ),
);

const prefixedName = /^([A-Za-z][\w.-]*):([^/].*)?$/;

/**
 * The property named by `value`: an absolute IRI, or a prefixed name such as
 * "dcterms:temporal" whose prefix the data's JSON-LD context declares.
 * Anything else throws a BAD_USER_INPUT error naming `argument`.
 */
export function requireProperty(argument: string, value: string): NamedNode {
  const prefixed = prefixedName.exec(value);
  const namespace = prefixed === null ? undefined : prefixes.get(prefixed[1]!);
  const iri = namespace === undefined ? value : namespace + (prefixed![2] ?? '');
  if (!isAcceptableIri(iri)) {
    throw badUserInput(argument, 'a property IRI such as "http://purl.org/dc/terms/temporal" or a prefixed name such as "dcterms:temporal"', value);
  }
  return DataFactory.namedNode(iri);
}
