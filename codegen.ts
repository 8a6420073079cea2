import type { CodegenConfig } from '@graphql-codegen/cli';

// Every GraphQL object that stands for an RDF resource is backed by its term.
const resource = '../../rdf/Graph.js#Resource';
const resourceTypes = [
  'Node',
  'Organisation',
  'Collaboration',
  'Municipality',
  'OtherOrganisation',
  'OrganisationalUnit',
  'Membership',
  'Agreement',
  'Concept',
  'Goal',
  'County',
  'Period',
  'Grant',
  'Financing',
  'Project',
  'Observation',
  'Measure',
  'StatisticsArea',
  'Dataset',
  'Agent',
  'RelationProperty',
];

// Types that stand for no resource are backed by the views computed from the graph.
const derivedTypes = {
  Coverage: '../coverageOf.js#CoverageOfGraph',
  AreaCoverage: '../coverageOf.js#CoverageOfArea',
  NationalCoverage: '../coverageOf.js#CoverageOfArea',
  CountyCoverage: '../coverageOf.js#CoverageOfCounty',
  RoleCoverage: '../coverageOf.js#CoverageOfRole',
  Claim: '../../rdf/claimsAbout.js#ClaimInDataset',
  StatisticsAggregate: '../aggregateObservations.js#AggregateOfObservations',
  Path: '../../network/findPaths.js#FoundPath',
  PathStep: '../../network/findPaths.js#FoundStep',
};

const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  generates: {
    'src/graphql/generated/resolvers.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        contextType: '../context.js#Context',
        mappers: { ...Object.fromEntries(resourceTypes.map((type) => [type, resource])), ...derivedTypes },
        avoidOptionals: { field: true, resolvers: true, inputValue: false, object: false, defaultValue: false },
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { ID: 'string' },
        useIndexSignature: false,
        optionalResolveType: false,
      },
    },
  },
};

export default config;
