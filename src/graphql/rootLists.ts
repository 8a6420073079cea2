import { dcterms, ks, org, schema } from '../rdf/vocabulary.js';
import type { OrganisationType } from './generated/resolvers.js';
import { byCode, byName, byPeriodStart } from './order.js';
import { sortedPerGraph, type SortedView } from './sortedPerGraph.js';
import { organisationClasses, type NodeTypeName } from './typeOfResource.js';

/*
 * The whole lists the root fields answer, sorted once per Graph: they are the
 * same for every request, and after a publish each is updated, not sorted
 * again (see sortedPerGraph). The list sizes' bounds count them too (see
 * Coverage), so that a publish does not count the same instances again.
 */

/** The GraphQL type each value of the OrganisationType filter stands for. */
export const typeNameOfOrganisationType: Readonly<Record<OrganisationType, NodeTypeName>> = {
  MUNICIPALITY: 'Municipality',
  COLLABORATION: 'Collaboration',
  PROJECT: 'Project',
  OTHER_ORGANISATION: 'OtherOrganisation',
  ORGANISATIONAL_UNIT: 'OrganisationalUnit',
};

/** Every resource served as a Collaboration, by Swedish name. */
export const collaborationsByName = sortedPerGraph({ classes: [org.OrganizationalCollaboration], typeName: 'Collaboration', order: byName });
/** Every ks:Municipality, by kommunkod. */
export const municipalitiesByCode = sortedPerGraph({ classes: [ks.Municipality], order: byCode });
/** Every ks:County, by länskod. */
export const countiesByCode = sortedPerGraph({ classes: [ks.County], order: byCode });
/** Every schema:Project, by Swedish name. */
export const projectsByName = sortedPerGraph({ classes: [schema.Project], order: byName });
/** Every grant, by the start of its period. */
export const grantsByPeriod = sortedPerGraph({ classes: [schema.MonetaryGrant], order: byPeriodStart, through: [dcterms.temporal] });
/** Every organisation, by Swedish name. */
export const organisationsByName = sortedPerGraph({ classes: organisationClasses, order: byName });
/** The organisations of each type, by Swedish name. */
export const organisationsOfType = Object.fromEntries(
  Object.entries(typeNameOfOrganisationType).map(([type, typeName]) => [
    type,
    sortedPerGraph({ classes: organisationClasses, typeName, order: byName, within: organisationsByName }),
  ]),
) as Readonly<Record<OrganisationType, SortedView>>;
