/**
 * Which GraphQL type an organisation is, from the IRIs of its RDF types, by
 * the same precedence as our API (src/graphql/typeOfResource.ts: a project is
 * also a collaboration, a municipality also an organisation). Spelled out
 * here rather than imported, since ours reads a Graph; null for a resource
 * no organisation type fits (a county, a concept, or nothing known).
 */
import type { NamedNode } from 'n3';
import { ks, org, schema } from '../../src/rdf/vocabulary.js';
import type { PlainOrganisationType } from './PlainObjects.js';

const precedence: ReadonlyArray<readonly [NamedNode, PlainOrganisationType | null]> = [
  [ks.Municipality, 'Municipality'],
  [ks.County, null],
  [schema.Project, 'Project'],
  [org.OrganizationalCollaboration, 'Collaboration'],
  [org.OrganizationalUnit, 'OrganisationalUnit'],
  [org.FormalOrganization, 'OtherOrganisation'],
  [org.Organization, 'OtherOrganisation'],
];

/** The classes whose instances are listed as organisations. */
export const organisationClasses: readonly NamedNode[] = precedence.filter(([, type]) => type !== null).map(([type]) => type);

export function organisationTypeOf(types: ReadonlySet<string>): PlainOrganisationType | null {
  for (const [type, typeName] of precedence) if (types.has(type.value)) return typeName;
  return null;
}
