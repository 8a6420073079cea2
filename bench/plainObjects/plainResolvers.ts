/**
 * The peer's resolvers: the three root fields the benchmark asks, each a Map
 * lookup or a slice of a list sorted in advance, and the type of an
 * organisation, which its object carries. Every other field the four
 * questions ask is a property of a plain object, read by GraphQL's default
 * resolver (which graphql-jit inlines). Arguments and filters the questions
 * do not use are refused with an error rather than answered differently
 * from ours.
 */
import type { IResolvers } from '@graphql-tools/utils';
import type { PlainObjects, PlainOrganisation, PlainOrganisationType } from './PlainObjects.js';
import { PlainPage } from './PlainPage.js';

/** Our API's page size when `first` is not given (src/graphql/paginate.ts). */
const DEFAULT_PAGE_SIZE = 20;

const typeOfFilter: Readonly<Record<string, PlainOrganisationType>> = {
  MUNICIPALITY: 'Municipality',
  COLLABORATION: 'Collaboration',
  PROJECT: 'Project',
  OTHER_ORGANISATION: 'OtherOrganisation',
  ORGANISATIONAL_UNIT: 'OrganisationalUnit',
};

interface OrganisationsArgs {
  filter?: { type?: string | null; county?: string | null; name?: string | null } | null;
  first?: number | null;
  after?: string | null;
}

export function plainResolvers(objects: PlainObjects): IResolvers {
  const typeOf = (organisation: PlainOrganisation) => organisation.__typename;
  return {
    Query: {
      municipality: (_root: unknown, { code }: { code: string }) => objects.municipalitiesByCode.get(code) ?? null,
      collaboration: (_root: unknown, { id }: { id: string }) => objects.collaborationsById.get(id) ?? null,
      organisations: (_root: unknown, { filter, first, after }: OrganisationsArgs) => {
        if (filter?.county != null || filter?.name != null || after != null) throw new Error('The plain-JavaScript peer answers organisations(filter: { type }, first) only');
        const size = first ?? DEFAULT_PAGE_SIZE;
        const type = filter?.type == null ? undefined : typeOfFilter[filter.type];
        const items = type === undefined ? objects.organisations : (objects.organisationsByType.get(type) ?? []);
        return new PlainPage(items, 0, size);
      },
    },
    Organisation: { __resolveType: typeOf },
    Node: { __resolveType: typeOf },
  };
}
