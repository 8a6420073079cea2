import type { OrganisationalUnitResolvers } from '../generated/resolvers.js';
import { org } from '../../rdf/vocabulary.js';
import { linked, organisationFields } from '../fields.js';
import { provenanceFields } from '../provenanceFields.js';

export const OrganisationalUnit: OrganisationalUnitResolvers = {
  ...provenanceFields,
  ...organisationFields,
  unitOf: linked(org.unitOf),
};
