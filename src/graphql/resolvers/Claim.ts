import type { ClaimResolvers } from '../generated/resolvers.js';
import { dcat } from '../../rdf/vocabulary.js';
import { typeOfResource } from '../typeOfResource.js';

export const Claim: ClaimResolvers = {
  property: (claim) => claim.property.value,
  value: ({ value }) => (value.termType === 'BlankNode' ? null : value.value),
  language: ({ value }) => (value.termType === 'Literal' && value.language !== '' ? value.language : null),
  dataset: (claim) => claim.dataset,
  home: (claim) => claim.home,
  resource: ({ value }, _args, { graph }) =>
    (value.termType === 'NamedNode' || value.termType === 'BlankNode') && typeOfResource(graph, value) !== null ? value : null,
  period: ({ value }, _args, { graph }) =>
    (value.termType === 'NamedNode' || value.termType === 'BlankNode') &&
    (graph.objects(value, dcat.startDate).length > 0 || graph.objects(value, dcat.endDate).length > 0)
      ? value
      : null,
};
