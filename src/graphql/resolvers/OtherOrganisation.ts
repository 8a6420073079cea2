import type { OtherOrganisationResolvers } from '../generated/resolvers.js';
import { resourcesOf } from '../../rdf/readTerms.js';
import { org } from '../../rdf/vocabulary.js';
import { organisationFields, regions } from '../fields.js';
import { byName, sorted } from '../order.js';
import { provenanceFields } from '../provenanceFields.js';

export const OtherOrganisation: OtherOrganisationResolvers = {
  ...provenanceFields,
  ...organisationFields,
  units: (organisation, _args, { graph }) =>
    sorted([...resourcesOf(graph, organisation, org.hasUnit), ...graph.subjects(org.unitOf, organisation)], byName(graph)),
  regions,
};
