import type { MunicipalityResolvers } from '../generated/resolvers.js';
import { dcterms, ks } from '../../rdf/vocabulary.js';
import { organisationFields } from '../fields.js';
import { requiredResource, requiredValue } from '../required.js';
import { provenanceFields } from '../provenanceFields.js';

export const Municipality: MunicipalityResolvers = {
  ...provenanceFields,
  ...organisationFields,
  code: (municipality, _args, { graph }) => requiredValue(graph, municipality, dcterms.identifier),
  county: (municipality, _args, { graph }) => requiredResource(graph, municipality, ks.county),
};
