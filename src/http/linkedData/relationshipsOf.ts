import type { NamedNode } from 'n3';
import type { Graph, Resource } from '../../rdf/Graph.js';
import { resourceOf, resourcesOf, resourcesOfType, subjectsOfType } from '../../rdf/readTerms.js';
import { dcterms, ks, org, rdf, schema } from '../../rdf/vocabulary.js';
import { byCode, byIri, byName, sorted } from '../../graphql/order.js';

/** A member of the collaboration, with every role it holds there. */
export interface PictureMember {
  member: Resource;
  /** Sorted by Swedish name. */
  roles: Resource[];
  /** Whether one of its roles makes it the administrative principal (the role's org:roleProperty is ks:administrativePrincipalOf). */
  principal: boolean;
}

/** What a line in the picture stands for. */
export type PictureEdgeKind = 'membership' | 'spatial' | 'participation' | 'funding' | 'initiative';

/** One stated relationship: `from` is related to `to` as `kind` says, through `via` (a membership or a grant) when there is one. */
export interface PictureEdge {
  kind: PictureEdgeKind;
  from: Resource;
  to: Resource;
  /** The membership's role, for memberships and participations. */
  role: Resource | null;
  /** The resource that states it (a membership, a grant), or null for a direct link (dcterms:spatial, ks:initiatedBy, schema:funder). */
  via: Resource | null;
  /** For a membership: whether its role makes the member the administrative principal. */
  principal: boolean;
}

/** A project the collaboration takes part in, with who funds and who initiated it. */
export interface PictureProject {
  project: Resource;
  funders: Resource[];
  initiators: Resource[];
}

/** Everything a collaboration's relationship picture shows. */
export interface Relationships {
  collaboration: NamedNode;
  /** Whether the collaboration is a project (schema:Project). */
  project: boolean;
  /** Sorted by kommunkod, then name. */
  members: PictureMember[];
  /** The counties it works in (dcterms:spatial), sorted by länskod. */
  counties: Resource[];
  /** The projects it is a member of, sorted by name. */
  projects: PictureProject[];
  /** Who funds the collaboration itself, sorted by name. */
  funders: Resource[];
  /** Who initiated the collaboration itself (ks:initiatedBy, as a project states it), sorted by name. */
  initiators: Resource[];
  /** One per stated relationship, in the order the picture lists them: memberships, counties, projects, funding, initiatives. */
  edges: PictureEdge[];
}

/**
 * The relationships of a collaboration (anything typed
 * org:OrganizationalCollaboration, a project included), read from the
 * graph: its memberships (member and role), the counties it works in, the
 * projects it is a member of, and who funds it and them (the schema:funder
 * of a schema:MonetaryGrant whose schema:fundedItem it is, or a direct
 * schema:funder) and who initiated it and them (ks:initiatedBy). Null for
 * any other resource.
 */
export function relationshipsOf(graph: Graph, collaboration: NamedNode): Relationships | null {
  if (!graph.has(collaboration, rdf.type, org.OrganizationalCollaboration)) return null;
  const principalRoles = new Set(graph.subjects(org.roleProperty, ks.administrativePrincipalOf).map((role) => role.value));
  const edges: PictureEdge[] = [];

  const memberships = sorted(graph.subjects(org.organization, collaboration), byIri);
  const rolesByMember = new Map<string, { member: Resource; roles: Resource[] }>();
  const membershipEdges: PictureEdge[] = [];
  for (const membership of memberships) {
    const role = resourceOf(graph, membership, org.role);
    for (const member of resourcesOf(graph, membership, org.member)) {
      const held = rolesByMember.get(member.value) ?? { member, roles: [] };
      if (role !== null && !held.roles.some((known) => known.equals(role))) held.roles.push(role);
      rolesByMember.set(member.value, held);
      membershipEdges.push({ kind: 'membership', from: member, to: collaboration, role, via: membership, principal: role !== null && principalRoles.has(role.value) });
    }
  }
  const members = sorted([...rolesByMember.values()].map(({ member }) => member), byCode(graph)).map((member) => {
    const roles = sorted(rolesByMember.get(member.value)!.roles, byName(graph));
    return { member, roles, principal: roles.some((role) => principalRoles.has(role.value)) };
  });
  const memberOrder = new Map(members.map(({ member }, index) => [member.value, index]));
  membershipEdges.sort((a, b) => memberOrder.get(a.from.value)! - memberOrder.get(b.from.value)! || Number(b.principal) - Number(a.principal));
  edges.push(...membershipEdges);

  const counties = sorted(resourcesOfType(graph, collaboration, dcterms.spatial, ks.County), byCode(graph));
  for (const county of counties) edges.push({ kind: 'spatial', from: collaboration, to: county, role: null, via: null, principal: false });

  const participations = graph.subjects(org.member, collaboration).flatMap((membership) =>
    resourcesOfType(graph, membership, org.organization, schema.Project).map((project) => ({ membership, project, role: resourceOf(graph, membership, org.role) })),
  );
  const projects = sorted(participations.map(({ project }) => project), byName(graph)).map((project) => ({
    project,
    funders: fundersOf(graph, project),
    initiators: sorted(resourcesOf(graph, project, ks.initiatedBy), byName(graph)),
  }));
  for (const { project } of projects) {
    for (const participation of participations.filter((known) => known.project.equals(project))) {
      edges.push({ kind: 'participation', from: collaboration, to: project, role: participation.role, via: participation.membership, principal: false });
    }
  }

  const funders = fundersOf(graph, collaboration);
  const initiators = sorted(resourcesOf(graph, collaboration, ks.initiatedBy), byName(graph));
  for (const recipient of [collaboration, ...projects.map(({ project }) => project)]) edges.push(...fundingOf(graph, recipient));
  for (const { project, initiators: ofProject } of [{ project: collaboration, initiators }, ...projects]) {
    for (const initiator of ofProject) edges.push({ kind: 'initiative', from: initiator, to: project, role: null, via: null, principal: false });
  }
  const project = graph.has(collaboration, rdf.type, schema.Project);
  return { collaboration, project, members, counties, projects, funders, initiators, edges };
}

/** Who funds `recipient`, directly or through a grant, sorted by name. */
function fundersOf(graph: Graph, recipient: Resource): Resource[] {
  return sorted(fundingOf(graph, recipient).map(({ from }) => from), byName(graph));
}

/** One edge per funding: each grant's funders, then the direct schema:funder links. */
function fundingOf(graph: Graph, recipient: Resource): PictureEdge[] {
  const grants = sorted(subjectsOfType(graph, schema.fundedItem, recipient, schema.MonetaryGrant), byName(graph));
  const edges: PictureEdge[] = grants.flatMap((grant) =>
    sorted(resourcesOf(graph, grant, schema.funder), byName(graph)).map((funder) => ({ kind: 'funding' as const, from: funder, to: recipient, role: null, via: grant, principal: false })),
  );
  for (const funder of sorted(resourcesOf(graph, recipient, schema.funder), byName(graph))) {
    edges.push({ kind: 'funding', from: funder, to: recipient, role: null, via: null, principal: false });
  }
  return edges;
}

