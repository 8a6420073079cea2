import type { AreaCoverageResolvers, CountyCoverageResolvers, CoverageResolvers, NationalCoverageResolvers, QueryResolvers, RoleCoverageResolvers } from '../generated/resolvers.js';
import { coverageOf } from '../coverageOf.js';
import { badUserInput } from '../errors.js';
import { boundListsOf, type ListBounds } from '../largestListSizes.js';
import { cachedPerGraph } from '../cachedPerGraph.js';
import { termFromId } from 'n3';
import type { Graph, Resource } from '../../rdf/Graph.js';
import { graphSizesOf } from '../../rdf/graphSizesOf.js';
import { ks, org } from '../../rdf/vocabulary.js';
import { subjectsOfKeys } from '../RecordingGraph.js';
import { collaborationsByName, countiesByCode, municipalitiesByCode, projectsByName } from '../rootLists.js';

const lanskod = /^\d{2}$/;

/** The root field, merged into Query's resolvers. */
export const CoverageQuery: Pick<Required<QueryResolvers>, 'coverage'> = {
  coverage: (_root, _args, { graph }) => coverageOf(graph),
};

export const Coverage: CoverageResolvers = {
  national: (coverage) => coverage.national,
  counties: (coverage) => coverage.counties,
  county: (coverage, { code }) => {
    if (!lanskod.test(code)) throw badUserInput('code', 'a two-digit länskod such as "18"', code);
    return coverage.byCode.get(code) ?? null;
  },
};

export const AreaCoverage: AreaCoverageResolvers = {
  __resolveType: (area) => ('county' in area ? 'CountyCoverage' : 'NationalCoverage'),
};

export const NationalCoverage: NationalCoverageResolvers = {
  municipalityCount: (area) => area.municipalityCount,
  municipalities: (area) => area.municipalities,
  memberCount: (area) => area.memberCount,
  members: (area) => area.members,
  roles: (area) => area.roles,
  administrativePrincipals: (area) => area.administrativePrincipals,
  nonMemberCount: (area) => area.nonMemberCount,
  nonMembers: (area) => area.nonMembers,
  collaborations: (area) => area.collaborations,
  projects: (area) => area.projects,
  datasets: (area) => area.datasets,
};

export const CountyCoverage: CountyCoverageResolvers = {
  county: (area) => area.county,
  ...NationalCoverage,
};

export const RoleCoverage: RoleCoverageResolvers = {
  role: (row) => row.role,
  count: (row) => row.count,
  municipalities: (row) => row.municipalities,
};

/*
 * Upper bounds of the coverage lists for the cost limit, from counts the
 * graph answers at once: computing the coverage itself takes seconds at a
 * million triples, too long to repeat after every publish. Each count is a
 * step of its own in a measurement after a publish, so none stops the
 * server for long. Municipalities, counties, collaborations and projects
 * are counted from the root fields' lists, which the measurement has just
 * updated (the coverage lists hold their resources or fewer); the roles,
 * from those the change's subjects hold.
 */
const municipalityCount = (graph: Graph) => municipalitiesByCode(graph).length;
const countyCount = (graph: Graph) => countiesByCode(graph).length;
const mostInACounty = cachedPerGraph((graph) => Math.max(0, ...graph.instancesOf(ks.County).map((county) => graph.subjects(ks.county, county).length)));
/**
 * Every role a membership holds, by IRI. After a change, the roles its
 * subjects hold are added; one no longer held stays, so the count is an
 * upper bound, as the cost limit needs, and never costs a look at every
 * membership again.
 */
const rolesHeld = cachedPerGraph<ReadonlySet<string>>((graph, previous) => {
  if (previous === undefined) {
    const roles = new Set<string>();
    for (const { object } of graph.match(null, org.role, null, null)) roles.add(object.value);
    return roles;
  }
  let roles: Set<string> | undefined;
  for (const id of subjectsOfKeys(previous.changed)) {
    for (const role of graph.objects(termFromId(id) as Resource, org.role)) if (!previous.value.has(role.value)) (roles ??= new Set(previous.value)).add(role.value);
  }
  return roles ?? previous.value;
});
const roleCount = (graph: Graph) => rolesHeld(graph).size;
const collaborationCount = (graph: Graph) => collaborationsByName(graph).length;
const projectCount = (graph: Graph) => projectsByName(graph).length;
const datasetCount = (graph: Graph) => graphSizesOf(graph).size;

/** The bounds of an area's lists, when no area has more municipalities than `most` answers. */
const areaBounds = (most: (graph: Graph) => number): ListBounds => ({
  municipalities: most,
  members: most,
  administrativePrincipals: most,
  nonMembers: most,
  roles: roleCount,
  collaborations: collaborationCount,
  projects: projectCount,
  datasets: datasetCount,
});

// None of these stands for a resource, and computing them is costly: the cost limit bounds their lists from counts.
boundListsOf('Coverage', { counties: countyCount });
boundListsOf('NationalCoverage', areaBounds(municipalityCount));
boundListsOf('CountyCoverage', areaBounds(mostInACounty));
boundListsOf('RoleCoverage', { municipalities: municipalityCount });
