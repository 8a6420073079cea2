import type { ConceptResolvers } from '../generated/resolvers.js';
import { textOf } from '../../rdf/readTerms.js';
import { dcterms, skos } from '../../rdf/vocabulary.js';
import { id, name } from '../fields.js';
import { languageFor } from '../language.js';
import { provenanceFields } from '../provenanceFields.js';

export const Concept: ConceptResolvers = {
  ...provenanceFields,
  id,
  name,
  description: (concept, { lang }, context) => {
    const language = languageFor(lang, context);
    return textOf(context.graph, concept, skos.definition, language) ?? textOf(context.graph, concept, dcterms.description, language);
  },
};
