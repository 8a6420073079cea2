import type { CollaborationResolvers } from '../generated/resolvers.js';
import { resourceOf, resourcesOf, subjectsOfType } from '../../rdf/readTerms.js';
import { ks, org, schema } from '../../rdf/vocabulary.js';
import { description, linked, membershipsIn, organisationFields, regions } from '../fields.js';
import { byCode, byName, byPeriodStart, byPosition, sorted } from '../order.js';
import { requireIri } from '../requireIri.js';
import { projectsOf } from './Project.js';
import { provenanceFields } from '../provenanceFields.js';

export const Collaboration: CollaborationResolvers = {
  ...provenanceFields,
  ...organisationFields,
  description,
  members: (collaboration, { role }, context) => {
    const memberships = membershipsIn(collaboration, context);
    if (role !== null && role !== undefined) requireIri('role', role);
    return role ? memberships.filter((membership) => context.graph.objects(membership, org.role).some((term) => term.value === role)) : memberships;
  },
  memberOrganisations: (collaboration, _args, context) =>
    sorted(membershipsIn(collaboration, context).flatMap((membership) => resourcesOf(context.graph, membership, org.member)), byCode(context.graph)),
  administrativePrincipal: (collaboration, _args, context) => {
    const { graph } = context;
    const principal = membershipsIn(collaboration, context).find((membership) => {
      const role = resourceOf(graph, membership, org.role);
      return role !== null && graph.has(role, org.roleProperty, ks.administrativePrincipalOf);
    });
    return principal ? resourceOf(graph, principal, org.member) : null;
  },
  regions,
  purpose: linked(org.purpose),
  goals: (collaboration, _args, { graph }) => sorted(resourcesOf(graph, collaboration, ks.goal), byPosition(graph)),
  vision: linked(ks.vision),
  grants: (collaboration, _args, { graph }) => {
    const recipients = [collaboration, ...projectsOf(graph, collaboration)];
    return sorted(recipients.flatMap((recipient) => subjectsOfType(graph, schema.fundedItem, recipient, schema.MonetaryGrant)), byPeriodStart(graph));
  },
  financing: (collaboration, _args, { graph }) => sorted(subjectsOfType(graph, ks.financedItem, collaboration, ks.Financing), byPeriodStart(graph)),
  projects: (collaboration, _args, { graph }) => sorted(projectsOf(graph, collaboration), byName(graph)),
  linkedOrganisations: (collaboration, _args, { graph }) => sorted(resourcesOf(graph, collaboration, org.linkedTo), byName(graph)),
};
