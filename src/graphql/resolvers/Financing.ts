import type { FinancingResolvers } from '../generated/resolvers.js';
import { resourcesOfType } from '../../rdf/readTerms.js';
import { dcterms, ks, schema } from '../../rdf/vocabulary.js';
import { description, id, linked, name } from '../fields.js';
import { byIri, sorted } from '../order.js';
import { provenanceFields } from '../provenanceFields.js';

export const Financing: FinancingResolvers = {
  ...provenanceFields,
  id,
  name,
  description,
  financedItem: linked(ks.financedItem),
  period: linked(dcterms.temporal),
  model: linked(ks.financingModel),
  area: (financing, _args, { graph }) => resourcesOfType(graph, financing, dcterms.spatial, ks.County)[0] ?? null,
  grants: (financing, _args, { graph }) => sorted(resourcesOfType(graph, financing, ks.supportedBy, schema.MonetaryGrant), byIri),
};
