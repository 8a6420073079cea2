import type { OrganisationalUnitResolvers } from '../generated/resolvers.js';
import { org } from '../../rdf/vocabulary.js';
import { linked, organisationFields } from '../fields.js';

export const OrganisationalUnit: OrganisationalUnitResolvers = {
  ...organisationFields,
  unitOf: linked(org.unitOf),
};
