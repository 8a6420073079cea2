import { DataFactory, type NamedNode } from 'n3';
import type { PathResolvers, PathStepResolvers, QueryResolvers, RelationPropertyResolvers } from '../generated/resolvers.js';
import type { Resource } from '../../rdf/Graph.js';
import { findPaths } from '../../network/findPaths.js';
import { organisationNetworkOf, type OrganisationNetwork } from '../../network/organisationNetworkOf.js';
import { inLanguage, propertyReadings, type PropertyReadings } from '../../network/propertyReadings.js';
import { badUserInput } from '../errors.js';
import { languageFor } from '../language.js';
import { boundListsOf } from '../largestListSizes.js';
import { requireIri } from '../requireIri.js';

/** Most steps a path may have. */
export const MAX_PATH_LENGTH = 6;
/** Most paths one query answers. */
export const MAX_PATHS = 50;
/** Most relations one search looks at: bounds the work of a query whatever the network's shape. */
export const MAX_PATH_SEARCH_WORK = 100_000;

/** The root field, merged into Query's resolvers. */
export const PathsQuery: Pick<Required<QueryResolvers>, 'paths'> = {
  paths: (_root, { from, to, maxLength, first }, { graph }) => {
    // The arguments are checked before the network is built: measuring the root lists calls this without any (see largestListSizes).
    requireIri('from', from);
    requireIri('to', to);
    if (!isWithin(maxLength, 1, MAX_PATH_LENGTH)) throw badUserInput('maxLength', `a number of steps from 1 to ${MAX_PATH_LENGTH}`, maxLength);
    if (!isWithin(first, 1, MAX_PATHS)) throw badUserInput('first', `a number of paths from 1 to ${MAX_PATHS}`, first);
    const network = organisationNetworkOf(graph);
    const start = organisation(network, 'from', from);
    const end = organisation(network, 'to', to);
    const found = findPaths(network, start, end, { maxLength, first, maxWork: MAX_PATH_SEARCH_WORK });
    if (!found.complete) {
      const work = MAX_PATH_SEARCH_WORK.toLocaleString('en');
      throw badUserInput('maxLength', `a length whose search looks at no more than ${work} relations (from <${from}> to <${to}> it looks at more; try a smaller one)`, maxLength);
    }
    return found.paths;
  },
};

// A path has at most MAX_PATH_LENGTH steps; measuring it would mean searching between every two organisations.
boundListsOf('Path', { steps: () => MAX_PATH_LENGTH });

export const Path: PathResolvers = {
  length: (path) => path.steps.length,
  steps: (path) => path.steps,
};

export const PathStep: PathStepResolvers = {
  from: (step) => step.from,
  property: (step) => step.relation.property,
  inverse: (step) => step.inverse,
  label: (step, { lang }, context) => {
    const readings = readingsOf(step.relation.property);
    return inLanguage(step.inverse ? readings.inverse : readings.forward, languageFor(lang, context));
  },
  to: (step) => step.to,
  via: (step) => step.relation.via,
  role: (step) => step.relation.role,
  period: (step) => step.relation.period,
};

export const RelationProperty: RelationPropertyResolvers = {
  id: (property) => property.value,
  label: (property, { lang }, context) => inLanguage(readingsOf(property).forward, languageFor(lang, context)),
  inverseLabel: (property, { lang }, context) => inLanguage(readingsOf(property).inverse, languageFor(lang, context)),
};

/** The organisation a well-formed IRI argument names; a BAD_USER_INPUT error naming the argument when it names none. */
function organisation(network: OrganisationNetwork, argument: string, iri: string): Resource {
  const node = DataFactory.namedNode(iri);
  if (network.kindOf(node) === undefined) {
    throw badUserInput(argument, 'the IRI of an organisation in the graph (a municipality, collaboration, project, other organisation or unit)', iri);
  }
  return node;
}

function isWithin(value: number | null | undefined, least: number, most: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= least && value <= most;
}

function readingsOf(property: Resource): PropertyReadings {
  const readings = property.termType === 'NamedNode' ? propertyReadings(property as NamedNode) : undefined;
  if (readings === undefined) throw new Error(`The organisation network relates by <${property.value}>, whose readings are not known`);
  return readings;
}
