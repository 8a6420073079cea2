import type { CountyResolvers } from '../generated/resolvers.js';
import { subjectsOfType } from '../../rdf/readTerms.js';
import { dcterms, ks } from '../../rdf/vocabulary.js';
import { id, literal, name } from '../fields.js';
import { cachedPerResource } from '../cachedPerGraph.js';
import { byCode, sorted } from '../order.js';
import { requiredValue } from '../required.js';
import { provenanceFields } from '../provenanceFields.js';

const municipalitiesOf = cachedPerResource((graph, county) => sorted(subjectsOfType(graph, ks.county, county, ks.Municipality), byCode(graph)));

export const County: CountyResolvers = {
  ...provenanceFields,
  id,
  name,
  code: (county, _args, { graph }) => requiredValue(graph, county, dcterms.identifier),
  isoCode: literal(ks.isoCode),
  municipalities: (county, _args, { graph }) => municipalitiesOf(graph, county),
};
