import type { NodeResolvers, OrganisationResolvers } from '../generated/resolvers.js';
import { isOrganisationType, typeOfResource } from '../typeOfResource.js';

export const Node: NodeResolvers = {
  __resolveType: (resource, { graph }) => {
    const typeName = typeOfResource(graph, resource);
    if (typeName === null) throw new Error(`No GraphQL type fits the RDF types of <${resource.value}>`);
    return typeName;
  },
};

export const Organisation: OrganisationResolvers = {
  __resolveType: (resource, { graph }) => {
    const typeName = typeOfResource(graph, resource);
    if (!isOrganisationType(typeName)) throw new Error(`<${resource.value}> is linked as an organisation but its RDF types make it a ${typeName ?? 'nothing known'}`);
    return typeName;
  },
};
