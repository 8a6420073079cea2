import type { Graph, Resource } from '../../rdf/Graph.js';
import type { ProjectResolvers } from '../generated/resolvers.js';
import { resourceOf, resourcesOf, resourcesOfType, subjectsOfType, valueOf } from '../../rdf/readTerms.js';
import { dcterms, ks, org, schema } from '../../rdf/vocabulary.js';
import { description, linked, membershipsIn, organisationFields, regions } from '../fields.js';
import { byIri, byName, byPosition, sorted } from '../order.js';
import { provenanceFields } from '../provenanceFields.js';

/** Projects that `organisation` takes part in as a member. */
export function projectsOf(graph: Graph, organisation: Resource): Resource[] {
  return graph
    .subjects(org.member, organisation)
    .flatMap((membership) => resourcesOfType(graph, membership, org.organization, schema.Project));
}

function grantsFor(graph: Graph, project: Resource): Resource[] {
  return sorted(subjectsOfType(graph, schema.fundedItem, project, schema.MonetaryGrant), byIri);
}

function audienceAge(graph: Graph, project: Resource, predicate: typeof schema.suggestedMinAge): number | null {
  const audience = resourceOf(graph, project, dcterms.audience);
  const age = audience && valueOf(graph, audience, predicate);
  return age === null ? null : Number(age);
}

export const Project: ProjectResolvers = {
  ...provenanceFields,
  ...organisationFields,
  description,
  members: (project, _args, context) => membershipsIn(project, context),
  purpose: linked(org.purpose),
  initiator: linked(ks.initiatedBy),
  grants: (project, _args, { graph }) => grantsFor(graph, project),
  funders: (project, _args, { graph }) =>
    sorted(
      [...resourcesOf(graph, project, schema.funder), ...grantsFor(graph, project).flatMap((grant) => resourcesOf(graph, grant, schema.funder))],
      byName(graph),
    ),
  regions,
  minAge: (project, _args, { graph }) => audienceAge(graph, project, schema.suggestedMinAge),
  maxAge: (project, _args, { graph }) => audienceAge(graph, project, schema.suggestedMaxAge),
  themes: (project, _args, { graph }) => sorted(resourcesOf(graph, project, dcterms.subject), byPosition(graph)),
  period: linked(dcterms.temporal),
};
