import { DataFactory, type NamedNode } from 'n3';
import type { Graph, Resource } from '../rdf/Graph.js';
import { graphSizesOf } from '../rdf/graphSizesOf.js';
import { valueOf } from '../rdf/readTerms.js';
import { dcterms, ks, org, schema } from '../rdf/vocabulary.js';
import { cachedPerGraph } from './cachedPerGraph.js';
import { byCode, byName, sorted } from './order.js';
import { typeOfResource } from './typeOfResource.js';

/** The municipalities of an area that hold one role in at least one collaboration. */
export interface CoverageOfRole {
  role: Resource;
  count: number;
  /** Sorted by kommunkod. */
  municipalities: Resource[];
}

/** How far the collaborations reach in an area: the whole country, or one county (see CoverageOfCounty). */
export interface CoverageOfArea {
  municipalityCount: number;
  municipalities: Resource[];
  memberCount: number;
  /** Municipalities that are members of at least one collaboration, in any role. */
  members: Resource[];
  /** Sorted by the role's Swedish name. */
  roles: CoverageOfRole[];
  /** Members whose role's org:roleProperty is ks:administrativePrincipalOf. */
  administrativePrincipals: Resource[];
  nonMemberCount: number;
  /** Municipalities that are members of no collaboration. */
  nonMembers: Resource[];
  /** Collaborations (not projects) that cover the area, sorted by Swedish name. */
  collaborations: Resource[];
  /** Projects that cover the area, sorted by Swedish name. */
  projects: Resource[];
  /** Named graphs that describe (state triples whose subject is) one of the area's municipalities, collaborations or projects, sorted by IRI. */
  datasets: NamedNode[];
}

/** How far the collaborations reach in one county. */
export interface CoverageOfCounty extends CoverageOfArea {
  county: Resource;
}

/** The coverage of the country and of each of its counties, over one Graph. */
export interface CoverageOfGraph {
  national: CoverageOfArea;
  /** One per county, sorted by länskod. */
  counties: CoverageOfCounty[];
  /** The counties' coverage by länskod. */
  byCode: ReadonlyMap<string, CoverageOfCounty>;
}

/**
 * The coverage of the country and of each county, computed from the graph
 * once per Graph (so any number of datasets, published or shipped, count):
 *
 * - a municipality is a member when it is the org:member of a membership
 *   whose org:organization is served as a Collaboration or a Project (a
 *   project is also a collaboration of its participants), whatever the
 *   membership's period; it counts in the county it lies in (ks:county);
 * - a collaboration or project covers a county when its dcterms:spatial
 *   names the county, or when one of its members lies in (or, being an
 *   organisation, covers) the county;
 * - nationally every municipality, collaboration and project counts.
 */
export const coverageOf = cachedPerGraph((graph): CoverageOfGraph => computeCoverage(graph));

function computeCoverage(graph: Graph): CoverageOfGraph {
  const codeOrder = byCode(graph);
  const nameOrder = byName(graph);
  const municipalities = sorted(graph.instancesOf(ks.Municipality), codeOrder);
  const counties = sorted(graph.instancesOf(ks.County), codeOrder);
  const memberships = membershipsIn(graph);

  // Each member municipality's roles, and whether one of them makes it an administrative principal.
  const municipalityIds = new Set(municipalities.map((municipality) => municipality.id));
  const principalRoles = new Set(graph.subjects(org.roleProperty, ks.administrativePrincipalOf).map((role) => role.id));
  const rolesOf = new Map<string, Resource[]>();
  const principals = new Set<string>();
  for (const { member, organisation, roles } of memberships) {
    if (!municipalityIds.has(member.id) || !isCollaborationOrProject(graph, organisation)) continue;
    let held = rolesOf.get(member.id);
    if (held === undefined) rolesOf.set(member.id, (held = []));
    held.push(...roles);
    if (roles.some((role) => principalRoles.has(role.id))) principals.add(member.id);
  }

  const organisations = sorted(
    [...graph.instancesOf(org.OrganizationalCollaboration), ...graph.instancesOf(schema.Project)].filter((resource) => isCollaborationOrProject(graph, resource)),
    nameOrder,
  );
  const countiesCovered = countiesCoveredBy(graph, new Set(counties.map((county) => county.id)), memberships);

  // Whether a dataset states a triple about a resource: one probe that stops at the first triple, each asked once.
  const datasets = [...graphSizesOf(graph).keys()].sort().map((iri) => DataFactory.namedNode(iri));
  const probed = new Map(datasets.map((dataset) => [dataset.value, new Map<string, boolean>()]));
  const describes = (dataset: NamedNode, resource: Resource): boolean => {
    const known = probed.get(dataset.value)!;
    let found = known.get(resource.id);
    if (found === undefined) known.set(resource.id, (found = graph.match(resource, null, null, dataset)[Symbol.iterator]().next().done !== true));
    return found;
  };

  const area = (inArea: Resource[], covering: Resource[]): CoverageOfArea => {
    const members = inArea.filter((municipality) => rolesOf.has(municipality.id));
    const holders = new Map<string, { role: Resource; municipalities: Resource[] }>();
    for (const municipality of members) {
      for (const role of rolesOf.get(municipality.id)!) {
        const holder = holders.get(role.id) ?? { role, municipalities: [] };
        if (!holder.municipalities.some((held) => held.equals(municipality))) holder.municipalities.push(municipality);
        holders.set(role.id, holder);
      }
    }
    const roles = sorted([...holders.values()].map(({ role }) => role), nameOrder).map((role) => {
      const held = holders.get(role.id)!.municipalities;
      return { role, count: held.length, municipalities: held };
    });
    const nonMembers = inArea.filter((municipality) => !rolesOf.has(municipality.id));
    const collaborations = covering.filter((organisation) => typeOfResource(graph, organisation) === 'Collaboration');
    const projects = covering.filter((organisation) => typeOfResource(graph, organisation) === 'Project');
    // A dataset that describes something in the area is usually found at one of its first resources.
    const inside = [...inArea, ...covering];
    return {
      municipalityCount: inArea.length,
      municipalities: inArea,
      memberCount: members.length,
      members,
      roles,
      administrativePrincipals: members.filter((municipality) => principals.has(municipality.id)),
      nonMemberCount: nonMembers.length,
      nonMembers,
      collaborations,
      projects,
      datasets: datasets.filter((dataset) => inside.some((resource) => describes(dataset, resource))),
    };
  };

  const countyRows = counties.map((county) => ({
    county,
    ...area(
      municipalities.filter((municipality) => graph.has(municipality, ks.county, county)),
      organisations.filter((organisation) => countiesCovered(organisation).has(county.id)),
    ),
  }));
  const byCodeOfCounty = new Map<string, CoverageOfCounty>();
  for (const coverage of countyRows) {
    const code = valueOf(graph, coverage.county, dcterms.identifier);
    if (code !== null) byCodeOfCounty.set(code, coverage);
  }
  return { national: area(municipalities, organisations), counties: countyRows, byCode: byCodeOfCounty };
}

function isCollaborationOrProject(graph: Graph, resource: Resource): boolean {
  const typeName = typeOfResource(graph, resource);
  return typeName === 'Collaboration' || typeName === 'Project';
}

/** One membership: who is a member of what, in which roles. */
interface MembershipTriples {
  member: Resource;
  organisation: Resource;
  roles: Resource[];
}

/**
 * Every membership of the graph, read a predicate at a time (a few passes
 * over the org:member, org:organization and org:role triples, rather than
 * lookups per organisation: at a million triples that is the difference
 * between milliseconds and seconds).
 */
function membershipsIn(graph: Graph): MembershipTriples[] {
  const objectsBySubject = (predicate: NamedNode): Map<string, Map<string, Resource>> => {
    const found = new Map<string, Map<string, Resource>>();
    for (const quad of graph.match(null, predicate, null, null)) {
      const subject = quad.subject as Resource;
      const object = quad.object as Resource;
      if (object.termType !== 'NamedNode' && object.termType !== 'BlankNode') continue;
      let objects = found.get(subject.id);
      if (objects === undefined) found.set(subject.id, (objects = new Map()));
      objects.set(object.id, object);
    }
    return found;
  };
  const organisations = objectsBySubject(org.organization);
  const roles = objectsBySubject(org.role);
  const members = objectsBySubject(org.member);
  const memberships: MembershipTriples[] = [];
  for (const [membership, ofMembership] of members) {
    const rolesOfMembership = [...(roles.get(membership)?.values() ?? [])];
    for (const member of ofMembership.values()) {
      for (const organisation of organisations.get(membership)?.values() ?? []) memberships.push({ member, organisation, roles: rolesOfMembership });
    }
  }
  return memberships;
}

/**
 * The ids of the counties each organisation covers: those its
 * dcterms:spatial names, the one it lies in (ks:county, for a
 * municipality), and those its members cover in turn. Each organisation's
 * answer is computed once, unless a cycle of memberships was still open
 * when it was (then it may lack counties that the cycle's start reaches).
 */
function countiesCoveredBy(graph: Graph, countyIds: ReadonlySet<string>, memberships: readonly MembershipTriples[]): (organisation: Resource) => ReadonlySet<string> {
  const direct = new Map<string, Set<string>>();
  for (const predicate of [dcterms.spatial, ks.county]) {
    for (const quad of graph.match(null, predicate, null, null)) {
      const subject = quad.subject as Resource;
      const object = quad.object as Resource;
      if (!countyIds.has(object.id)) continue;
      let counties = direct.get(subject.id);
      if (counties === undefined) direct.set(subject.id, (counties = new Set()));
      counties.add(object.id);
    }
  }
  const membersOf = new Map<string, Resource[]>();
  for (const { member, organisation } of memberships) {
    let members = membersOf.get(organisation.id);
    if (members === undefined) membersOf.set(organisation.id, (members = []));
    members.push(member);
  }

  const known = new Map<string, ReadonlySet<string>>();
  const open = new Set<string>();
  const none: ReadonlySet<string> = new Set();
  const cover = (organisation: Resource): { counties: ReadonlySet<string>; complete: boolean } => {
    const done = known.get(organisation.id);
    if (done !== undefined) return { counties: done, complete: true };
    if (open.has(organisation.id)) return { counties: none, complete: false };
    const members = membersOf.get(organisation.id);
    if (members === undefined) {
      const counties = direct.get(organisation.id) ?? none;
      known.set(organisation.id, counties);
      return { counties, complete: true };
    }
    open.add(organisation.id);
    const counties = new Set(direct.get(organisation.id));
    let complete = true;
    for (const member of members) {
      const covered = cover(member);
      for (const county of covered.counties) counties.add(county);
      complete &&= covered.complete;
    }
    open.delete(organisation.id);
    if (complete) known.set(organisation.id, counties);
    return { counties, complete };
  };
  return (organisation) => cover(organisation).counties;
}
