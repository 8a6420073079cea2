import type { AreaCoverageResolvers, CountyCoverageResolvers, CoverageResolvers, NationalCoverageResolvers, QueryResolvers, RoleCoverageResolvers } from '../generated/resolvers.js';
import { coverageOf } from '../coverageOf.js';
import { badUserInput } from '../errors.js';
import { boundListsOf, type ListBounds } from '../largestListSizes.js';
import { cachedPerGraph } from '../cachedPerGraph.js';
import type { Graph } from '../../rdf/Graph.js';
import { graphSizesOf } from '../../rdf/graphSizesOf.js';
import { ks, org, schema } from '../../rdf/vocabulary.js';

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
 * server for long.
 */
const municipalityCount = cachedPerGraph((graph) => graph.instancesOf(ks.Municipality).length);
const countyCount = cachedPerGraph((graph) => graph.instancesOf(ks.County).length);
const mostInACounty = cachedPerGraph((graph) => Math.max(0, ...graph.instancesOf(ks.County).map((county) => graph.subjects(ks.county, county).length)));
const roleCount = cachedPerGraph((graph) => {
  const roles = new Set<string>();
  for (const { object } of graph.match(null, org.role, null, null)) roles.add(object.value);
  return roles.size;
});
const collaborationCount = cachedPerGraph((graph) => graph.instancesOf(org.OrganizationalCollaboration).length);
const projectCount = cachedPerGraph((graph) => graph.instancesOf(schema.Project).length);
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
