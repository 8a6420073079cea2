import { DataFactory } from 'n3';
import type { Graph, Resource } from '../../rdf/Graph.js';
import type { OrganisationFilter, QueryResolvers } from '../generated/resolvers.js';
import { dcterms, kg, ks, skos } from '../../rdf/vocabulary.js';
import { badUserInput } from '../errors.js';
import { paginate } from '../paginate.js';
import { requireIri } from '../requireIri.js';
import {
  collaborationsByName,
  countiesByCode,
  grantsByPeriod,
  municipalitiesByCode,
  organisationsByName,
  organisationsOfType,
  projectsByName,
  typeNameOfOrganisationType,
} from '../rootLists.js';
import { typeOfResource, type NodeTypeName } from '../typeOfResource.js';

const kommunkod = /^\d{4}$/;
const lanskod = /^\d{2}$/;

/** The resource with this IRI when the graph describes it as something of type `typeName`, else null. */
function resourceOfType(graph: Graph, iri: string, typeName: NodeTypeName): Resource | null {
  if (!graph.describes(iri)) return null;
  const resource = DataFactory.namedNode(iri);
  return typeOfResource(graph, resource) === typeName ? resource : null;
}

function matchesFilter(graph: Graph, organisation: Resource, filter: OrganisationFilter): boolean {
  if (filter.type && typeOfResource(graph, organisation) !== typeNameOfOrganisationType[filter.type]) return false;
  if (filter.county !== null && filter.county !== undefined) {
    const county = kg.county(filter.county);
    if (!graph.has(organisation, ks.county, county) && !graph.has(organisation, dcterms.spatial, county)) return false;
  }
  if (filter.name !== null && filter.name !== undefined) {
    const wanted = filter.name.toLocaleLowerCase('sv');
    const names = [...graph.literals(organisation, skos.prefLabel), ...graph.literals(organisation, skos.altLabel)];
    if (!names.some((label) => label.value.toLocaleLowerCase('sv').includes(wanted))) return false;
  }
  return true;
}

export const Query: QueryResolvers = {
  node: (_root, { id }, { graph }) => {
    if (!graph.describes(requireIri('id', id))) return null;
    const resource = DataFactory.namedNode(id);
    return typeOfResource(graph, resource) === null ? null : resource;
  },
  collaborations: (_root, _args, { graph }) => collaborationsByName(graph),
  collaboration: (_root, { id }, { graph }) => resourceOfType(graph, requireIri('id', id), 'Collaboration'),
  municipality: (_root, { code }, { graph }) => {
    if (!kommunkod.test(code)) throw badUserInput('code', 'a four-digit kommunkod such as "1883"', code);
    return resourceOfType(graph, kg.municipality(code).value, 'Municipality');
  },
  municipalities: (_root, _args, { graph }) => municipalitiesByCode(graph),
  county: (_root, { code }, { graph }) => {
    if (!lanskod.test(code)) throw badUserInput('code', 'a two-digit länskod such as "18"', code);
    return resourceOfType(graph, kg.county(code).value, 'County');
  },
  counties: (_root, _args, { graph }) => countiesByCode(graph),
  projects: (_root, _args, { graph }) => projectsByName(graph),
  grants: (_root, _args, { graph }) => grantsByPeriod(graph),
  organisations: (_root, { filter, first, after }, { graph }) => {
    if (filter?.county !== null && filter?.county !== undefined && !lanskod.test(filter.county)) {
      throw badUserInput('filter.county', 'a two-digit länskod such as "18"', filter.county);
    }
    const candidates = filter?.type ? organisationsOfType[filter.type](graph) : organisationsByName(graph);
    const { type: _type, ...rest } = filter ?? {};
    const narrowed = Object.values(rest).some((value) => value !== null && value !== undefined);
    return paginate(narrowed ? candidates.filter((organisation) => matchesFilter(graph, organisation, rest)) : candidates, first, after);
  },
};
