import type { OtherOrganisationResolvers } from '../generated/resolvers.js';
import { resourcesOf, resourcesOfType } from '../../rdf/readTerms.js';
import { dcterms, ks, org } from '../../rdf/vocabulary.js';
import { organisationFields } from '../fields.js';
import { byCode, byName, sorted } from '../order.js';

export const OtherOrganisation: OtherOrganisationResolvers = {
  ...organisationFields,
  units: (organisation, _args, { graph }) =>
    sorted([...resourcesOf(graph, organisation, org.hasUnit), ...graph.subjects(org.unitOf, organisation)], byName(graph)),
  regions: (organisation, _args, { graph }) => sorted(resourcesOfType(graph, organisation, dcterms.spatial, ks.County), byCode(graph)),
};
