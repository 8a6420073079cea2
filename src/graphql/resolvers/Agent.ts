import type { AgentResolvers } from '../generated/resolvers.js';
import { textOf } from '../../rdf/readTerms.js';
import { foaf, skos } from '../../rdf/vocabulary.js';
import { id } from '../fields.js';
import { languageFor } from '../language.js';

export const Agent: AgentResolvers = {
  id,
  name: (agent, { lang }, context) => {
    const language = languageFor(lang, context);
    return textOf(context.graph, agent, foaf.name, language) ?? textOf(context.graph, agent, skos.prefLabel, language);
  },
};
