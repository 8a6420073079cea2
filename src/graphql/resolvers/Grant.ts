import type { GrantResolvers } from '../generated/resolvers.js';
import { resourcesOf } from '../../rdf/readTerms.js';
import { dcterms, schema } from '../../rdf/vocabulary.js';
import { description, id, linked, name } from '../fields.js';
import { byName, sorted } from '../order.js';
import { provenanceFields } from '../provenanceFields.js';

export const Grant: GrantResolvers = {
  ...provenanceFields,
  id,
  name,
  description,
  funders: (grant, _args, { graph }) => sorted(resourcesOf(graph, grant, schema.funder), byName(graph)),
  recipient: linked(schema.fundedItem),
  period: linked(dcterms.temporal),
};
