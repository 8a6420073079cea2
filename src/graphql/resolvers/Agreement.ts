import type { AgreementResolvers } from '../generated/resolvers.js';
import { resourcesOf } from '../../rdf/readTerms.js';
import { ks } from '../../rdf/vocabulary.js';
import { description, id, name } from '../fields.js';
import { byCode, sorted } from '../order.js';
import { provenanceFields } from '../provenanceFields.js';

export const Agreement: AgreementResolvers = {
  ...provenanceFields,
  id,
  name,
  description,
  parties: (agreement, _args, { graph }) => sorted(resourcesOf(graph, agreement, ks.party), byCode(graph)),
};
