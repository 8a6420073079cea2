import type { PeriodResolvers } from '../generated/resolvers.js';
import { dcat, ks, rdf, skos } from '../../rdf/vocabulary.js';
import { literal, textField } from '../fields.js';

export const Period: PeriodResolvers = {
  id: (period) => (period.termType === 'NamedNode' ? period.value : null),
  start: literal(dcat.startDate),
  end: literal(dcat.endDate),
  schoolYear: (period, _args, { graph }) => graph.has(period, rdf.type, ks.SchoolYear),
  name: textField(skos.prefLabel),
};
