import type { NamedNode } from 'n3';
import type { Graph, Resource } from '../rdf/Graph.js';
import { dcat, ks, org, rdf, schema, skos } from '../rdf/vocabulary.js';
import { cachedPerGraph } from './cachedPerGraph.js';

/** GraphQL object types that implement Organisation. */
export type OrganisationTypeName = 'Municipality' | 'Project' | 'Collaboration' | 'OrganisationalUnit' | 'OtherOrganisation';

/** GraphQL object types that stand for a resource of the graph. */
export type NodeTypeName =
  | OrganisationTypeName
  | 'County'
  | 'Membership'
  | 'Grant'
  | 'Financing'
  | 'Agreement'
  | 'Goal'
  | 'Concept'
  | 'Dataset';

const organisationTypeNames: ReadonlySet<NodeTypeName> = new Set<OrganisationTypeName>([
  'Municipality',
  'Project',
  'Collaboration',
  'OrganisationalUnit',
  'OtherOrganisation',
]);

/** Whether the GraphQL type implements Organisation. */
export function isOrganisationType(typeName: NodeTypeName | null): typeName is OrganisationTypeName {
  return typeName !== null && organisationTypeNames.has(typeName);
}

// Most specific first: a project is also a collaboration, a goal also a concept.
const typeByClass: ReadonlyArray<readonly [NamedNode, NodeTypeName]> = [
  [ks.Municipality, 'Municipality'],
  [ks.County, 'County'],
  [schema.Project, 'Project'],
  [org.OrganizationalCollaboration, 'Collaboration'],
  [org.OrganizationalUnit, 'OrganisationalUnit'],
  [org.FormalOrganization, 'OtherOrganisation'],
  [org.Organization, 'OtherOrganisation'],
  [org.Membership, 'Membership'],
  [schema.MonetaryGrant, 'Grant'],
  [ks.Financing, 'Financing'],
  [ks.Agreement, 'Agreement'],
  [ks.Goal, 'Goal'],
  [skos.Concept, 'Concept'],
  [dcat.Dataset, 'Dataset'],
];

/** The classes whose instances are organisations, for listing them all. */
export const organisationClasses: readonly NamedNode[] = typeByClass
  .filter(([, typeName]) => organisationTypeNames.has(typeName))
  .map(([type]) => type);

/** Whether `resource` is an instance of any of `classes` (its rdf:type triples read once, whatever the number of classes). */
export function isInstance(graph: Graph, resource: Resource, classes: readonly NamedNode[]): boolean {
  const types = graph.objects(resource, rdf.type);
  return types.length > 0 && classes.some((type) => types.some((stated) => stated.equals(type)));
}

/** Every class whose instances may be served as `typeName`: a superset, since a more specific class may claim some of them. */
export function classesOfType(typeName: NodeTypeName): NamedNode[] {
  return typeByClass.filter(([, name]) => name === typeName).map(([type]) => type);
}

const typeNames = cachedPerGraph(() => new Map<string, NodeTypeName | null>());

/** The GraphQL type of a resource, from its most specific RDF type; null when no GraphQL type fits. */
export function typeOfResource(graph: Graph, resource: Resource): NodeTypeName | null {
  const known = typeNames(graph);
  const key = resource.termType === 'BlankNode' ? `_:${resource.value}` : resource.value;
  let typeName = known.get(key);
  if (typeName === undefined) {
    const types = graph.objects(resource, rdf.type);
    typeName = types.length === 0 ? null : (typeByClass.find(([type]) => types.some((stated) => stated.equals(type)))?.[1] ?? null);
    known.set(key, typeName);
  }
  return typeName;
}
