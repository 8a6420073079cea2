import type { Resolvers } from '../generated/resolvers.js';
import { Agent } from './Agent.js';
import { Agreement } from './Agreement.js';
import { Claim } from './Claim.js';
import { Collaboration } from './Collaboration.js';
import { Concept } from './Concept.js';
import { County } from './County.js';
import { Dataset, DatasetQuery } from './Dataset.js';
import { AreaCoverage, CountyCoverage, Coverage, CoverageQuery, NationalCoverage, RoleCoverage } from './Coverage.js';
import { Financing } from './Financing.js';
import { Goal } from './Goal.js';
import { Grant } from './Grant.js';
import { Membership } from './Membership.js';
import { Municipality } from './Municipality.js';
import { NodeConnection, NodeEdge } from './NodeConnection.js';
import { Node, Organisation } from './Node.js';
import { OrganisationalUnit } from './OrganisationalUnit.js';
import { OrganisationConnection, OrganisationEdge, PageInfo } from './OrganisationConnection.js';
import { OtherOrganisation } from './OtherOrganisation.js';
import { Path, PathStep, PathsQuery, RelationProperty } from './Path.js';
import { Period } from './Period.js';
import { Project } from './Project.js';
import { Query } from './Query.js';
import { Measure, Observation, StatisticsAggregate, StatisticsArea, StatisticsQuery } from './Statistics.js';

/** Every resolver of the schema, one module per GraphQL type. */
export const resolvers: Resolvers = {
  Query: { ...Query, ...CoverageQuery, ...StatisticsQuery, ...DatasetQuery, ...PathsQuery },
  Node,
  Organisation,
  Collaboration,
  Municipality,
  OtherOrganisation,
  OrganisationalUnit,
  Membership,
  Agreement,
  Concept,
  Goal,
  County,
  Period,
  Grant,
  Financing,
  Project,
  OrganisationConnection,
  OrganisationEdge,
  PageInfo,
  Dataset,
  Agent,
  Claim,
  NodeConnection,
  NodeEdge,
  Observation,
  Measure,
  StatisticsArea,
  StatisticsAggregate,
  Coverage,
  AreaCoverage,
  NationalCoverage,
  CountyCoverage,
  RoleCoverage,
  Path,
  PathStep,
  RelationProperty,
};
