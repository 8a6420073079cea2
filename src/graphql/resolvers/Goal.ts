import type { GoalResolvers } from '../generated/resolvers.js';
import { valueOf } from '../../rdf/readTerms.js';
import { ks, schema } from '../../rdf/vocabulary.js';
import { linked } from '../fields.js';
import { Concept } from './Concept.js';
import { provenanceFields } from '../provenanceFields.js';

export const Goal: GoalResolvers = {
  ...provenanceFields,
  id: Concept.id,
  name: Concept.name,
  description: Concept.description,
  vision: linked(ks.vision),
  position: (goal, _args, { graph }) => {
    const position = valueOf(graph, goal, schema.position);
    return position === null ? null : Number(position);
  },
};
