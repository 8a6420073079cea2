import type { AreaCoverageResolvers, CountyCoverageResolvers, CoverageResolvers, NationalCoverageResolvers, QueryResolvers, RoleCoverageResolvers } from '../generated/resolvers.js';
import { coverageOf } from '../coverageOf.js';
import { badUserInput } from '../errors.js';
import { measureListsOf } from '../largestListSizes.js';

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

// None of these stands for a resource: the cost limit bounds their lists by measuring every one of them.
measureListsOf('Coverage', (graph) => [coverageOf(graph)]);
measureListsOf('NationalCoverage', (graph) => [coverageOf(graph).national]);
measureListsOf('CountyCoverage', (graph) => coverageOf(graph).counties);
measureListsOf('RoleCoverage', (graph) => {
  const { national, counties } = coverageOf(graph);
  return [national, ...counties].flatMap((area) => area.roles);
});
