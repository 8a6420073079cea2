import type { NamedNode } from 'n3';
import type { Graph, Resource } from '../rdf/Graph.js';
import { resourceOf, resourcesOf } from '../rdf/readTerms.js';
import { dcterms, ks, org, schema } from '../rdf/vocabulary.js';
import { cachedPerGraph } from '../graphql/cachedPerGraph.js';
import { isOrganisationType, organisationClasses, typeOfResource, type OrganisationTypeName } from '../graphql/typeOfResource.js';
import { propertyReadings } from './propertyReadings.js';

/**
 * One relationship between two organisations: `source property target`
 * holds, stated by a plain triple or through an n-ary resource (`via`): a
 * membership (W3C ORG) whose member is the source and whose organisation is
 * the target, or a grant whose funded item is the source and whose funder is
 * the target.
 */
export interface Relation {
  source: Resource;
  target: Resource;
  /** org:memberOf (or the role's org:roleProperty), schema:funder, ks:initiatedBy, org:unitOf or org:linkedTo. */
  property: NamedNode;
  /** The membership or grant the relation is stated through; null for a plain triple. */
  via: Resource | null;
  /** A membership's org:role. */
  role: Resource | null;
  /** A membership's org:memberDuring, a grant's dcterms:temporal. */
  period: Resource | null;
}

/** The organisation network of one Graph: who is related to whom, and how. */
export interface OrganisationNetwork {
  /** Every organisation (municipality, collaboration, project, other organisation, unit), by IRI. */
  readonly nodes: readonly Resource[];
  /** Every relation, sorted by source, property, target and via (IRI order). */
  readonly relations: readonly Relation[];
  /** The GraphQL type an organisation is served as, or undefined when `node` is no organisation of the network. */
  kindOf(node: Resource): OrganisationTypeName | undefined;
  /** The relations that have `node` as source or target, in the order of `relations`. */
  relationsOf(node: Resource): readonly Relation[];
}

/**
 * The organisation network of a Graph, built once per Graph (see
 * cachedPerGraph): its nodes are the organisations, its relations the
 * memberships (one per membership, so two roles are two relations), the
 * grants' funding (funded item to funder, once per funder and item), the
 * initiation of projects, units (org:unitOf, or org:hasUnit read backwards)
 * and org:linkedTo. A shortcut triple (org:memberOf,
 * ks:administrativePrincipalOf) counts only between organisations that no
 * membership relates, so a membership and its shortcut are one relation.
 *
 * Left out, because they are not relationships between organisations or
 * would relate nearly everything to everything: types and labels, areas
 * (ks:county, dcterms:spatial: every municipality of a county would be two
 * steps from every other), concepts (roles, goals, themes, purposes),
 * periods, agreements, financing records, provenance and statistics.
 */
export const organisationNetworkOf: (graph: Graph) => OrganisationNetwork = cachedPerGraph((graph) => buildNetwork(graph));

/** Properties stated between two organisations as plain triples. */
const plainProperties: readonly NamedNode[] = [ks.initiatedBy, org.unitOf, org.linkedTo, schema.funder];

/** Shortcuts that a membership states as well. */
const membershipShortcuts: readonly NamedNode[] = [org.memberOf, ks.administrativePrincipalOf];

function buildNetwork(graph: Graph): OrganisationNetwork {
  const kinds = new Map<string, OrganisationTypeName>();
  const nodes = new Map<string, Resource>();
  for (const type of organisationClasses) {
    for (const resource of graph.instancesOf(type)) {
      const kind = typeOfResource(graph, resource);
      if (isOrganisationType(kind)) {
        kinds.set(resource.id, kind);
        nodes.set(resource.id, resource);
      }
    }
  }
  const isNode = (term: Resource) => kinds.has(term.id);
  const relations = new Map<string, Relation>();
  const add = (relation: Relation) => {
    const key = [relation.source.id, relation.property.id, relation.target.id, relation.via?.id ?? ''].join(' ');
    if (!relations.has(key)) relations.set(key, relation);
  };

  const relatedByMembership = new Set<string>();
  for (const membership of graph.instancesOf(org.Membership)) {
    const role = resourceOf(graph, membership, org.role);
    const roleProperty = role === null ? null : resourceOf(graph, role, org.roleProperty);
    // A role's own property (the administrative principal's) only where its readings are known; any other role is a membership.
    const property = roleProperty?.termType === 'NamedNode' && propertyReadings(roleProperty) !== undefined ? roleProperty : org.memberOf;
    const period = resourceOf(graph, membership, org.memberDuring);
    for (const member of resourcesOf(graph, membership, org.member).filter(isNode)) {
      for (const organisation of resourcesOf(graph, membership, org.organization).filter(isNode)) {
        relatedByMembership.add(`${member.id} ${organisation.id}`);
        add({ source: member, target: organisation, property, via: membership, role, period });
      }
    }
  }
  for (const property of membershipShortcuts) {
    for (const { subject, object } of graph.match(null, property, null, null)) {
      const [source, target] = [subject as Resource, object as Resource];
      if (isResource(object) && isNode(source) && isNode(target) && !relatedByMembership.has(`${source.id} ${target.id}`)) {
        add({ source, target, property, via: null, role: null, period: null });
      }
    }
  }

  for (const grant of graph.instancesOf(schema.MonetaryGrant)) {
    const period = resourceOf(graph, grant, dcterms.temporal);
    for (const item of resourcesOf(graph, grant, schema.fundedItem).filter(isNode)) {
      for (const funder of resourcesOf(graph, grant, schema.funder).filter(isNode)) {
        add({ source: item, target: funder, property: schema.funder, via: grant, role: null, period });
      }
    }
  }

  for (const property of plainProperties) {
    for (const { subject, object } of graph.match(null, property, null, null)) {
      if (isResource(object) && isNode(subject as Resource) && isNode(object)) {
        add({ source: subject as Resource, target: object, property, via: null, role: null, period: null });
      }
    }
  }
  for (const { subject, object } of graph.match(null, org.hasUnit, null, null)) {
    if (isResource(object) && isNode(subject as Resource) && isNode(object)) {
      add({ source: object, target: subject as Resource, property: org.unitOf, via: null, role: null, period: null });
    }
  }

  const sortedRelations = [...relations.values()].sort(byEnds);
  const incident = new Map<string, Relation[]>();
  for (const relation of sortedRelations) {
    for (const end of new Set([relation.source.id, relation.target.id])) {
      let list = incident.get(end);
      if (list === undefined) incident.set(end, (list = []));
      list.push(relation);
    }
  }
  const sortedNodes = [...nodes.values()].sort((a, b) => compare(a.value, b.value));
  return {
    nodes: sortedNodes,
    relations: sortedRelations,
    kindOf: (node) => kinds.get(node.id),
    relationsOf: (node) => incident.get(node.id) ?? [],
  };
}

function byEnds(a: Relation, b: Relation): number {
  return (
    compare(a.source.value, b.source.value) ||
    compare(a.property.value, b.property.value) ||
    compare(a.target.value, b.target.value) ||
    compare(a.via?.value ?? '', b.via?.value ?? '')
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isResource(term: { termType: string }): term is Resource {
  return term.termType === 'NamedNode' || term.termType === 'BlankNode';
}
