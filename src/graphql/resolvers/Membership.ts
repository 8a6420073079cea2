import type { MembershipResolvers } from '../generated/resolvers.js';
import { ks, org } from '../../rdf/vocabulary.js';
import { id, linked } from '../fields.js';
import { requiredResource } from '../required.js';
import { provenanceFields } from '../provenanceFields.js';

export const Membership: MembershipResolvers = {
  ...provenanceFields,
  id,
  member: (membership, _args, { graph }) => requiredResource(graph, membership, org.member),
  organisation: (membership, _args, { graph }) => requiredResource(graph, membership, org.organization),
  role: (membership, _args, { graph }) => requiredResource(graph, membership, org.role),
  period: linked(org.memberDuring),
  basis: linked(ks.basis),
};
