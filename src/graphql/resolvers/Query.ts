import { DataFactory } from 'n3';
import type { NamedNode } from 'n3';
import type { Graph, Resource } from '../../rdf/Graph.js';
import type { OrganisationFilter, OrganisationType, QueryResolvers } from '../generated/resolvers.js';
import { dcterms, kg, ks, org, schema, skos } from '../../rdf/vocabulary.js';
import { badUserInput } from '../errors.js';
import { byCode, byName, byPeriodStart, sorted } from '../order.js';
import { paginate } from '../paginate.js';
import { organisationClasses, typeOfResource, type NodeTypeName } from '../typeOfResource.js';

const kommunkod = /^\d{4}$/;
const lanskod = /^\d{2}$/;

const typeNameOfOrganisationType: Readonly<Record<OrganisationType, NodeTypeName>> = {
  MUNICIPALITY: 'Municipality',
  COLLABORATION: 'Collaboration',
  PROJECT: 'Project',
  OTHER_ORGANISATION: 'OtherOrganisation',
  ORGANISATIONAL_UNIT: 'OrganisationalUnit',
};

/** The resource with this IRI when the graph describes it as something of type `typeName`, else null. */
function resourceOfType(graph: Graph, iri: string, typeName: NodeTypeName): Resource | null {
  if (!graph.describes(iri)) return null;
  const resource = DataFactory.namedNode(iri);
  return typeOfResource(graph, resource) === typeName ? resource : null;
}

function instancesOfTypeName(graph: Graph, typeName: NodeTypeName, classes: readonly NamedNode[]): Resource[] {
  return classes.flatMap((type) => graph.instancesOf(type)).filter((resource) => typeOfResource(graph, resource) === typeName);
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
    if (!graph.describes(id)) return null;
    const resource = DataFactory.namedNode(id);
    return typeOfResource(graph, resource) === null ? null : resource;
  },
  collaborations: (_root, _args, { graph }) =>
    sorted(instancesOfTypeName(graph, 'Collaboration', [org.OrganizationalCollaboration]), byName(graph)),
  collaboration: (_root, { id }, { graph }) => resourceOfType(graph, id, 'Collaboration'),
  municipality: (_root, { code }, { graph }) => {
    if (!kommunkod.test(code)) throw badUserInput('code', 'a four-digit kommunkod such as "1883"', code);
    return resourceOfType(graph, kg.municipality(code).value, 'Municipality');
  },
  municipalities: (_root, _args, { graph }) => sorted(graph.instancesOf(ks.Municipality), byCode(graph)),
  county: (_root, { code }, { graph }) => {
    if (!lanskod.test(code)) throw badUserInput('code', 'a two-digit länskod such as "18"', code);
    return resourceOfType(graph, kg.county(code).value, 'County');
  },
  counties: (_root, _args, { graph }) => sorted(graph.instancesOf(ks.County), byCode(graph)),
  projects: (_root, _args, { graph }) => sorted(graph.instancesOf(schema.Project), byName(graph)),
  grants: (_root, _args, { graph }) => sorted(graph.instancesOf(schema.MonetaryGrant), byPeriodStart(graph)),
  organisations: (_root, { filter, first, after }, { graph }) => {
    if (filter?.county !== null && filter?.county !== undefined && !lanskod.test(filter.county)) {
      throw badUserInput('filter.county', 'a two-digit länskod such as "18"', filter.county);
    }
    const all = organisationClasses.flatMap((type) => graph.instancesOf(type));
    const matching = filter ? all.filter((organisation) => matchesFilter(graph, organisation, filter)) : all;
    return paginate(sorted(matching, byName(graph)), first, after);
  },
};
